/**
 * `posetrail export` as a user runs it (a child process): a saved project re-exported with its
 * edits and filters, a PoseTrack file re-exported with smoothing and gap filling chosen on the
 * command line, and the errors for bad choices.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../helpers/assets';
import { readResultFile } from '../../../core/export/read';
import { writeTrackingResult } from '../../../core/export/write';
import { writeProjectFile } from '../../../core/project/project-file';
import { pushEdit, EMPTY_HISTORY } from '../../../core/project/history';
import { DEFAULT_FILTERS } from '../../../core/analysis/filter-settings';
import type { TrackEdit } from '../../../core/api/pose-api';
import { makeScene } from '../../unit/analysis/scene';

let dir: string;
const scene = () => {
  const result = makeScene({
    walkers: [
      { x0: 200, y0: 400, vx: 3, vy: 0 },
      { x0: 900, y0: 420, vx: -3, vy: 0 },
    ],
    frames: 20,
    noisePx: 2,
    seed: 8,
  });
  // Track 1 is lost for frames 6–8.
  for (const f of [6, 7, 8])
    result.frames[f] = { ...result.frames[f], poses: result.frames[f].poses.filter((p) => p.trackId !== 1) };
  return result;
};

function posetrail(...args: string[]) {
  return posetrailCommand('export', ...args);
}

function posetrailCommand(command: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin/posetrail.js'), command, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-export-cli-'));
  await writeTrackingResult(path.join(dir, 'clip.posetrack.json'), scene(), { format: 'posetrack18' });
  const edits: TrackEdit[] = [
    { kind: 'keypoint', trackId: 0, frameIndex: 3, keypointIndex: 9, x: 111, y: 222 },
    { kind: 'swap', trackIdA: 0, trackIdB: 1, frameIndex: 10, toFrameIndex: 12 },
    { kind: 'setFilters', filters: { ...DEFAULT_FILTERS, maxGapFrames: 4 } },
  ];
  const history = edits.reduce(pushEdit, EMPTY_HISTORY);
  await writeProjectFile(
    { videoPath: path.join(dir, 'clip.mp4'), baseResult: scene(), history, revision: 3 },
    [],
    dir,
    async () => true,
  );
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('posetrail export', () => {
  it('re-exports a project with its edits and its stored gap filling, flagged', async () => {
    const out = path.join(dir, 'project.csv');
    const run = posetrail(path.join(dir, 'clip.posetrail.json'), '-o', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /20 frames, 40 poses from the project; no smoothing, gaps up to 4 frames filled \(linear\); 51 keypoints filled/,
    );
    const rows = (await readFile(out, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => l.split(','));
    expect(rows.find((r) => r[0] === '3' && r[2] === '0' && r[3] === 'left_wrist')).toEqual([
      '3',
      '120',
      '0',
      'left_wrist',
      '111',
      '222',
      expect.any(String),
      'edited',
      '',
    ]);
    expect(rows.filter((r) => r[0] === '7' && r[2] === '1').every((r) => r[7] === 'filled')).toBe(true);
    // Swapped on frames 10–12 only: track 0 is the person walking left (x near 900 − 3·f) there.
    expect(Number(rows.find((r) => r[0] === '11' && r[2] === '0' && r[3] === 'left_hip')![4])).toBeGreaterThan(800);
    expect(Number(rows.find((r) => r[0] === '13' && r[2] === '0' && r[3] === 'left_hip')![4])).toBeLessThan(300);
  });

  it('re-exports a PoseTrack file with smoothing and gap filling from the command line, in any format', async () => {
    const input = path.join(dir, 'clip.posetrack.json');
    const wide = path.join(dir, 'wide.csv');
    const run = posetrail(
      input,
      '-o',
      wide,
      '--format',
      'csv-wide',
      '--smooth',
      'one-euro',
      '--fill-gaps',
      '3',
      '--gap-method',
      'cubic',
    );
    expect(run.code).toBe(0);
    const rows = (await readFile(wide, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => l.split(','));
    expect(rows).toHaveLength(21);
    const col = rows[0].indexOf('track1_nose_flags');
    expect(rows[8][col]).toBe('filled+smoothed');
    expect(rows[3][col]).toBe('smoothed');
    const coco = path.join(dir, 'coco.json');
    expect(posetrail(input, '-o', coco, '--format', 'coco').code).toBe(0);
    expect(JSON.parse(await readFile(coco, 'utf8'))).toHaveLength(37);
  });

  it('names a bad choice and exits 2', () => {
    const input = path.join(dir, 'clip.posetrack.json');
    const window = posetrail(input, '-o', path.join(dir, 'x.json'), '--smooth', 'savgol', '--window', '4');
    expect(window.code).toBe(2);
    expect(window.stderr).toContain('window must be an odd whole number of frames ≥ 3, got 4');
    const unknown = posetrail(input, '-o', path.join(dir, 'x.txt'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Cannot tell the export format from');
    const missing = posetrail(path.join(dir, 'none.json'), '-o', path.join(dir, 'y.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('none.json');
  });

  it('writes SLEAP and DeepLabCut files, reads them back, and evaluates them against the PoseTrack original', async () => {
    const input = path.join(dir, 'clip.posetrack.json');
    const sleap = path.join(dir, 'clip.analysis.h5');
    const dlc = path.join(dir, 'clip.dlc.csv');
    expect(posetrail(input, '-o', sleap).code).toBe(0);
    expect(posetrail(input, '-o', dlc, '--format', 'dlc').code).toBe(0);
    const original = (await readResultFile(input)).result;
    for (const file of [sleap, dlc]) {
      const back = path.join(dir, `${path.basename(file)}.posetrack.json`);
      const run = posetrail(file, '-o', back);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/: 20 frames, 37 poses from the result/);
      const reread = (await readResultFile(back)).result;
      const poses = (r: typeof original) =>
        r.frames.flatMap((f) => f.poses.map((p) => [f.frameIndex, p.trackId, p.keypoints]));
      // PoseTrack JSON keeps 1e-3 px; the arrays hold what it held exactly.
      expect(poses(reread)).toEqual(poses(original));
      const evaluation = posetrailCommand('eval', '--gt', input, '--pred', file, '--json');
      expect(evaluation.stderr).toBe('');
      const report = JSON.parse(evaluation.stdout);
      expect(report.ap.total).toBeCloseTo(100, 6);
      expect(report.mota.total).toBeCloseTo(100, 6);
    }
  });

  it('writes NWB with ndx-pose, reads it back at float32 precision, and evaluates it against the PoseTrack original', async () => {
    const input = path.join(dir, 'clip.posetrack.json');
    const nwb = path.join(dir, 'clip.nwb');
    expect(posetrail(input, '-o', nwb).code).toBe(0);
    const original = (await readResultFile(input)).result;
    const back = path.join(dir, 'clip.nwb.posetrack.json');
    const run = posetrail(nwb, '-o', back);
    expect(run.stderr).toBe('');
    const reread = (await readResultFile(back)).result;
    const poses = (r: typeof original, round: (v: number) => number) =>
      r.frames.flatMap((f) => f.poses.map((p) => [f.frameIndex, p.trackId, p.keypoints.map((k) => k.map(round))]));
    // float32 in the NWB file; the PoseTrack file carries the model's keypoints unrounded.
    expect(poses(reread, (v) => v)).toEqual(poses(original, Math.fround));
    const evaluation = posetrailCommand('eval', '--gt', input, '--pred', nwb, '--json');
    expect(evaluation.stderr).toBe('');
    const report = JSON.parse(evaluation.stdout);
    expect(report.ap.total).toBeCloseTo(100, 6);
    expect(report.mota.total).toBeCloseTo(100, 6);
  });
});
