/**
 * One rule set for every entry point: `posetrail export` and `track` never replace a file
 * Posetrail did not write without --overwrite (one line says so, before any work), and exports
 * carry the project's track names and leave its hidden tracks out unless --include-hidden.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../helpers/cli';
import { SHARED_MODELS_DIR, VIDEOS } from '../../helpers/assets';
import { writeTrackingResult } from '../../../core/export/write';
import { writeProjectFile } from '../../../core/project/project-file';
import { pushEdit, EMPTY_HISTORY } from '../../../core/project/history';
import type { TrackEdit } from '../../../core/api/pose-api';
import { makeScene } from '../analysis/scene';

const HAND_MADE = JSON.stringify({ images: [{ id: 1 }], annotations: [{ id: 1, note: 'labelled by hand' }] });
let dir: string;
let project: string;
const scene = () =>
  makeScene({
    walkers: [
      { x0: 200, y0: 400, vx: 3, vy: 0 },
      { x0: 900, y0: 420, vx: -3, vy: 0 },
      { x0: 500, y0: 300, vx: 0, vy: 2 },
    ],
    frames: 10,
    noisePx: 1,
    seed: 3,
  });

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-cli-rules-'));
  const edits: TrackEdit[] = [
    { kind: 'rename', trackId: 0, name: 'Anna, left' },
    { kind: 'rename', trackId: 2, name: 'Coach' },
    { kind: 'setHidden', trackId: 2, hidden: true },
  ];
  await writeProjectFile(
    {
      videoPath: path.join(dir, 'clip.mp4'),
      baseResult: scene(),
      history: edits.reduce(pushEdit, EMPTY_HISTORY),
      revision: 3,
    },
    [],
    dir,
    async () => true,
  );
  project = path.join(dir, 'clip.posetrail.json');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function handMade(name: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, HAND_MADE);
  return file;
}

const csvRows = async (file: string) =>
  (await readFile(file, 'utf8'))
    .trimEnd()
    .split('\n')
    .map((l) => l.split(','));

describe('posetrail export and track keep files Posetrail did not write', () => {
  it('export refuses to replace a hand-made file in one line, and replaces it with --overwrite', async () => {
    const file = await handMade('labels.json');
    const refused = await runCli('export', project, '-o', file);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toEqual([
      `posetrail: ${file} already exists and was not written by Posetrail; not replacing it (pass --overwrite to replace it).`,
    ]);
    expect(await readFile(file, 'utf8')).toBe(HAND_MADE);
    const replaced = await runCli('export', project, '-o', file, '--overwrite');
    expect(replaced.code).toBe(0);
    expect(replaced.stderr).toBe(`posetrail: replacing ${file}, which Posetrail did not write (--overwrite).\n`);
    expect(JSON.parse(await readFile(file, 'utf8')).posetrail.format_version).toBe(1);
  });

  it('export replaces its own earlier output without asking', async () => {
    const file = path.join(dir, 'ours.csv');
    await writeTrackingResult(file, scene(), { format: 'csv' });
    const run = await runCli('export', project, '-o', file);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('track refuses a hand-labelled output (and a foreign --draw video) before loading any model', async () => {
    const file = await handMade('hand-labelled.json');
    const video = await handMade('not-ours.mp4');
    const models = [
      '--detector',
      'yolox-nano-416',
      '--pose-model',
      'simplepose-nano',
      '--device',
      'cpu',
      '--no-download',
    ];
    const refused = await runCli('track', VIDEOS.street, '-o', file, ...models);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `posetrail: ${file} already exists and was not written by Posetrail; not replacing it (pass --overwrite to replace it).\n`,
    );
    expect(await readFile(file, 'utf8')).toBe(HAND_MADE);
    const draw = await runCli('track', VIDEOS.street, '-o', path.join(dir, 'new.json'), '--draw', video, ...models);
    expect(draw.stderr).toContain(`${video} already exists and was not written by Posetrail`);
  });

  it('track replaces a hand-labelled output with --overwrite', async () => {
    const file = await handMade('replace-me.json');
    process.env.POSETRAIL_MODEL_PATH = SHARED_MODELS_DIR;
    try {
      const run = await runCli(
        'track',
        VIDEOS.street,
        '-o',
        file,
        '--frames',
        '0:2',
        '--overwrite',
        '--detector',
        'yolox-nano-416',
        '--pose-model',
        'simplepose-nano',
        '--device',
        'cpu',
        '--no-download',
      );
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(`posetrail: replacing ${file}, which Posetrail did not write (--overwrite).`);
    } finally {
      delete process.env.POSETRAIL_MODEL_PATH;
    }
    expect(JSON.parse(await readFile(file, 'utf8')).images).toHaveLength(5);
  }, 120_000);
});

describe('posetrail export takes names and hidden tracks from the project', () => {
  it('leaves the hidden track out and names the tracks in PoseTrack, csv, csv-wide, the angle CSV and COCO', async () => {
    const posetrack = path.join(dir, 'named.json');
    const run = await runCli('export', project, '-o', posetrack);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(1 hidden track left out; --include-hidden keeps them)');
    const doc = JSON.parse(await readFile(posetrack, 'utf8'));
    expect(new Set(doc.annotations.map((a: { track_id: number }) => a.track_id))).toEqual(new Set([0, 1]));
    expect(doc.posetrail.track_names).toEqual({ 0: 'Anna, left', 1: '' });

    const long = path.join(dir, 'named.csv');
    expect((await runCli('export', project, '-o', long)).code).toBe(0);
    const text = await readFile(long, 'utf8');
    expect(text.split('\n')[0]).toBe('frame,time_ms,track_id,keypoint,x,y,score,flags,track_name');
    expect(text).toContain(',"Anna, left"\n');
    expect(new Set((await csvRows(long)).slice(1).map((r) => r[2]))).toEqual(new Set(['0', '1']));

    const wide = path.join(dir, 'wide.csv');
    expect((await runCli('export', project, '-o', wide, '--format', 'csv-wide')).code).toBe(0);
    const wideText = await readFile(wide, 'utf8');
    const header = wideText.split('\n')[0].split(',');
    expect(header.filter((h) => h.endsWith('_name'))).toEqual(['track0_name', 'track1_name']);
    expect(header.some((h) => h.startsWith('track2_'))).toBe(false);
    expect(wideText.split('\n')[1]).toContain(',"Anna, left",');

    const angles = path.join(dir, 'angles.csv');
    expect((await runCli('export', project, '-o', angles, '--format', 'analysis-csv')).code).toBe(0);
    const angleRows = (await readFile(angles, 'utf8')).trimEnd().split('\n');
    expect(angleRows[0].endsWith(',flags,track_name')).toBe(true);
    expect(angleRows.filter((r) => r.endsWith(',"Anna, left"'))).toHaveLength(10);
    expect(angleRows.slice(1).every((r) => r.split(',')[2] !== '2')).toBe(true);

    const coco = path.join(dir, 'coco.json');
    expect((await runCli('export', project, '-o', coco, '--format', 'coco')).code).toBe(0);
    const entries = JSON.parse(await readFile(coco, 'utf8')) as { track_id: number; track_name?: string }[];
    expect(entries.filter((e) => e.track_name === 'Anna, left')).toHaveLength(10);
    expect(entries.filter((e) => e.track_id === 2)).toHaveLength(0);
  });

  it('keeps hidden tracks with --include-hidden, and names survive a re-export of a PoseTrack file', async () => {
    const all = path.join(dir, 'all.json');
    expect((await runCli('export', project, '-o', all, '--include-hidden')).code).toBe(0);
    const doc = JSON.parse(await readFile(all, 'utf8'));
    expect(new Set(doc.annotations.map((a: { track_id: number }) => a.track_id))).toEqual(new Set([0, 1, 2]));
    expect(doc.posetrail.track_names).toEqual({ 0: 'Anna, left', 1: '', 2: 'Coach' });
    const again = path.join(dir, 'again.csv');
    expect((await runCli('export', all, '-o', again)).code).toBe(0);
    expect((await csvRows(again)).find((r) => r[2] === '2')!.at(-1)).toBe('Coach');
  });
});
