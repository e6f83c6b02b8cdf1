import { describe, expect, it } from 'vitest';
import { runStages, type StagesInput } from '../../../../core/pipeline/run-stages';
import { missingPeople } from '../../../../core/pipeline/detection/lost-search';
import { PoseTracker } from '../../../../core/track';
import { COCO17 } from '../../../../core/keypoints/schema';
import type { Box, Frame, Keypoint, Pose } from '../../../../core/types';
import { TEST_TRACKER_RUN } from '../../../helpers/tracker-settings';

/**
 * A small person whom only the tiles see, with tiles searched on every 3rd detector run: when
 * propagation loses them on a frame between two tiled passes, the pose stage searches the tiles
 * around where they were, and the person stays on every frame; without the search they are
 * missing until the next tiled pass.
 */
const SMALL: Box = { x: 200, y: 100, w: 20, h: 50, score: 0.8 };
/** Frames where the pose model gives the small person a pose too weak to propagate from. */
const WEAK_FRAMES = new Set([4, 10]);

function keypoints(box: Box, score: number): Keypoint[] {
  return Array.from({ length: 17 }, (_, i) => [box.x + (i % 3) * 5, box.y + i * 2, score] as Keypoint);
}

function scenario(searchTilesBetweenPasses: boolean) {
  const requests: { index: number; tilesNear?: readonly Box[]; fullFrameOnly?: boolean }[] = [];
  const input: StagesInput = {
    async *openFrames() {
      for (let index = 0; index < 14; index += 1)
        yield { index, timestampMs: index * 40, width: 320, height: 240, rgb: new Uint8Array(0) } satisfies Frame;
    },
    totalFrames: 14,
    detector: {
      async detect(frame, options = {}) {
        requests.push({ index: frame.index, ...options });
        return options.fullFrameOnly ? [] : [SMALL];
      },
    },
    poseModel: {
      async estimate(frame, boxes) {
        // Propagated boxes on a weak frame find nobody; a fresh detector box finds the person.
        return boxes.map((box): Pose => {
          const weak = WEAK_FRAMES.has(frame.index) && (box as { source?: string }).source === 'propagated';
          return { keypoints: keypoints(SMALL, weak ? 0.02 : 0.8), box, score: weak ? 0.02 : 0.8 };
        });
      },
    },
    tracker: new PoseTracker(TEST_TRACKER_RUN),
    detIntervalFrames: 1,
    tileIntervalFrames: 3,
    searchTilesBetweenPasses,
    minBoxScore: 0.3,
    minKeypointScore: 0.3,
    sigmas: COCO17.sigmas,
    flipPairs: COCO17.flipPairs,
  };
  return { input, requests };
}

describe('searching the tiles for people lost between tiled passes', () => {
  it('finds the lost person again on the frame they were lost, searching only around their last box', async () => {
    const { input, requests } = scenario(true);
    const output = await runStages(input);
    expect(output.frames.map((f) => f.poses.length)).toEqual(Array(14).fill(1));
    expect(output.tracks).toBe(1);
    const searches = requests.filter((r) => r.tilesNear);
    expect(searches.map((r) => r.index)).toEqual([4, 10]);
    for (const search of searches) {
      expect(search.tilesNear).toHaveLength(1);
      expect(search.tilesNear![0].x).toBeCloseTo(SMALL.x, 0);
    }
  });

  it('without the search, the person is missing until the next tiled pass', async () => {
    const { input, requests } = scenario(false);
    const output = await runStages(input);
    const missing = output.frames.filter((f) => f.poses.length === 0).map((f) => f.frameIndex);
    expect(missing).toEqual([4, 5, 10, 11]);
    expect(requests.some((r) => r.tilesNear)).toBe(false);
  });

  it('does not search on frames whose tiles were searched anyway', async () => {
    const { input, requests } = scenario(true);
    input.tileIntervalFrames = 1;
    await runStages(input);
    expect(requests.some((r) => r.tilesNear)).toBe(false);
  });
});

describe('missingPeople', () => {
  it('lists the previous boxes that no current box overlaps', () => {
    const a: Box = { x: 0, y: 0, w: 10, h: 20, score: 1 };
    const b: Box = { x: 100, y: 0, w: 10, h: 20, score: 1 };
    expect(missingPeople([a, b], [{ ...a, x: 1 }])).toEqual([b]);
    expect(missingPeople([a, b], [])).toEqual([a, b]);
    expect(missingPeople([], [a])).toEqual([]);
  });
});
