import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDetector, boxIou, type Detector } from '../../../core/detect/detector';
import { probeVideo, readFrames } from '../../../core/video/index';
import type { Box } from '../../../core/types';
import { SHARED_MODELS_DIR, VIDEOS } from '../../helpers/assets';

/**
 * YOLOX-nano (416) with tiling 'auto' and 'off', and RTMDet-nano (320), on the real two-people
 * clip. Every 3rd frame is sampled (77 of 230); all detectors see the same frames.
 *
 * What the frames show (extracted and looked at one by one):
 * - The man stands and jumps on the box top until frame 164 (boxes end above y = 500). From 141
 *   to 164 he stands directly in front of the low sun disc, washed out by its flare; at 165–167 he
 *   crouches, and then does a back flip against the sun: airborne, rotating and motion-blurred from 168
 *   to 185; he lands on the grass to the right of the woman at 186 (boxes right of x = 600).
 * - The woman walks on the grass from right to left (boxes start below y = 450). She comes out
 *   from behind the tree trunk at the right edge from frame 36 and is fully in view from 45 to
 *   192; from 194 she leaves at the left edge.
 */
const STRIDE = 3;
const PERSON_SCORE = 0.5;
/** Both people fully in view. */
const BOTH_IN_VIEW = [45, 192] as const;
/** The man in the air mid-flip, rotating and motion-blurred in front of the sun: left out. */
const FLIP = [168, 185] as const;
/** The man standing, then crouching for the flip, in the sun disc's flare. */
const IN_SUN = [141, 167] as const;
/** Frame from which the man is on the grass (classification switches from height to side). */
const LANDED = 186;

interface Sample {
  index: number;
  auto: Box[];
  off: Box[];
  rtmdet: Box[];
}

/** Before landing the man's feet are on the box top (y ≈ 455); after it he is right of her. */
function isMan(index: number, box: Box): boolean {
  return index < LANDED ? box.y + box.h < 500 : box.x > 600;
}
function isWoman(index: number, box: Box): boolean {
  return index < LANDED ? box.y > 450 : box.x < 400;
}
const confident = (boxes: Box[]) => boxes.filter((b) => b.score >= PERSON_SCORE);
const bothFound = (index: number, boxes: Box[]) =>
  confident(boxes).some((b) => isMan(index, b)) && confident(boxes).some((b) => isWoman(index, b));
const within = (index: number, [from, to]: readonly [number, number]) => index >= from && index <= to;
const rate = (hits: boolean[]) => hits.filter(Boolean).length / hits.length;

let samples: Sample[] = [];
let tiled: Detector;
let untiled: Detector;
let rtmdet: Detector;
let frameSize: [number, number];

beforeAll(async () => {
  process.env.POSETRAIL_MODEL_PATH = SHARED_MODELS_DIR;
  tiled = await createDetector({ model: 'yolox-nano-416', device: 'cpu', tiling: 'auto' });
  untiled = await createDetector({ model: 'yolox-nano-416', device: 'cpu', tiling: 'off' });
  rtmdet = await createDetector({ model: 'rtmdet-nano', device: 'cpu', tiling: 'off' });
  const info = await probeVideo(VIDEOS.twoPeople);
  frameSize = [info.width, info.height];
  for await (const frame of readFrames(info, { stride: STRIDE })) {
    samples.push({
      index: frame.index,
      auto: await tiled.detect(frame),
      off: await untiled.detect(frame),
      rtmdet: await rtmdet.detect(frame),
    });
  }
});

afterAll(async () => {
  await Promise.all([tiled?.dispose(), untiled?.dispose(), rtmdet?.dispose()]);
  samples = [];
});

describe('person detectors on two_people_1768x994_vp9.mp4 (every 3rd frame)', () => {
  it('tiles the 1768×994 frame into the full frame plus 3×2 tiles in auto mode', () => {
    expect(tiled.viewsFor(...frameSize)).toHaveLength(7);
    expect(untiled.viewsFor(...frameSize)).toHaveLength(1);
  });

  it('reads the 77 sampled frames and returns boxes in image pixels, clipped, best first', () => {
    expect(samples).toHaveLength(77);
    for (const { auto: boxes } of samples) {
      for (const box of boxes) {
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.x + box.w).toBeLessThanOrEqual(frameSize[0] + 1e-6);
        expect(box.y + box.h).toBeLessThanOrEqual(frameSize[1] + 1e-6);
        expect(box.score).toBeGreaterThanOrEqual(0.3); // the default minimum score
      }
      expect(boxes.map((b) => b.score)).toEqual([...boxes.map((b) => b.score)].sort((a, b) => b - a));
    }
  });

  it('issue target: tiled YOLOX-nano finds both people with score ≥ 0.5 in ≥ 95% of the frames both are in view, before the sun (45–140)', () => {
    const frames = samples.filter((s) => within(s.index, [BOTH_IN_VIEW[0], IN_SUN[0] - 1]));
    expect(frames).toHaveLength(32);
    const auto = rate(frames.map((s) => bothFound(s.index, s.auto)));
    const off = rate(frames.map((s) => bothFound(s.index, s.off)));
    expect(auto).toBeGreaterThanOrEqual(0.95); // measured 31 of 32
    expect(off).toBeLessThan(0.5); // measured 12 of 32: the man is lost at the 4.25× downscale
  });

  it('over all frames with both in view but the flip, tiling lifts "both found" from a third to 86% (the flare frames fall short of 95%)', () => {
    const frames = samples.filter((s) => within(s.index, BOTH_IN_VIEW) && !within(s.index, FLIP));
    expect(frames).toHaveLength(44);
    // Measured 38 of 44 (86%) tiled, 14 of 44 (32%) untiled. Five of the six tiled misses are the man
    // in the sun's flare (147–165), where even 4×3 tiles at 1.25× leave him below 0.5: a limit of the
    // nano model against the flare, not of scale. The sixth is one frame where a score sits near 0.5:
    // 72 with the bilinear input the model was trained on (51 with an area-averaged one).
    expect(rate(frames.map((s) => bothFound(s.index, s.auto)))).toBeGreaterThanOrEqual(0.8);
    expect(rate(frames.map((s) => bothFound(s.index, s.off)))).toBeLessThan(0.4);
    const missed = frames.filter((s) => !bothFound(s.index, s.auto)).map((s) => s.index);
    expect(missed.filter((index) => !within(index, IN_SUN))).toEqual([72]);
  });

  it('tiled YOLOX-nano finds the walking woman in every frame she is fully in', () => {
    const frames = samples.filter((s) => within(s.index, BOTH_IN_VIEW));
    expect(frames.filter((s) => !confident(s.auto).some((b) => isWoman(s.index, b))).map((s) => s.index)).toEqual([]);
  });

  it('tiling adds no confident box away from the two people', () => {
    for (const s of samples) {
      const boxes = confident(s.auto);
      for (const box of boxes) {
        const onPerson = isMan(s.index, box) || isWoman(s.index, box) || within(s.index, FLIP);
        expect(onPerson, `frame ${s.index} box ${JSON.stringify(box)}`).toBe(true);
      }
    }
  });

  it('YOLOX-nano and RTMDet-nano agree (IoU ≥ 0.5) on ≥ 90% of the confident people (untiled)', () => {
    const matches = samples.flatMap((s) => confident(s.off).map((a) => s.rtmdet.some((b) => boxIou(a, b) >= 0.5)));
    expect(matches.length).toBeGreaterThan(60);
    expect(rate(matches)).toBeGreaterThanOrEqual(0.9);
  });
});

describe('detector configuration', () => {
  it('rejects out-of-range options with the allowed range', async () => {
    await expect(createDetector({ model: 'yolox-nano-416', nmsIou: 1.5 })).rejects.toThrow(
      'Invalid nmsIou 1.5. Should be in (0, 1].',
    );
    await expect(createDetector({ model: 'yolox-nano-416', minScore: -0.1 })).rejects.toThrow(
      'Invalid minScore -0.1. Should be in [0, 1].',
    );
    await expect(createDetector({ model: 'yolox-nano-416', maxDetections: 0 })).rejects.toThrow(
      'Invalid maxDetections 0. Should be a positive integer.',
    );
    await expect(
      createDetector({ model: 'yolox-nano-416', tiling: { cols: 2, rows: 0, overlap: 0.2 } }),
    ).rejects.toThrow('Invalid tiling rows 0. Should be an integer from 1 to 8.');
  });

  it('refuses a pose model', async () => {
    await expect(createDetector({ model: 'simplepose-nano' })).rejects.toThrow(
      'Model simplepose-nano is a pose-topdown-heatmap model, not a person detector.',
    );
  });

  it('runs RTMDet (dynamic batch) on all views in one call and honours maxDetections and minScore', async () => {
    const strict = await createDetector({
      model: 'rtmdet-nano',
      minScore: 0.1,
      maxDetections: 1,
      device: 'cpu',
      tiling: { cols: 2, rows: 2, overlap: 0.2 },
    });
    try {
      expect(strict.viewsFor(...frameSize)).toHaveLength(5);
      const info = await probeVideo(VIDEOS.twoPeople);
      for await (const frame of readFrames(info, { startFrame: 80, endFrame: 81 })) {
        const boxes = await strict.detect(frame);
        expect(boxes).toHaveLength(1);
        expect(boxes[0].score).toBeGreaterThan(0.8); // the woman, the best-scoring person here
        expect(isWoman(80, boxes[0])).toBe(true);
      }
    } finally {
      await strict.dispose();
    }
  });
});
