import { readTextCapped } from '../util/read-capped';
import type { TrackingResult } from '../types';
import { denseToResult, type ReadResult } from './dense-result';
import { denseIndex, emptyArrays, idsFromNames, toDenseTracks, type DenseTracks } from './dense-tracks';
import type { KeypointExport } from './prepare';

/**
 * DeepLabCut's multi-animal table as its `analyze_videos` writes it (pandas `to_csv` of a frame
 * with four column levels): header rows `scorer`, `individuals`, `bodyparts`, `coords` (x, y,
 * likelihood for each individual × bodypart), then one row per video frame led by its index;
 * missing values are empty cells (NaN to pandas), except in a first row with nobody in it, whose
 * cells say NaN: pandas reads an all-empty row right after a multi-row header as the index's name
 * and drops it (its own to_csv output loses frame 0 that way). Individuals are the tracks, named as in the app
 * or `track_<id>`. Numbers are written at full precision (JavaScript's shortest round-trip form).
 */
export const DLC_COORDS = ['x', 'y', 'likelihood'] as const;
export const DLC_HEADER_NAMES = ['scorer', 'individuals', 'bodyparts', 'coords'] as const;

export function toDlcCsv(
  result: TrackingResult,
  keypoints: KeypointExport,
  trackNames?: Record<number, string>,
): string {
  const d = toDenseTracks(result, { keypoints, trackNames, span: 'video' });
  const scorer = dlcScorer(result);
  const columns = d.trackNames.flatMap((track) =>
    d.nodeNames.flatMap((node) => DLC_COORDS.map((coord) => [scorer, track, node, coord])),
  );
  const header = DLC_HEADER_NAMES.map((level, i) => [level, ...columns.map((c) => csvField(c[i]))].join(','));
  const rows: string[] = [];
  for (let f = 0; f < d.frameCount; f++) {
    const cells = [String(f)];
    for (let t = 0; t < d.trackIds.length; t++) {
      for (let n = 0; n < d.nodeNames.length; n++) {
        const at = denseIndex(d, f, t, n);
        cells.push(cell(d.x[at]), cell(d.y[at]), cell(d.score[at]));
      }
    }
    rows.push(
      f === 0 && cells.every((c, i) => i === 0 || c === '')
        ? cells.map((c, i) => (i === 0 ? c : 'NaN')).join(',')
        : cells.join(','),
    );
  }
  return `${[...header, ...rows].join('\n')}\n`;
}

/** DeepLabCut names the network in `scorer`; Posetrail names itself and the pose model. */
export function dlcScorer(result: TrackingResult): string {
  return `Posetrail_${result.models.pose}`;
}

function cell(value: number): string {
  return Number.isNaN(value) ? '' : String(value);
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Whether a CSV's first cell is DeepLabCut's `scorer` header. */
export function looksLikeDlcCsv(head: string): boolean {
  return /^scorer(,|\r?\n|$)/.test(head);
}

/** Reads a DeepLabCut CSV: multi-animal (four header rows) or single-animal (three, one track). */
export async function readDlcCsv(file: string): Promise<ReadResult> {
  const text = await readTextCapped(file);
  const rows = parseCsv(text).filter((r) => r.length > 1 || r[0] !== '');
  const multi = rows[1]?.[0] === 'individuals';
  const levels = multi ? 4 : 3;
  if (rows[0]?.[0] !== 'scorer' || rows[levels - 1]?.[0] !== 'coords')
    throw new Error(
      `${file}: not a DeepLabCut CSV (header rows scorer${multi ? ', individuals' : ''}, bodyparts, coords expected).`,
    );
  const individuals = multi ? rows[1].slice(1) : rows[1].slice(1).map(() => 'track_0');
  const bodyparts = rows[levels - 2].slice(1);
  const coords = rows[levels - 1].slice(1);
  const trackNames = unique(individuals);
  const nodeNames = unique(bodyparts);
  const data = rows.slice(levels);
  const frameOf = (row: string[], i: number) => (/^\d+$/.test(row[0]) ? Number(row[0]) : i);
  const frameCount = data.reduce((n, row, i) => Math.max(n, frameOf(row, i) + 1), 0);
  const dense: DenseTracks = {
    frameCount,
    trackIds: idsFromNames(trackNames),
    trackNames,
    nodeNames,
    edges: [],
    ...emptyArrays(frameCount, trackNames.length, nodeNames.length),
  };
  const target = { x: dense.x, y: dense.y, likelihood: dense.score } as Record<string, Float64Array>;
  data.forEach((row, i) => {
    const f = frameOf(row, i);
    coords.forEach((coord, c) => {
      const text = row[c + 1]?.trim() ?? '';
      if (!target[coord] || text === '' || text.toLowerCase() === 'nan') return;
      const value = Number(text);
      if (!Number.isFinite(value)) throw new Error(`${file}: frame ${f}, column ${c + 2}: "${text}" is not a number.`);
      target[coord][denseIndex(dense, f, trackNames.indexOf(individuals[c]), nodeNames.indexOf(bodyparts[c]))] = value;
    });
  });
  return denseToResult(dense, { file, spansVideo: true });
}

function unique(list: string[]): string[] {
  return list.filter((item, i) => list.indexOf(item) === i);
}

/** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (row.push(field), (field = ''));
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      (row.push(field), rows.push(row), (row = []), (field = ''));
    } else field += ch;
  }
  if (field !== '' || row.length) (row.push(field), rows.push(row));
  return rows;
}
