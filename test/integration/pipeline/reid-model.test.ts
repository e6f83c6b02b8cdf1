/**
 * A run with a person re-ID model (`reidModel`, the CLI's `--reid-model`): the real detector and
 * pose model on ten frames of the shared two-people clip, and the synthetic re-ID model (see
 * synthetic-reid-model.ts) loaded under the OSNet manifest on its own thread; each frame's poses
 * are embedded before the tracker sees them.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SHARED_MODELS_DIR, VIDEOS } from '../../helpers/assets';
import { runTracking } from '../../../core/pipeline/runner';
import { writeSyntheticReidModel } from '../../helpers/synthetic-reid-model';
import type { PersonEmbedder, PersonEmbedderOptions } from '../../../core/pose/reid-embedder';

/** Counts the boxes the run's embedder is asked for. */
const embedded = vi.hoisted(() => ({ boxes: 0, calls: 0 }));
vi.mock('../../../core/pipeline/reid-thread', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../core/pipeline/reid-thread')>();
  return {
    ...actual,
    createThreadedEmbedder: async (options: PersonEmbedderOptions): Promise<PersonEmbedder> => {
      const real = await actual.createThreadedEmbedder(options);
      return {
        manifest: real.manifest,
        provider: real.provider,
        get times() {
          return real.times;
        },
        embed: (frame, boxes) => {
          embedded.calls += 1;
          embedded.boxes += boxes.length;
          return real.embed(frame, boxes);
        },
        dispose: () => real.dispose(),
      };
    },
  };
});

process.env.POSETRAIL_MODEL_PATH ??= SHARED_MODELS_DIR;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-reid-run-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const RUN = {
  detector: 'yolox-nano-416',
  poseModel: 'simplepose-nano',
  device: 'cpu',
  detectorTiling: 'off',
  startFrame: 40,
  endFrame: 50,
} as const;

describe('tracking with a re-ID model', () => {
  it('embeds every tracked pose and keeps the two people on two tracks', async () => {
    const model = await writeSyntheticReidModel(dir);
    const run = await runTracking(VIDEOS.twoPeople, { ...RUN, reidModel: model });
    expect(run.result.frames).toHaveLength(10);
    const tracked = run.result.frames.reduce((sum, f) => sum + f.poses.length, 0);
    // Every pose the tracker was given was embedded first (weak ones it then leaves out).
    expect(embedded.calls).toBe(10);
    expect(embedded.boxes).toBeGreaterThanOrEqual(tracked);
    expect(tracked).toBeGreaterThanOrEqual(18);
    // The summary counts the re-ID model's calls beside the detector's and the pose model's (the
    // synthetic model's batch is fixed at 16: each call holds 16 images, the unused ones blank).
    expect(run.summary.modelCalls?.reid).toEqual({ calls: 10, images: 160, callsByBatch: { 16: 10 } });
    expect(run.summary.stageMs.reidModel).toBeGreaterThan(0);
    const ids = new Set(run.result.frames.flatMap((f) => f.poses.map((p) => p.trackId)));
    expect(ids.size).toBe(2);
  }, 120_000);

  it('names the model it cannot find', async () => {
    await expect(runTracking(VIDEOS.twoPeople, { ...RUN, reidModel: 'osnet-nope' })).rejects.toThrow(
      'Unknown model "osnet-nope"',
    );
  }, 120_000);
});
