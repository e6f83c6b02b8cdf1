import { describe, expect, it } from 'vitest';
import { computeLetterbox } from '../../../core/detect/letterbox';
import { sampleToTensor, type ResizeFilter } from '../../../core/imaging/sample-to-tensor';
import type { ChannelPlan } from '../../../core/imaging/normalization';
import { yoloxResize } from '../../helpers/opencv-resize';

/** Raw RGB values, pad 114 (YOLOX's grey). */
const PLAN: ChannelPlan = { source: [0, 1, 2], mul: [1, 1, 1], add: [0, 0, 0], pad: [114, 114, 114] };

/** A 1768×994 frame with 1–3 px stripes and noise: fine detail that area averaging blurs away. */
function stripedFrame(): { width: number; height: number; rgb: Uint8Array } {
  const width = 1768;
  const height = 994;
  const rgb = new Uint8Array(width * height * 3);
  let seed = 7;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const i = (y * width + x) * 3;
      rgb[i] = x % 5 < 2 ? 230 : 20;
      rgb[i + 1] = y % 3 === 0 ? 200 : 40;
      rgb[i + 2] = seed >>> 24;
    }
  }
  return { width, height, rgb };
}

/** Largest difference between the tensor and the reference inside the content; pad checked apart. */
function maxDifference(filter: ResizeFilter): { content: number; padOk: boolean } {
  const frame = stripedFrame();
  const letterbox = computeLetterbox([frame.width, frame.height], [416, 416], 'topleft');
  const out = new Float32Array(3 * 416 * 416);
  sampleToTensor(frame, letterbox.inputToImage, [416, 416], PLAN, out, 0, filter);
  const reference = yoloxResize(frame, [416, 416]).image;
  let content = 0;
  let padOk = true;
  for (let c = 0; c < 3; c++) {
    for (let y = 0; y < 416; y++) {
      for (let x = 0; x < 416; x++) {
        const value = out[c * 416 * 416 + y * 416 + x];
        if (y >= reference.height) padOk &&= value === 114;
        else content = Math.max(content, Math.abs(value - reference.rgb[(y * reference.width + x) * 3 + c]));
      }
    }
  }
  return { content, padOk };
}

describe("the detector's letterbox sampling", () => {
  it('equals YOLOX preproc (cv2 INTER_LINEAR to 416×233, grey below) within one grey level', () => {
    const { content, padOk } = maxDifference('bilinear');
    expect(content).toBeLessThanOrEqual(1);
    expect(padOk).toBe(true);
  });

  it('differs from it by far when it averages the footprint instead (the filter is part of the model)', () => {
    expect(maxDifference('area-when-shrinking').content).toBeGreaterThan(50);
  });
});
