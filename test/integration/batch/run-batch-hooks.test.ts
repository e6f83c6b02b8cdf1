/**
 * runBatch in process, as the desktop app calls it: updates for every state change with the
 * overall progress, and cancellation that keeps finished videos and resumes later.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SHARED_MODELS_DIR, VIDEOS } from '../../helpers/assets';
import { runBatch, type RunBatchOptions } from '../../../core/batch';
import { DEFAULT_TRACK_SETTINGS } from '../../../core/settings/run-settings';
import type { BatchFileState } from '../../../core/api/pose-api';
import type { Progress } from '../../../core/types';

process.env.POSETRAIL_MODEL_PATH ??= SHARED_MODELS_DIR;

let root: string;
let options: RunBatchOptions;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'posetrail-run-batch-'));
  const folder = path.join(root, 'in');
  await mkdir(path.join(folder, 'day2'), { recursive: true });
  for (const name of ['one.mp4', 'two.MOV', 'day2/three.mp4']) await copyFile(VIDEOS.street, path.join(folder, name));
  options = {
    folder,
    outDir: path.join(root, 'out'),
    recursive: true,
    extensions: ['mp4', 'mov'],
    settings: { ...DEFAULT_TRACK_SETTINGS, detector: 'yolox-nano-416', poseModel: 'simplepose-nano', device: 'cpu' },
    format: 'posetrack18',
  };
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('runBatch', () => {
  it('cancels between videos: the finished one is kept, the rest resume on the next run', async () => {
    const controller = new AbortController();
    const updates: { files: BatchFileState[]; overall: Progress }[] = [];
    const cancelled = runBatch(options, {
      signal: controller.signal,
      onUpdate: (files, overall) => {
        updates.push({ files, overall });
        if (files[0].status === 'done') controller.abort();
      },
    });
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError', message: 'Batch cancelled.' });
    // Sorted by relative path: day2/three.mp4, one.mp4, two.MOV.
    expect(updates[0].files.map((f) => path.relative(options.folder, f.input))).toEqual([
      'day2/three.mp4',
      'one.mp4',
      'two.MOV',
    ]);
    expect(updates[0].overall).toEqual({ done: 0, total: 3 });
    expect(updates.some((u) => u.files[0].status === 'running' && u.files[0].progress?.total === 5)).toBe(true);
    const report = JSON.parse(await readFile(path.join(options.outDir, 'batch-report.json'), 'utf8'));
    expect(report.files.map((f: BatchFileState) => f.status)).toEqual(['done', 'pending', 'pending']);
    expect(report.finishedAt).toBeUndefined();

    const final: BatchFileState[][] = [];
    let beforeQueueCalls = 0;
    const resumed = await runBatch(options, {
      onUpdate: (files) => final.push(files),
      beforeQueue: async () => void (beforeQueueCalls += 1),
    });
    expect(beforeQueueCalls).toBe(1);
    expect(resumed.files.map((f) => f.status)).toEqual(['skipped', 'done', 'done']);
    expect(resumed.counts).toMatchObject({ done: 2, skipped: 1, failed: 0 });
    expect(final.at(-1)!.map((f) => f.status)).toEqual(['skipped', 'done', 'done']);
    for (const name of ['day2/three.posetrack.json', 'one.posetrack.json', 'two.posetrack.json']) {
      expect(existsSync(path.join(options.outDir, name))).toBe(true);
    }

    // Nothing left to track: the hook that fetches models is not called.
    const finished = await runBatch(options, { beforeQueue: async () => void (beforeQueueCalls += 1) });
    expect(finished.counts).toMatchObject({ done: 0, skipped: 3 });
    expect(beforeQueueCalls).toBe(1);
  }, 120_000);

  it('rejects options that cannot work before touching anything', async () => {
    await expect(runBatch({ ...options, extensions: [] })).rejects.toThrow('No video extensions given.');
    await expect(runBatch({ ...options, jobs: 0 })).rejects.toThrow('Invalid jobs 0. Should be an integer ≥ 1.');
    await expect(runBatch({ ...options, format: 'posetrack17', keypoints: 'coco' })).rejects.toThrow(
      'PoseTrack 2017 files have no COCO layout',
    );
    await expect(runBatch({ ...options, extensions: ['avi'] })).rejects.toThrow(
      `No videos in ${options.folder} or its sub-folders (looked for .avi).`,
    );
  });

  it('runs two videos at a time with --jobs 2', async () => {
    const outDir = path.join(root, 'out-jobs');
    let maxRunning = 0;
    const report = await runBatch(
      { ...options, outDir, jobs: 2 },
      {
        onUpdate: (files) => {
          maxRunning = Math.max(maxRunning, files.filter((f) => f.status === 'running').length);
        },
      },
    );
    expect(report.counts.done).toBe(3);
    expect(maxRunning).toBe(2);
  }, 120_000);
});
