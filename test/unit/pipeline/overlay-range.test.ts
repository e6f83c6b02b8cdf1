import { describe, expect, it } from 'vitest';
import { overlayFrameRange } from '../../../core/pipeline/overlay-range';

describe('overlayFrameRange', () => {
  it('covers the tracked frames at the run stride', () => {
    expect(overlayFrameRange([0, 1, 2, 3])).toEqual({ startFrame: 0, endFrame: 4, stride: 1 });
    expect(overlayFrameRange([10, 15, 20])).toEqual({ startFrame: 10, endFrame: 21, stride: 5 });
    expect(overlayFrameRange([7])).toEqual({ startFrame: 7, endFrame: 8, stride: 1 });
    // Uneven spacing: every frame in the span is drawn, untracked ones without poses.
    expect(overlayFrameRange([0, 2, 3])).toEqual({ startFrame: 0, endFrame: 4, stride: 1 });
    expect(() => overlayFrameRange([])).toThrow('Nothing to draw: the tracking result has no frames.');
  });
});
