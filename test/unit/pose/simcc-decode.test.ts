import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../helpers/assets';
import { applyAffine } from '../../../core/imaging/affine';
import { COCO17 } from '../../../core/keypoints/schema';
import { getManifest } from '../../../core/models/registry';
import { cropTransform } from '../../../core/pose/crop-transform';
import { SimccCodec } from '../../../core/pose/simcc-codec';
import { decodeSimcc, unflipSimcc } from '../../../core/pose/simcc-decode';

/** A vector of `length` values `fill` with `peaks` set (index → value). */
function vector(length: number, peaks: Record<number, number>, fill = 0.05): number[] {
  const v = new Array<number>(length).fill(fill);
  for (const [i, value] of Object.entries(peaks)) v[Number(i)] = value;
  return v;
}

function decode(x: number[][], y: number[][], splitRatio = 2): number[][] {
  const out = new Float64Array(x.length * 3);
  decodeSimcc({ simccX: x.flat(), simccY: y.flat() }, [x.length, x[0].length, y[0].length], splitRatio, out);
  return Array.from({ length: x.length }, (_, k) => Array.from(out.subarray(k * 3, k * 3 + 3)));
}

describe('decodeSimcc', () => {
  it('puts a keypoint at its best x and y bins over the split ratio, scored by the lower maximum', () => {
    // Input 3×4 px with 2 bins per pixel: 6 x bins, 8 y bins.
    const [kp] = decode([vector(6, { 3: 0.9 })], [vector(8, { 5: 0.7 })]);
    expect(kp).toEqual([1.5, 2.5, 0.7]);
    const [other] = decode([vector(6, { 0: 0.3 })], [vector(8, { 7: 0.95 })]);
    expect(other).toEqual([0, 3.5, 0.3]);
  });

  it('takes the first of tied maxima on each axis, as numpy.argmax does', () => {
    const [kp] = decode([vector(6, { 1: 0.8, 2: 0.8, 5: 0.8 })], [vector(8, { 6: 0.6, 7: 0.6 })]);
    expect(kp).toEqual([0.5, 3, 0.6]);
  });

  it('marks a keypoint whose score is not positive at bin −1 and keeps the raw score', () => {
    const allNegative = decode([vector(6, { 4: -0.2 }, -0.9)], [vector(8, { 2: 0.5 })]);
    expect(allNegative[0]).toEqual([-0.5, -0.5, -0.2]);
    const zero = decode([vector(6, { 4: 0 }, -1)], [vector(8, { 2: 0.5 })]);
    expect(zero[0]).toEqual([-0.5, -0.5, 0]);
    // A negative y maximum wins the min even when x is confident.
    const negativeY = decode([vector(6, { 4: 3 })], [vector(8, { 1: -0.01 }, -2)]);
    expect(negativeY[0]).toEqual([-0.5, -0.5, -0.01]);
  });

  it('divides by any split ratio: bin 7 of 3 bins per pixel is 2⅓ px, bin 5 of 1.5 is 3⅓ px', () => {
    const [kp] = decode([vector(12, { 7: 1 })], [vector(6, { 5: 1 })], 3);
    expect(kp[0]).toBeCloseTo(7 / 3, 12);
    expect(kp[1]).toBeCloseTo(5 / 3, 12);
    const [other] = decode([vector(9, { 5: 1 })], [vector(6, { 1: 1 })], 1.5);
    expect(other[0]).toBeCloseTo(10 / 3, 12);
    expect(other[1]).toBeCloseTo(2 / 3, 12);
  });

  it('reads a crop at its offsets and refuses short buffers and a bad split ratio', () => {
    const out = new Float64Array(3);
    decodeSimcc(
      { simccX: [9, 9, ...vector(4, { 2: 1 })], simccY: [9, ...vector(4, { 3: 1 })], offsetX: 2, offsetY: 1 },
      [1, 4, 4],
      2,
      out,
    );
    expect(Array.from(out)).toEqual([1, 1.5, 1]);
    expect(() => decodeSimcc({ simccX: [1, 2], simccY: [1, 2, 3, 4] }, [1, 4, 4], 2, out)).toThrow(
      'SimCC outputs hold 2 x and 4 y values; shape (1,4,4) needs 4 and 4.',
    );
    expect(() => decodeSimcc({ simccX: [1], simccY: [1] }, [1, 1, 1], 0, out)).toThrow('Invalid SimCC split ratio 0');
  });

  it("matches MMPose's get_simcc_maximum and SimCCLabel.decode on the same outputs (numpy)", () => {
    // (2 crops, 3 keypoints, 8 x bins, 10 y bins), one decimal so ties occur (crop 0: keypoints 1
    // and 2 have tied x maxima), crop 1 keypoint 2 all negative. Expected values were computed by
    // numpy with argmax / amax / min / `locs[vals <= 0] = -1` / `locs /= 2`, MMPose's steps.
    const x = [
      0.3, 0.8, 0.6, -0.5, -0.4, 0.7, -1.0, 0.6, 0.6, -0.1, 0.6, -0.4, -0.5, -0.1, 0.6, 0.1, 1.0, 0.6, 0.2, 1.0, -0.6,
      -0.7, 0.2, -0.9, -0.9, 0.0, -0.1, 0.8, 0.3, 0.0, -0.0, -0.5, -1.0, -0.6, 0.4, -0.6, -0.3, -1.0, 0.7, -0.7, -0.6,
      -0.9, -0.1, -0.8, -0.4, -0.6, -0.9, -0.2,
    ];
    const y = [
      0.0, 0.7, -0.3, 0.2, -0.9, -0.2, -0.4, -0.7, 0.6, -0.2, 1.0, 0.2, 0.2, 0.3, 0.4, -0.7, -0.1, -0.5, -0.2, -0.8,
      0.9, -0.6, 0.3, -0.4, 0.7, 0.3, -0.7, 0.7, 0.9, 0.8, 0.1, -0.7, -0.6, 0.9, 0.1, -0.6, 0.8, 0.3, 0.1, -0.2, -0.2,
      -0.5, -0.9, 0.8, -0.1, 0.1, -0.4, 0.5, -0.9, -0.3, -0.9, -0.8, 0.9, 0.3, -0.1, 0.0, 0.7, -0.3, 0.2, 0.4,
    ];
    const locs = [0.5, 0.5, 0.0, 0.0, 0.0, 0.0, 1.5, 1.5, 3.0, 1.5, -0.5, -0.5];
    const vals = [0.7, 0.6, 0.9, 0.8, 0.7, -0.1];
    const simccX = Float32Array.from(x);
    const simccY = Float32Array.from(y);
    for (let crop = 0; crop < 2; crop++) {
      const out = new Float64Array(9);
      decodeSimcc({ simccX, simccY, offsetX: crop * 24, offsetY: crop * 30 }, [3, 8, 10], 2, out);
      for (let k = 0; k < 3; k++) {
        const i = crop * 3 + k;
        expect([out[k * 3], out[k * 3 + 1], out[k * 3 + 2]]).toEqual([
          locs[i * 2],
          locs[i * 2 + 1],
          Math.fround(vals[i]),
        ]);
      }
    }
  });
});

describe('decodeSimcc on the RTMPose golden outputs', () => {
  it("gives MMPose's keypoints for the PyTorch reference's simcc_x (17×128) and simcc_y (17×192)", () => {
    const fixture = (name: string) => {
      const bytes = readFileSync(path.join(REPO_ROOT, 'test/fixtures/rtmpose', name));
      return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    };
    const out = new Float64Array(17 * 3);
    decodeSimcc(
      { simccX: fixture('simcc_x_1x17x128.f32'), simccY: fixture('simcc_y_1x17x192.f32') },
      [17, 128, 192],
      2,
      out,
    );
    // numpy on the same files: argmax / amax per axis, min of the maxima, bins / 2 (MMPose's steps).
    const locs = [
      [60.5, 73.5],
      [63.0, 87.0],
      [15.0, 59.5],
      [60.5, 73.5],
      [4.5, 76.0],
      [60.5, 73.5],
      [4.5, 50.5],
      [4.5, 76.0],
      [4.5, 76.0],
      [60.5, 73.5],
      [4.5, 50.5],
      [48.5, 11.5],
      [16.5, 27.0],
      [60.5, 73.5],
      [4.5, 14.5],
      [4.5, 50.5],
      [4.5, 87.0],
    ];
    const vals = [
      3.258394956588745, 2.1973586082458496, 4.031397342681885, 3.9821839332580566, 2.2120766639709473,
      3.851284980773926, 2.5991322994232178, 2.838505744934082, 2.1331939697265625, 3.8484816551208496,
      2.4715869426727295, 3.1099700927734375, 2.5838141441345215, 4.02847146987915, 3.1110963821411133,
      2.817647695541382, 2.5316734313964844,
    ];
    for (let k = 0; k < 17; k++) expect([out[k * 3], out[k * 3 + 1], out[k * 3 + 2]]).toEqual([...locs[k], vals[k]]);
  });
});

describe('SimccCodec with the crop transform', () => {
  it('maps bins through a known affine to image pixels (RTMPose-m 256×192)', () => {
    const manifest = getManifest('rtmpose-m-coco-256x192');
    const codec = new SimccCodec(manifest, COCO17);
    expect(codec.cropLength).toBe(17 * (384 + 512));
    const values = new Float32Array(codec.cropLength);
    // Keypoint 0 at x bin 100 and y bin 300; the rest at bins 0 (their score stays 0.4).
    values.fill(0.1);
    for (let k = 0; k < 17; k++) {
      values[k * 384 + (k === 0 ? 100 : 0)] = 0.4;
      values[17 * 384 + k * 512 + (k === 0 ? 300 : 0)] = k === 0 ? 0.8 : 0.4;
    }
    const coords = codec.decode(values, 0, new Float64Array(51));
    // Bin 100 → pixel index 50 → continuous 50.5; bin 300 → 150 → 150.5.
    expect([coords[0], coords[1], coords[2]]).toEqual([50.5, 150.5, Math.fround(0.4)]);
    // A 96×128 box at (100, 50) is already 3:4: window 120×160, 0.625 image px per input px,
    // centred on (148, 114): x = 148 + (50.5 − 96)·0.625, y = 114 + (150.5 − 128)·0.625.
    const crop = cropTransform({ x: 100, y: 50, w: 96, h: 128 }, [192, 256]);
    const [imageX, imageY] = applyAffine(crop.cropToImage, coords[0], coords[1]);
    expect(imageX).toBeCloseTo(119.5625, 9);
    expect(imageY).toBeCloseTo(128.0625, 9);
  });

  it("un-mirrors a flipped crop as MMPose's flip_vectors: partners swap, x vectors reverse", () => {
    const shape = [3, 4, 2] as const;
    // Keypoints 1 and 2 are partners. x: k·10 + bin; y after the 12 x values: 100 + k·10 + bin.
    const flipped = Float32Array.from([0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23, 100, 101, 110, 111, 120, 121]);
    const out = unflipSimcc(flipped, 0, shape, [[1, 2]], new Float32Array(18));
    expect(Array.from(out)).toEqual([3, 2, 1, 0, 23, 22, 21, 20, 13, 12, 11, 10, 100, 101, 120, 121, 110, 111]);
  });
});
