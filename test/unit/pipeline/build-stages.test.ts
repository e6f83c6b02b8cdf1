import { describe, expect, it } from 'vitest';
import { COCO17 } from '../../../core/keypoints/schema';
import { buildStages, trackerSettingsOf } from '../../../core/pipeline/build-stages';
import { resolveTrackOptions } from '../../../core/pipeline/track-options';
import type { Keypoint, Pose } from '../../../core/types';

const VIDEO = { fps: { num: 30, den: 1 } };
const FACTORIES = {
  createDetector: () => Promise.reject(new Error('unused')),
  createPoseEstimator: () => Promise.reject(new Error('unused')),
  loadReidModel: async () => undefined,
  defaultThreads: { detector: 1, pose: 1 },
};
const BOX = { x: 100, y: 100, w: 100, h: 200, score: 0.9 };

/** A person whose first `confident` keypoints score 0.9 in place; the others score 0.5, moved by `shiftPx`. */
function person(shiftPx: number, confident: number, box = BOX): Pose {
  const keypoints = COCO17.names.map((_, k): Keypoint => {
    const [x, y] = [120 + 4 * k, 110 + 10 * k];
    return k < confident ? [x, y, 0.9] : [x + shiftPx, y + shiftPx, 0.5];
  });
  return { keypoints, box, score: 0.8 };
}

/** Track ids of the same person over two frames, tracked with the run's minimum keypoint score. */
function idsAcrossFrames(minKeypointScore: number): number[] {
  const settings = resolveTrackOptions({ detector: 'yolox-nano', poseModel: 'simplepose-nano', minKeypointScore });
  const tracker = buildStages(settings, FACTORIES).createTracker(VIDEO, COCO17);
  const first = tracker.update(0, [person(0, 17)]);
  // Frame 1: five joints stay put and confident; twelve uncertain ones (score 0.5) jump 150 px,
  // and the box moves far away so only the keypoints can link the pose to its track.
  const second = tracker.update(1, [person(150, 5, { ...BOX, x: 900 })]);
  return [first[0].trackId, second[0].trackId];
}

describe('stages built from the run options', () => {
  it("hand the run's minimum keypoint score and the schema's sigmas to the tracker", () => {
    const settings = resolveTrackOptions({ detector: 'd', poseModel: 'p', minKeypointScore: 0.45 });
    expect(trackerSettingsOf(settings, COCO17, VIDEO)).toEqual({
      minKeypointScore: 0.45,
      sigmas: COCO17.sigmas,
      maxTrackIds: 10_000,
      maxAgeFrames: 90,
      relinkMaxFrames: 10,
    });
    expect(buildStages(settings, FACTORIES).createTracker(VIDEO, COCO17).options).toMatchObject({
      minKeypointScore: 0.45,
      sigmas: COCO17.sigmas,
      maxTrackIds: 10_000,
      maxAgeFrames: 90,
    });
  });

  it('track differently when the minimum keypoint score changes', () => {
    // 0.3 counts the jumped 0.5-score joints in OKS (5 of 17 agree): a new track starts.
    expect(idsAcrossFrames(0.3)).toEqual([0, 1]);
    // 0.6 leaves them out: the five confident joints agree exactly and the track continues.
    expect(idsAcrossFrames(0.6)).toEqual([0, 0]);
  });
});
