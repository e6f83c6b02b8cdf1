import { describe, expect, it } from 'vitest';
import { drawPoses } from '../../../core/render/draw';
import { NEUTRAL_COLOR_HEX, trackColorHex } from '../../../core/render/colors';
import { COCO17 } from '../../../core/keypoints/schema';
import type { Frame, Keypoint, Pose, TrackedPose } from '../../../core/types';

const WIDTH = 320;
const HEIGHT = 200;
const frame: Frame = {
  index: 3,
  timestampMs: 100,
  width: WIDTH,
  height: HEIGHT,
  rgb: new Uint8Array(WIDTH * HEIGHT * 3).fill(40),
};

/** A standing person: every keypoint hidden except the shoulders and hips given here. */
function pose(shift: number, trackId?: number): Pose | TrackedPose {
  const keypoints: Keypoint[] = COCO17.names.map(() => [0, 0, 0.05]);
  keypoints[5] = [shift + 80, 60, 0.9]; // left shoulder (image right for a frontal person)
  keypoints[6] = [shift + 40, 60, 0.9]; // right shoulder
  keypoints[11] = [shift + 75, 140, 0.8]; // left hip
  keypoints[12] = [shift + 45, 140, 0.8]; // right hip
  const base = { keypoints, box: { x: shift + 20, y: 30, w: 80, h: 150, score: 0.9 }, score: 0.8 };
  return trackId === undefined ? base : { ...base, trackId };
}

const pixel = (rgb: Uint8Array, x: number, y: number) =>
  Array.from(rgb.subarray((y * WIDTH + x) * 3, (y * WIDTH + x) * 3 + 3));
const hexRgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const near = (a: number[], b: number[], tolerance = 40) => a.every((v, i) => Math.abs(v - b[i]) <= tolerance);

describe('drawPoses', () => {
  const out = drawPoses(frame, [pose(0, 2), pose(170)], { schema: COCO17, showLabels: false });
  const color = hexRgb(trackColorHex(2));
  const neutral = hexRgb(NEUTRAL_COLOR_HEX);

  it('returns a new RGB buffer and leaves the frame alone', () => {
    expect(out).toHaveLength(WIDTH * HEIGHT * 3);
    expect(out).not.toBe(frame.rgb);
    expect(frame.rgb.every((v) => v === 40)).toBe(true);
  });

  it('draws limbs between confident keypoints in the track colour', () => {
    expect(near(pixel(out, 60, 60), color)).toBe(true); // shoulder–shoulder limb, midway
    expect(near(pixel(out, 60, 140), color)).toBe(true); // hip–hip limb
  });

  it('fills left joints with the track colour and right joints white', () => {
    expect(near(pixel(out, 80, 60), color)).toBe(true);
    expect(near(pixel(out, 40, 60), [255, 255, 255])).toBe(true);
  });

  it('uses the neutral colour for an untracked pose and leaves hidden keypoints out', () => {
    expect(near(pixel(out, 230, 60), neutral)).toBe(true);
    expect(pixel(out, 5, 5)).toEqual([40, 40, 40]); // keypoints at (0, 0) score 0.05: not drawn
  });

  it('draws the box outline unless asked not to', () => {
    const column = Array.from({ length: 150 }, (_, i) => pixel(out, 20, 30 + i));
    expect(column.some((p) => near(p, color))).toBe(true);
    const noBoxes = drawPoses(frame, [pose(0, 2)], { schema: COCO17, showBoxes: false, showLabels: false });
    expect(Array.from({ length: 150 }, (_, i) => pixel(noBoxes, 20, 30 + i)).every((p) => p[0] === 40)).toBe(true);
  });

  it('paints a label above the box', () => {
    const labelled = drawPoses(frame, [pose(0, 2)], { schema: COCO17 });
    const band = Array.from({ length: 20 }, (_, i) => pixel(labelled, 22 + i, 25));
    expect(band.some((p) => near(p, color))).toBe(true);
  });

  it("labels a named track with its name and id, wider than an unnamed track's id", () => {
    const bandWidth = (rgb: Uint8Array) => {
      let right = -1;
      for (let x = 0; x < WIDTH; x += 1) if (near(pixel(rgb, x, 12), color)) right = x;
      return right;
    };
    const unnamed = bandWidth(drawPoses(frame, [pose(0, 2)], { schema: COCO17, showBoxes: false }));
    const named = bandWidth(
      drawPoses(frame, [pose(0, 2)], { schema: COCO17, showBoxes: false, trackNames: { 2: 'Anna on the left' } }),
    );
    const defaultName = bandWidth(
      drawPoses(frame, [pose(0, 2)], { schema: COCO17, showBoxes: false, trackNames: { 2: 'Track 2' } }),
    );
    expect(unnamed).toBeGreaterThan(20);
    expect(named).toBeGreaterThan(unnamed + 80);
    expect(defaultName).toBe(unnamed);
  });

  it('names the frame when its buffer is short', () => {
    expect(() => drawPoses({ ...frame, rgb: new Uint8Array(10) }, [], { schema: COCO17 })).toThrow(
      /Frame 3 holds 10 bytes/,
    );
  });
});
