import { describe, expect, it } from 'vitest';
import { heatmapArgmax } from '../../../core/pose/heatmap-argmax';
import { refineDark } from '../../../core/pose/dark-refine';

const WIDTH = 48; // heatmap of a 192-wide input
const HEIGHT = 64; // heatmap of a 256-high input

/** Heatmaps (K,64,48) with one Gaussian per keypoint centred at a sub-pixel point (pixel-index coords). */
function gaussianHeatmaps(peaks: [number, number][], sigma = 2): Float32Array {
  const maps = new Float32Array(peaks.length * WIDTH * HEIGHT);
  peaks.forEach(([px, py], k) => {
    for (let y = 0; y < HEIGHT; y++) {
      for (let x = 0; x < WIDTH; x++) {
        maps[k * WIDTH * HEIGHT + y * WIDTH + x] =
          0.9 * Math.exp(-((x - px) ** 2 + (y - py) ** 2) / (2 * sigma * sigma));
      }
    }
  });
  return maps;
}

// Sub-pixel peaks, including ones just past a pixel centre and one near the right edge.
const PEAKS: [number, number][] = [
  [20.3, 30.7],
  [5.9, 50.1],
  [44.45, 8.6],
  [24.0, 32.0],
  [10.05, 12.95],
];

describe('heatmap decoding (64×48 maps for a 256×192 input)', () => {
  const maps = gaussianHeatmaps(PEAKS);
  const shape = [PEAKS.length, HEIGHT, WIDTH] as const;

  it('argmax + quarter shift lands within 0.3 heatmap px of each Gaussian centre', () => {
    const coords = heatmapArgmax(maps, shape, new Float32Array(PEAKS.length * 3));
    PEAKS.forEach(([px, py], k) => {
      expect(Math.abs(coords[k * 3] - px)).toBeLessThan(0.3);
      expect(Math.abs(coords[k * 3 + 1] - py)).toBeLessThan(0.3);
      expect(coords[k * 3 + 2]).toBeGreaterThan(0.8);
      expect(coords[k * 3 + 2]).toBeLessThanOrEqual(0.9);
    });
  });

  it('the quarter shift beats the plain argmax (0.3 px vs up to 0.5 px)', () => {
    const plain = heatmapArgmax(maps, shape, new Float32Array(PEAKS.length * 3), { quarterShift: false });
    expect(plain[0]).toBe(20);
    expect(plain[1]).toBe(31);
    const shifted = heatmapArgmax(maps, shape, new Float32Array(PEAKS.length * 3));
    expect(shifted[0]).toBe(20.25);
    expect(shifted[1]).toBe(30.75);
  });

  it('DARK refinement recovers the centre within 0.05 px', () => {
    const coords = heatmapArgmax(maps, shape, new Float32Array(PEAKS.length * 3));
    refineDark(maps, shape, coords);
    PEAKS.forEach(([px, py], k) => {
      expect(Math.abs(coords[k * 3] - px)).toBeLessThan(0.05);
      expect(Math.abs(coords[k * 3 + 1] - py)).toBeLessThan(0.05);
    });
  });

  it('DARK stays unbiased near the border and keeps the quarter shift at the very edge', () => {
    const edgePeaks: [number, number][] = [
      [45.3, 2.6],
      [44.7, 61.2],
      [46.6, 30.2],
      [0.8, 63.3],
    ];
    const edgeMaps = gaussianHeatmaps(edgePeaks);
    const edgeShape = [edgePeaks.length, HEIGHT, WIDTH] as const;
    const coords = refineDark(edgeMaps, edgeShape, heatmapArgmax(edgeMaps, edgeShape, new Float32Array(12)));
    expect(Math.abs(coords[0] - 45.3)).toBeLessThan(0.05);
    expect(Math.abs(coords[1] - 2.6)).toBeLessThan(0.05);
    expect(Math.abs(coords[3] - 44.7)).toBeLessThan(0.05);
    expect(Math.abs(coords[4] - 61.2)).toBeLessThan(0.05);
    // Within two pixels of the border the Taylor step has no room: the argmax (+ quarter shift) stays.
    expect(coords[6]).toBe(47); // last column: no neighbour on the right, no shift
    expect(coords[9]).toBe(0.75); // column 1, a quarter toward the higher column 0
  });

  it('reads heatmaps at an offset (one crop of a batch)', () => {
    const batch = new Float32Array(maps.length * 2);
    batch.set(gaussianHeatmaps(PEAKS.map(([x, y]) => [x + 3, y - 2])), 0);
    batch.set(maps, maps.length);
    const coords = heatmapArgmax(batch, shape, new Float32Array(PEAKS.length * 3), { offset: maps.length });
    expect(coords[0]).toBe(20.25);
  });

  it('names the size mismatch for a short buffer', () => {
    expect(() => heatmapArgmax(new Float32Array(100), shape, new Float32Array(15))).toThrow(
      /shape \(5,64,48\) needs 15360/,
    );
  });
});
