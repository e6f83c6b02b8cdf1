import { describe, expect, it } from 'vitest';
import { meanKeypointScore } from '../../../core/keypoints/mean-score';
import { propagateBoxes } from '../../../core/pipeline/propagate';
import { mergeBoxes } from '../../../core/pipeline/merge-boxes';
import type { Box, Keypoint, Pose } from '../../../core/types';
import type { CandidateBox, PropagationSource } from '../../../core/pipeline/types';

const imageSize: [number, number] = [1280, 720];

/** 17 keypoints on a person standing in the box, all with the same score. */
function personKeypoints(box: Box, score: number): Keypoint[] {
  return Array.from({ length: 17 }, (_, i) => {
    const row = Math.floor(i / 3);
    const col = i % 3;
    return [box.x + (box.w * (col + 0.5)) / 3, box.y + (box.h * (row + 0.5)) / 6, score] as Keypoint;
  });
}

/**
 * Stands in for the pose model: it finds the person standing at `person` (keypoints on the person,
 * whatever the box), with `score` on every joint — a low score when nobody is there any more.
 */
function estimate(boxes: CandidateBox[], person: Box, score: number): PropagationSource[] {
  return boxes.map((box) => ({
    pose: { keypoints: personKeypoints(person, score), box, score, source: box.source } satisfies Pose,
    detectorMisses: box.detectorMisses,
  }));
}

const options = { imageSize, minKeypointScore: 0.3 };

describe('propagateBoxes', () => {
  it('turns a confident pose into an enlarged box that covers it', () => {
    const box = { x: 100, y: 100, w: 90, h: 300, score: 0.9 };
    const [propagated] = propagateBoxes(
      [{ pose: { keypoints: personKeypoints(box, 0.8), box, score: 0.8 }, detectorMisses: 2 }],
      options,
    );
    expect(propagated.source).toBe('propagated');
    expect(propagated.detectorMisses).toBe(2);
    expect(propagated.score).toBeCloseTo(0.8, 6);
    // Keypoints span x 115..175, y 125..375; ×1.2 about the centre (145, 250).
    expect(propagated.x).toBeCloseTo(109, 6);
    expect(propagated.w).toBeCloseTo(72, 6);
    expect(propagated.y).toBeCloseTo(100, 6);
    expect(propagated.h).toBeCloseTo(300, 6);
  });

  it('drops a pose whose mean keypoint score collapsed', () => {
    const box = { x: 100, y: 100, w: 90, h: 300, score: 0.9 };
    // Five confident joints are enough for a box, but the mean over all 17 is 0.2: nobody is there.
    const keypoints = personKeypoints(box, 0.05).map((k, i) => (i < 5 ? ([k[0], k[1], 0.56] as Keypoint) : k));
    expect(meanKeypointScore(keypoints)).toBeCloseTo(0.2, 6);
    expect(propagateBoxes([{ pose: { keypoints, box, score: 0.2 }, detectorMisses: 0 }], options)).toEqual([]);
    expect(
      propagateBoxes([{ pose: { keypoints, box, score: 0.2 }, detectorMisses: 0 }], {
        ...options,
        confidentMeanKeypointScore: 0.15,
      }),
    ).toHaveLength(1);
  });

  describe('weak poses (mean score between the minimum and the confident score)', () => {
    const box = { x: 500, y: 200, w: 120, h: 360, score: 0.9 };
    /** A weak pose (mean 0.15) found in a box of `source`, whose keypoints are scattered guesses. */
    const weak = (at: Box, source: 'detector' | 'propagated', detectorMisses = 1): PropagationSource => ({
      pose: { keypoints: personKeypoints({ ...at, x: at.x + 300 }, 0.15), box: at, score: 0.15, source },
      detectorMisses,
    });

    it('coast: a weak pose from a propagated box hands that box on unchanged, with its miss count', () => {
      expect(propagateBoxes([weak(box, 'propagated', 3)], options)).toEqual([
        { x: 500, y: 200, w: 120, h: 360, score: expect.closeTo(0.15, 6), source: 'propagated', detectorMisses: 3 },
      ]);
    });

    it('do not coast from a detector box: a weak pose there is a body part or texture', () => {
      expect(propagateBoxes([weak(box, 'detector', 0)], options)).toEqual([]);
    });

    it('do not coast at the image edge, where people leave', () => {
      // 2% of 1280 px is 25.6 px: a box starting at x=20 touches the margin.
      expect(propagateBoxes([weak({ ...box, x: 20 }, 'propagated')], options)).toEqual([]);
      expect(propagateBoxes([weak({ ...box, x: 1280 - 120 - 20 }, 'propagated')], options)).toEqual([]);
      expect(propagateBoxes([weak({ ...box, y: 720 - 360 - 5 }, 'propagated')], options)).toEqual([]);
      expect(propagateBoxes([weak({ ...box, x: 30 }, 'propagated')], options)).toHaveLength(1);
    });

    it('coast for maxWeakDetectorMisses detector runs at most, then the box is dropped', () => {
      const maxWeakDetectorMisses = 4;
      let sources = [weak(box, 'propagated', 1)];
      let framesAlive = 0;
      for (let frame = 1; frame <= 20; frame += 1) {
        const candidates = mergeBoxes([], propagateBoxes(sources, { ...options, maxWeakDetectorMisses }));
        if (candidates.length === 0) break;
        framesAlive += 1;
        sources = [weak(candidates[0], 'propagated', candidates[0].detectorMisses)];
      }
      // Misses 1 → 2, 2 → 3, 3 → 4; a box already missed 4 times is not handed on.
      expect(framesAlive).toBe(3);
    });

    it('are dropped below the minimum mean score', () => {
      expect(propagateBoxes([weak(box, 'propagated')], { ...options, minMeanKeypointScore: 0.2 })).toEqual([]);
    });
  });

  it('keeps a person the detector misses for a few frames (frame by frame)', () => {
    const person = { x: 400, y: 200, w: 120, h: 360, score: 0.9 };
    let candidates = mergeBoxes([person], []);
    let sources = estimate(candidates, person, 0.8);
    // Frames 1–3: the detector misses the person, who is still there (the pose model is confident).
    for (let frame = 1; frame <= 3; frame += 1) {
      candidates = mergeBoxes([], propagateBoxes(sources, options));
      expect(candidates).toHaveLength(1);
      expect(candidates[0].detectorMisses).toBe(frame);
      sources = estimate(candidates, person, 0.8);
    }
    // Frame 4: detected again; the detector box replaces the propagated one and the count resets.
    candidates = mergeBoxes([person], propagateBoxes(sources, options));
    expect(candidates.map((b) => [b.source, b.detectorMisses])).toEqual([['detector', 0]]);
  });

  it('stops propagating a person who left at the image edge: the pose confidence collapses', () => {
    const person = { x: 10, y: 200, w: 120, h: 360, score: 0.9 };
    let sources = estimate(mergeBoxes([person], []), person, 0.8);
    // Frame 1: the person has walked out; the detector finds nobody, the pose model finds only background.
    const frame1 = mergeBoxes([], propagateBoxes(sources, options));
    expect(frame1).toHaveLength(1);
    sources = estimate(frame1, person, 0.1);
    // Frame 2: the collapsed pose is not propagated again.
    expect(propagateBoxes(sources, options)).toEqual([]);
  });

  it('stops propagating at once where the pose model finds nothing at all, even mid-image', () => {
    const person = { x: 400, y: 200, w: 120, h: 360, score: 0.9 };
    const frame1 = mergeBoxes([], propagateBoxes(estimate(mergeBoxes([person], []), person, 0.8), options));
    expect(propagateBoxes(estimate(frame1, person, 0.01), options)).toEqual([]);
  });

  it('stops propagating a box the detector never confirms after maxDetectorMisses runs', () => {
    // A confident pose the detector never supports (a poster, a reflection): it lasts exactly
    // maxDetectorMisses detector runs after the last detection, then is dropped.
    const maxDetectorMisses = 5;
    const poster = { x: 900, y: 100, w: 100, h: 300, score: 0.6 };
    let sources = estimate(mergeBoxes([poster], []), poster, 0.9);
    let framesAlive = 0;
    for (let frame = 1; frame <= 20; frame += 1) {
      const candidates = mergeBoxes([], propagateBoxes(sources, { ...options, maxDetectorMisses }));
      if (candidates.length === 0) break;
      framesAlive += 1;
      sources = estimate(candidates, poster, 0.9);
    }
    expect(framesAlive).toBe(maxDetectorMisses);
  });

  it('with --det-interval, frames without a detector run do not count as misses', () => {
    const person = { x: 400, y: 200, w: 120, h: 360, score: 0.9 };
    let sources = estimate(mergeBoxes([person], []), person, 0.8);
    for (let frame = 1; frame <= 40; frame += 1) {
      const candidates = mergeBoxes(null, propagateBoxes(sources, { ...options, maxDetectorMisses: 3 }));
      expect(candidates).toHaveLength(1);
      expect(candidates[0].detectorMisses).toBe(0);
      sources = estimate(candidates, person, 0.8);
    }
  });

  it('handles no previous poses', () => {
    expect(propagateBoxes([], options)).toEqual([]);
  });
});
