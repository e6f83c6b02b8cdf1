/**
 * Tiles every 3rd detector run (the default) against tiles on every frame, on the shared
 * two-people clip with YOLOX-nano + simplepose-nano: the detector sees well under half the images,
 * and the same people are tracked over the same frames: first and last frame with one person and
 * with two people within ±2 frames, and as many frames with one and with two people ±2.
 *
 * Between tiled passes, a person the frame lost is searched for in the tiles around where they
 * were (a few extra detector images); that keeps the woman at the left edge as she leaves. When a
 * tiled pass finds someone new, the tiles around them are searched in the frames since the last
 * one: the woman walking in from behind the tree is seen by the tiles alone on her first frames,
 * and is tracked from the same frame as with tiles on every frame.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SHARED_MODELS_DIR, VIDEOS } from '../../helpers/assets';
import { runTracking, type TrackRun } from '../../../core/pipeline/runner';

process.env.POSETRAIL_MODEL_PATH ??= SHARED_MODELS_DIR;
const MODELS = { detector: 'yolox-nano-416', poseModel: 'simplepose-nano', reidModel: 'none', device: 'cpu' } as const;
const TOLERANCE_FRAMES = 2;

let everyFrame: TrackRun;
let interval3: TrackRun;

beforeAll(async () => {
  everyFrame = await runTracking(VIDEOS.twoPeople, { ...MODELS, tileIntervalFrames: 1 });
  interval3 = await runTracking(VIDEOS.twoPeople, MODELS);
}, 1_800_000);

/** Frames holding at least `people` poses: first, last and how many. */
function span(run: TrackRun, people: number) {
  const frames = run.result.frames.filter((f) => f.poses.length >= people).map((f) => f.frameIndex);
  return { first: frames[0], last: frames.at(-1)!, count: frames.length };
}

describe('tiles every 3rd detector run', () => {
  it('runs the detector on fewer than half the images', () => {
    const images = (run: TrackRun) => run.summary.modelCalls!.detector.images;
    expect(images(everyFrame)).toBe(230 * 7);
    const scheduled = 230 + Math.ceil(230 / 3) * 6;
    // The searches for lost people and newcomers add a few tiles, on a few frames.
    expect(images(interval3)).toBeGreaterThan(scheduled);
    expect(images(interval3)).toBeLessThan(scheduled + 40);
    expect(images(interval3) / images(everyFrame)).toBeLessThan(0.5);
  });

  it('tracks one and two people over the same frames, ±2', () => {
    for (const people of [1, 2]) {
      const expected = span(everyFrame, people);
      const actual = span(interval3, people);
      expect(expected.count).toBeGreaterThan(people === 1 ? 220 : 140);
      expect(Math.abs(actual.first - expected.first), `first frame with ${people}`).toBeLessThanOrEqual(
        TOLERANCE_FRAMES,
      );
      expect(Math.abs(actual.last - expected.last), `last frame with ${people}`).toBeLessThanOrEqual(TOLERANCE_FRAMES);
      expect(Math.abs(actual.count - expected.count), `frames with ${people}`).toBeLessThanOrEqual(TOLERANCE_FRAMES);
    }
  });
});
