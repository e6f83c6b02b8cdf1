import type { TrackingResult } from '../types';
import { DLC_COORDS, DLC_HEADER_NAMES, dlcScorer } from './dlc-csv';
import { denseIndex, toDenseTracks, type DenseTracks } from './dense-tracks';
import { fixedStrings, writeArray } from './hdf5/datasets';
import { writeHdf5Atomic, type H5Dataset, type H5File, type H5Group } from './hdf5/h5wasm';
import type { KeypointExport } from './prepare';

/** The key DeepLabCut stores its pose table under. */
export const DLC_H5_KEY = 'df_with_missing';

/**
 * DeepLabCut's `.h5` beside the CSV: the same DataFrame, stored as pandas' `to_hdf` stores it in
 * PyTables' "fixed" layout, so `pandas.read_hdf(file, "df_with_missing")` returns the frame that
 * `pandas.read_csv(csv, header=[0, 1, 2, 3], index_col=0)` returns. DeepLabCut itself writes the
 * "table" layout (a compound dataset with an array member); h5wasm 0.10 cannot write array members
 * inside compounds ("data type not supported"), and pandas reads both layouts the same way.
 * Columns are a four-level MultiIndex (levels sorted, int8 codes as pandas factorizes them),
 * values float64 (rows × columns, flagged `transposed` as pandas writes blocks).
 */
export async function writeDlcH5(
  target: string,
  result: TrackingResult,
  keypoints: KeypointExport,
  trackNames?: Record<number, string>,
): Promise<void> {
  const d = toDenseTracks(result, { keypoints, trackNames, span: 'video' });
  const scorer = dlcScorer(result);
  const columns = d.trackNames.flatMap((track) =>
    d.nodeNames.flatMap((node) => DLC_COORDS.map((coord) => [scorer, track, node, coord])),
  );
  await writeHdf5Atomic(target, (file) => fillDlcFile(file, d, columns));
}

function fillDlcFile(file: H5File, d: DenseTracks, columns: string[][]): void {
  stringAttrs(file, { CLASS: 'GROUP', PYTABLES_FORMAT_VERSION: '2.1', TITLE: '', VERSION: '1.0' });
  const group = file.create_group(DLC_H5_KEY);
  stringAttrs(group, {
    CLASS: 'GROUP',
    TITLE: '',
    VERSION: '1.0',
    axis0_variety: 'multi',
    axis1_variety: 'regular',
    block0_items_variety: 'multi',
    encoding: 'UTF-8',
    errors: 'strict',
    pandas_type: 'frame',
    pandas_version: '0.15.2',
  });
  for (const [name, value] of Object.entries({ axis0_nlevels: 4, block0_items_nlevels: 4, nblocks: 1, ndim: 2 }))
    group.create_attribute(name, BigInt64Array.of(BigInt(value)), []);
  writeMultiIndex(group, 'axis0', columns);
  arrayAttrs(
    writeArray(
      group,
      'axis1',
      BigInt64Array.from({ length: d.frameCount }, (_, i) => BigInt(i)),
      [d.frameCount],
    ),
    { kind: 'integer' },
  );
  writeMultiIndex(group, 'block0_items', columns);
  arrayAttrs(writeArray(group, 'block0_values', rowMajorValues(d), [d.frameCount, columns.length]), {});
}

/** One level array (sorted unique labels) and one code array per level, as pandas writes a MultiIndex. */
function writeMultiIndex(group: H5Group, prefix: string, columns: string[][]): void {
  DLC_HEADER_NAMES.forEach((levelName, level) => {
    const labels = columns.map((c) => c[level]);
    const levels = [...new Set(labels)].sort();
    const codes = labels.map((label) => levels.indexOf(label));
    const levelArray = writeArray(group, `${prefix}_level${level}`, fixedStrings(levels), [levels.length]);
    arrayAttrs(levelArray, { kind: 'string', name: levelName, [`${prefix}_name${levelName}`]: levelName });
    arrayAttrs(writeArray(group, `${prefix}_label${level}`, codeArray(codes, levels.length), [codes.length]), {});
  });
}

/** pandas factorizes into the smallest signed integer type that holds the level count. */
function codeArray(codes: number[], levelCount: number): Int8Array | Int16Array | Int32Array {
  if (levelCount <= 127) return Int8Array.from(codes);
  return levelCount <= 32767 ? Int16Array.from(codes) : Int32Array.from(codes);
}

function rowMajorValues(d: DenseTracks): Float64Array {
  const [F, T, N] = [d.frameCount, d.trackIds.length, d.nodeNames.length];
  const out = new Float64Array(F * T * N * 3);
  let o = 0;
  for (let f = 0; f < F; f++) {
    for (let t = 0; t < T; t++) {
      for (let n = 0; n < N; n++) {
        const at = denseIndex(d, f, t, n);
        out[o++] = d.x[at];
        out[o++] = d.y[at];
        out[o++] = d.score[at];
      }
    }
  }
  return out;
}

/** PyTables' Array attributes, with pandas' own on top. */
function arrayAttrs(dataset: H5Dataset, extra: Record<string, string>): void {
  stringAttrs(dataset, { CLASS: 'ARRAY', FLAVOR: 'numpy', TITLE: '', VERSION: '2.4', ...extra });
  dataset.create_attribute('transposed', Uint8Array.of(1), []);
}

/** Fixed-length byte-string attributes, as PyTables writes them. */
function stringAttrs(target: H5Group | H5Dataset, attrs: Record<string, string>): void {
  for (const [name, value] of Object.entries(attrs))
    target.create_attribute(name, value, null, `S${Math.max(1, Buffer.byteLength(value, 'utf8'))}`);
}
