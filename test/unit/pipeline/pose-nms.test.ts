import { describe, expect, it } from 'vitest';
import { suppressDuplicatePoses } from '../../../core/pipeline/pose-nms';
import { COCO17 } from '../../../core/keypoints/schema';
import type { Keypoint, Pose } from '../../../core/types';

/** A person of 100×300 px standing at (x, 100): 17 keypoints spread over the body. */
function person(x: number, score: number, source: Pose['source'], jitterPx = 0): Pose {
  const keypoints = Array.from(
    { length: 17 },
    (_, i) => [x + 20 + (i % 3) * 30 + jitterPx, 110 + i * 16, 0.9] as Keypoint,
  );
  return { keypoints, box: { x, y: 100, w: 100, h: 300, score }, score, source };
}

const options = { sigmas: COCO17.sigmas, minKeypointScore: 0.3, maxOks: 0.7, flipPairs: COCO17.flipPairs };

describe('suppressDuplicatePoses', () => {
  it('keeps the more confident pose of one person and lists the copy it replaced', () => {
    const propagated = person(0, 0.95, 'propagated', 3);
    const detected = {
      ...person(0, 0.6, 'detector'),
      keypoints: person(0, 0.6, 'detector').keypoints.map(([x, y]) => [x, y, 0.5] as Keypoint),
    };
    const other = person(400, 0.8, 'detector');
    expect(suppressDuplicatePoses([propagated, detected, other], options)).toEqual([
      { kept: propagated, duplicates: [detected] },
      { kept: other, duplicates: [] },
    ]);
  });

  it('keeps two people standing side by side', () => {
    // 40 px apart: OKS ≈ exp(−1600 / (2 · 30000 · k²)), far below 0.7 for every joint.
    const poses = [person(0, 0.9, 'detector'), person(40, 0.9, 'detector')];
    expect(suppressDuplicatePoses(poses, options).map((g) => g.kept)).toEqual(poses);
  });

  it('ranks by keypoint confidence, not by box score', () => {
    const sure = {
      ...person(0, 0.2, 'detector'),
      keypoints: person(0, 0.2, 'detector').keypoints.map(([x, y]) => [x, y, 0.95] as Keypoint),
    };
    const vague = person(0, 0.99, 'detector', 2);
    expect(suppressDuplicatePoses([vague, sure], options).map((g) => g.kept)).toEqual([sure]);
  });

  it('recognises a copy whose left and right joints are swapped', () => {
    const detected = person(0, 0.6, 'detector');
    const keypoints = [...detected.keypoints];
    for (const [l, r] of COCO17.flipPairs)
      [keypoints[l], keypoints[r]] = [detected.keypoints[r], detected.keypoints[l]];
    const mirrored: Pose = { ...person(0, 0.9, 'propagated'), keypoints };
    expect(suppressDuplicatePoses([mirrored, detected], options)).toHaveLength(1);
    // Without the flip pairs the two look like different people.
    expect(suppressDuplicatePoses([mirrored, detected], { ...options, flipPairs: [] })).toHaveLength(2);
  });

  it('keeps a second person whom the detector saw as a separate confident box behind the first', () => {
    // The pose model put the person behind onto the front person's joints: a near copy. Boxes
    // 30 px apart: IoU 70/130 = 0.54.
    const front = person(0, 0.8, 'detector');
    const behind = person(30, 0.6, 'detector', -28);
    expect(suppressDuplicatePoses([front, behind], options)).toHaveLength(2);
    // A doubtful detection (score below 0.5) of the same skeleton is still a copy …
    expect(suppressDuplicatePoses([front, { ...behind, box: { ...behind.box, score: 0.3 } }], options)).toHaveLength(1);
    // … and so is a confident box overlapping less (IoU 0.33, a fragment beside the whole body).
    const beside = { ...behind, box: { ...behind.box, x: 50 } };
    expect(suppressDuplicatePoses([front, beside], options)).toHaveLength(1);
  });

  it('handles an empty frame', () => {
    expect(suppressDuplicatePoses([], options)).toEqual([]);
  });

  it('takes two boxes that each hold one outstretched arm of one person as one person', () => {
    // The shared clip's man at frame 32, arms spread: the detector gave two boxes (0.91 and 0.90,
    // IoU 0.35), each crop saw one arm well. Head and trunk coincide (the hips swapped in one),
    // the wrists lie 300 px apart.
    const kp = (rows: number[][]) => rows.map(([x, y, s]) => [x, y, s] as Keypoint);
    const right = kp([
      [636, 79, 0.61],
      [640, 71, 0.73],
      [628, 71, 0.73],
      [652, 75, 0.82],
      [620, 79, 0.7],
      [596, 123, 0.47],
      [676, 119, 0.38],
      [736, 119, 0.54],
      [732, 119, 0.47],
      [791, 107, 0.6],
      [791, 107, 0.52],
      [660, 234, 0.39],
      [616, 238, 0.41],
      [604, 318, 0.42],
      [596, 330, 0.41],
      [684, 413, 0.4],
      [585, 417, 0.51],
    ]);
    const left = kp([
      [628, 81, 0.66],
      [636, 69, 0.79],
      [624, 69, 0.78],
      [656, 77, 0.7],
      [620, 77, 0.64],
      [600, 118, 0.64],
      [668, 118, 0.48],
      [547, 122, 0.84],
      [725, 118, 0.48],
      [491, 114, 0.73],
      [491, 110, 0.29],
      [624, 239, 0.53],
      [668, 239, 0.56],
      [596, 324, 0.69],
      [676, 328, 0.55],
      [583, 425, 0.56],
      [684, 401, 0.47],
    ]);
    const poses: Pose[] = [
      { keypoints: right, box: { x: 544, y: 45, w: 291, h: 407, score: 0.91 }, score: 0.91, source: 'detector' },
      { keypoints: left, box: { x: 451, y: 42, w: 229, h: 414, score: 0.9 }, score: 0.9, source: 'detector' },
    ];
    expect(suppressDuplicatePoses(poses, options)).toEqual([{ kept: poses[1], duplicates: [poses[0]] }]);
  });

  it('keeps two people whose trunks are a shoulder width apart', () => {
    const poses = [person(0, 0.9, 'detector'), person(60, 0.9, 'detector')];
    expect(suppressDuplicatePoses(poses, options).map((g) => g.kept)).toEqual(poses);
  });
});
