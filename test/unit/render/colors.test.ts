import { describe, expect, it } from 'vitest';
import { NEUTRAL_COLOR_HEX, trackColorHex } from '../../../core/render/colors';

const rgbOf = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

describe('trackColorHex', () => {
  it('is a stable #rrggbb per id', () => {
    expect(trackColorHex(0)).toMatch(/^#[0-9a-f]{6}$/);
    expect(trackColorHex(7)).toBe(trackColorHex(7));
  });

  it('gives neighbouring ids clearly different colours', () => {
    for (let id = 0; id < 50; id++) {
      const [a, b] = [rgbOf(trackColorHex(id)), rgbOf(trackColorHex(id + 1))];
      const distance = Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
      expect(distance, `ids ${id} and ${id + 1}`).toBeGreaterThan(80);
    }
  });

  it('never hands out the neutral colour to a track, and gives it to invalid ids', () => {
    for (let id = 0; id < 200; id++) expect(trackColorHex(id)).not.toBe(NEUTRAL_COLOR_HEX);
    expect(trackColorHex(-1)).toBe(NEUTRAL_COLOR_HEX);
    expect(trackColorHex(1.5)).toBe(NEUTRAL_COLOR_HEX);
  });
});
