import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { planFile } from '../../../core/batch/plan';
import { readBatchReport, settingsHash, type BatchReport } from '../../../core/batch/report';
import { DEFAULT_TRACK_SETTINGS, TrackSettingsSchema } from '../../../core/settings/run-settings';

let root: string;
let input: string;
let output: string;
const hash = settingsHash(DEFAULT_TRACK_SETTINGS, 'posetrack18', null);

async function finishedReport(overrides: Record<string, unknown> = {}): Promise<BatchReport> {
  const s = await stat(input);
  return {
    files: [
      {
        input,
        output,
        relativePath: 'a.mp4',
        status: 'done',
        inputSizeBytes: s.size,
        inputMtimeMs: s.mtimeMs,
        settingsHash: hash,
        frames: 230,
        tracks: 2,
        wallMs: 1234,
        ...overrides,
      },
    ],
  } as unknown as BatchReport;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'posetrail-plan-'));
  input = path.join(root, 'a.mp4');
  output = path.join(root, 'out', 'a.posetrack.json');
  await writeFile(input, 'video bytes');
  await mkdir(path.dirname(output), { recursive: true });
  await writeFile(output, '{}');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('planFile', () => {
  it('skips a video finished with the same input and settings, keeping its numbers', async () => {
    const entry = await planFile(input, output, root, hash, await finishedReport());
    expect(entry).toMatchObject({ status: 'skipped', frames: 230, tracks: 2, wallMs: 1234, relativePath: 'a.mp4' });
  });

  it('redoes it when anything that decides the output changed', async () => {
    const otherHash = settingsHash({ ...DEFAULT_TRACK_SETTINGS, detIntervalFrames: 2 }, 'posetrack18', null);
    expect(otherHash).not.toBe(hash);
    expect((await planFile(input, output, root, otherHash, await finishedReport())).status).toBe('pending');
    expect((await planFile(input, output, root, hash, await finishedReport({ inputSizeBytes: 1 }))).status).toBe(
      'pending',
    );
    expect((await planFile(input, output, root, hash, await finishedReport({ status: 'running' }))).status).toBe(
      'pending',
    );
    expect((await planFile(input, output, root, hash, await finishedReport({ status: 'failed' }))).status).toBe(
      'pending',
    );
    expect((await planFile(input, output, root, hash, null)).status).toBe('pending');
  });

  it('redoes it when the input was touched or the output deleted', async () => {
    const report = await finishedReport();
    await utimes(input, new Date(), new Date(Date.now() + 5000));
    expect((await planFile(input, output, root, hash, report)).status).toBe('pending');
    const fresh = await finishedReport();
    await rm(output);
    expect((await planFile(input, output, root, hash, fresh)).status).toBe('pending');
    await writeFile(output, '{}');
  });

  it('does not count device or threads as output settings', () => {
    expect(settingsHash({ ...DEFAULT_TRACK_SETTINGS, device: 'cpu', threads: 7 }, 'posetrack18', null)).toBe(hash);
    expect(settingsHash(DEFAULT_TRACK_SETTINGS, 'csv', null)).not.toBe(hash);
    expect(settingsHash(DEFAULT_TRACK_SETTINGS, 'posetrack18', 'coco')).not.toBe(hash);
  });

  it('counts detector tiling off as an output setting, and settings saved before it existed as auto', () => {
    const { detectorTiling: _absent, ...older } = DEFAULT_TRACK_SETTINGS;
    expect(settingsHash(TrackSettingsSchema.parse(older), 'posetrack18', null)).toBe(hash);
    expect(settingsHash({ ...DEFAULT_TRACK_SETTINGS, detectorTiling: 'off' }, 'posetrack18', null)).not.toBe(hash);
  });

  it('marks an unreadable input as failed, naming it', async () => {
    const missing = path.join(root, 'gone.mp4');
    const entry = await planFile(missing, output, root, hash, null);
    expect(entry).toMatchObject({ status: 'failed', error: `Cannot read ${missing} (ENOENT).` });
  });
});

describe('readBatchReport', () => {
  it('returns null without a report and warns about an unreadable one', async () => {
    expect(await readBatchReport(path.join(root, 'none'))).toBeNull();
    const dir = path.join(root, 'broken');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'batch-report.json'), '{"version": 1, "files": [');
    const warnings: string[] = [];
    expect(await readBatchReport(dir, (w) => warnings.push(w))).toBeNull();
    expect(warnings[0]).toContain(`Ignoring unreadable batch report ${path.join(dir, 'batch-report.json')}`);
  });
});
