import { describe, expect, it } from 'vitest';
import { plotFrameAt, plotFrameX, plotValueRange } from '../../../renderer/src/lib/plot-axes';
import { frameToX } from '../../../renderer/src/lib/timeline-view';

describe("the plot's axes", () => {
  it('keeps a joint angle axis inside 0–180° (it ran −11…191)', () => {
    expect(plotValueRange([Float32Array.of(0, 90, 180, NaN)], '°')).toEqual([0, 180]);
    const [lo, hi] = plotValueRange([Float32Array.of(60, 120)], '°')!;
    expect(lo).toBeCloseTo(56.4, 5);
    expect(hi).toBeCloseTo(123.6, 5);
    expect(plotValueRange([Float32Array.of(0, 50)], 'px/s')![0]).toBe(0);
    expect(plotValueRange([Float32Array.of(-40, 50)], 'px')![0]).toBeLessThan(-40);
    expect(plotValueRange([Float32Array.of(NaN)], '°')).toBeNull();
  });

  it("puts each frame at the x of the timeline's playhead for that frame, zoomed or not", () => {
    const win = { startFrame: 40, visibleFrames: 100 };
    const axis = { labelWidthPx: 132, areaWidthPx: 800, win };
    // The timeline draws frame f's cell from label + frameToX(f) and its playhead at the cell's middle.
    const cellW = 800 / 100;
    for (const f of [40, 75, 139]) expect(plotFrameX(axis, f)).toBeCloseTo(132 + frameToX(win, f, 800) + cellW / 2, 6);
    expect(plotFrameAt(axis, plotFrameX(axis, 75), 230)).toBe(75);
    expect(plotFrameAt(axis, 132, 230)).toBe(40);
  });
});
