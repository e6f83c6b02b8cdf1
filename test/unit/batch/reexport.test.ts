import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackSettings } from '../../../core/api/pose-api';
import { DEFAULT_TRACK_SETTINGS } from '../../../core/settings/run-settings';
import { writeTrackingResult } from '../../../core/export';
import { assertReplaceableOutput, markReexports, readEarlierResult } from '../../../core/batch/reexport';
import { keepEarlierReport } from '../../../core/batch/report-history';
import { settingsHash, writeBatchReport, type BatchReport, type BatchReportFile } from '../../../core/batch/report';
import { makeResult } from '../export/fixtures';

const settings: TrackSettings = {
  ...DEFAULT_TRACK_SETTINGS,
  detector: 'yolox-nano-416',
  poseModel: 'simplepose-nano',
  device: 'cpu',
  detIntervalFrames: 1,
  minBoxScore: 0.5,
  minKeypointScore: 0.3,
  flipTest: false,
};
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-reexport-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function entry(relativePath: string, output: string, status: BatchReportFile['status'], hash: string): BatchReportFile {
  return {
    input: path.join(dir, relativePath),
    output,
    relativePath,
    status,
    inputSizeBytes: 100,
    inputMtimeMs: 5,
    settingsHash: hash,
  };
}

function report(
  format: BatchReport['format'],
  files: BatchReportFile[],
  startedAt = '2026-11-30T08:00:00.000Z',
): BatchReport {
  const hash = settingsHash(settings, format, null);
  return {
    version: 1,
    folder: dir,
    outDir: dir,
    format,
    keypoints: null,
    settings,
    settingsHash: hash,
    startedAt,
    updatedAt: startedAt,
    counts: { pending: 0, running: 0, done: 1, skipped: 0, failed: 0, cancelled: 0 },
    files,
  };
}

describe('a batch run that changes only the format', () => {
  it('re-exports finished videos from their PoseTrack 2018 output instead of tracking them again', async () => {
    const earlier = path.join(dir, 'a.posetrack.json');
    await writeTrackingResult(earlier, makeResult(), { format: 'posetrack18' });
    const before = report('posetrack18', [
      entry('a.mp4', earlier, 'done', settingsHash(settings, 'posetrack18', null)),
      entry('gone.mp4', path.join(dir, 'gone.posetrack.json'), 'done', ''),
    ]);
    const now = [
      entry('a.mp4', path.join(dir, 'a.poses.csv'), 'pending', 'x'),
      entry('gone.mp4', path.join(dir, 'gone.poses.csv'), 'pending', 'x'),
    ];
    await markReexports(now, before, settings, null);
    expect(now.map((f) => f.reexportFrom)).toEqual([earlier, undefined]);
    const { frames, tracks } = await readEarlierResult(earlier);
    expect([frames, tracks]).toEqual([makeResult().frames.length, 2]);

    // Other tracking settings, or an input that changed: tracked again.
    const changed = [{ ...now[0], reexportFrom: undefined }];
    await markReexports(changed, before, { ...settings, minBoxScore: 0.6 }, null);
    expect(changed[0].reexportFrom).toBeUndefined();
    const edited = [{ ...now[0], reexportFrom: undefined, inputMtimeMs: 6 }];
    await markReexports(edited, before, settings, null);
    expect(edited[0].reexportFrom).toBeUndefined();
  });

  it("keeps the earlier report beside the new one, and never replaces someone else's file", async () => {
    const out = path.join(dir, 'reports');
    await fs.mkdir(out);
    const earlier = { ...report('csv', []), outDir: out };
    await writeBatchReport(earlier);
    const kept = await keepEarlierReport(out, earlier);
    expect(path.basename(kept!)).toBe('batch-report.2026-11-30T08-00-00-000Z.json');
    expect(JSON.parse(await fs.readFile(kept!, 'utf8')).format).toBe('csv');
    expect(await keepEarlierReport(out, null)).toBeNull();

    const theirs = path.join(dir, 'theirs.csv');
    await fs.writeFile(theirs, 'subject,score\n1,2\n');
    await expect(assertReplaceableOutput(theirs)).rejects.toThrow(
      `${theirs} already exists and was not written by Posetrail; the batch does not replace it.`,
    );
    const ours = path.join(dir, 'ours.csv');
    await writeTrackingResult(ours, makeResult(), { format: 'csv' });
    await expect(assertReplaceableOutput(ours)).resolves.toBeUndefined();
  });
});
