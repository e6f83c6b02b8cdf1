import type { Frame } from '../../core/types';
import type { Box } from '../../core/types';

type RgbImage = Pick<Frame, 'width' | 'height' | 'rgb'>;

/** OpenCV's fixed-point weights for 8-bit INTER_LINEAR: 11 fractional bits (INTER_RESIZE_COEF_BITS). */
const COEF_SCALE = 2048;

/** Per output index along one axis: source index pair and fixed-point weights, as cv::resize builds them. */
function axisTaps(
  dstSize: number,
  srcSize: number,
): { i0: Int32Array; i1: Int32Array; w0: Int32Array; w1: Int32Array } {
  const scale = 1 / (dstSize / srcSize); // cv::resize: scale_x = 1 / inv_scale_x
  const i0 = new Int32Array(dstSize);
  const i1 = new Int32Array(dstSize);
  const w0 = new Int32Array(dstSize);
  const w1 = new Int32Array(dstSize);
  for (let d = 0; d < dstSize; d++) {
    let f = Math.fround((d + 0.5) * scale - 0.5); // computed as float in OpenCV
    let s = Math.floor(f);
    f -= s;
    if (s < 0) [s, f] = [0, 0];
    if (s >= srcSize - 1) [s, f] = [srcSize - 1, 0];
    i0[d] = s;
    i1[d] = Math.min(s + 1, srcSize - 1);
    w0[d] = Math.round((1 - f) * COEF_SCALE);
    w1[d] = Math.round(f * COEF_SCALE);
  }
  return { i0, i1, w0, w1 };
}

/**
 * Reference for what YOLOX and RTMDet were trained on: OpenCV's `cv2.resize(img, (width, height),
 * interpolation=cv2.INTER_LINEAR)` on an 8-bit packed image, integer arithmetic as OpenCV does it
 * (horizontal pass to 11-bit fixed point, vertical pass with VResizeLinear's rounding). Each output
 * pixel samples the 2×2 source pixels around ((dst + 0.5) · src/dst − 0.5): no averaging over the
 * source when shrinking. Slow and simple on purpose.
 */
export function resizeBilinearOpenCv(image: RgbImage, width: number, height: number): RgbImage {
  const cols = axisTaps(width, image.width);
  const rows = axisTaps(height, image.height);
  const rgb = new Uint8Array(width * height * 3);
  const src = image.rgb;
  const horizontal = (y: number, x: number, c: number) =>
    src[(y * image.width + cols.i0[x]) * 3 + c] * cols.w0[x] + src[(y * image.width + cols.i1[x]) * 3 + c] * cols.w1[x];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) {
        const top = horizontal(rows.i0[y], x, c);
        const bottom = horizontal(rows.i1[y], x, c);
        // VResizeLinear<uchar>: ((b0·(S0 >> 4)) >> 16) + ((b1·(S1 >> 4)) >> 16) + 2) >> 2
        const value = (((rows.w0[y] * (top >> 4)) >> 16) + ((rows.w1[y] * (bottom >> 4)) >> 16) + 2) >> 2;
        rgb[(y * width + x) * 3 + c] = Math.min(255, Math.max(0, value));
      }
    }
  }
  return { width, height, rgb };
}

/**
 * YOLOX's own pre-processing (yolox/data/data_augment.py `preproc`): ratio r = min(input/size),
 * the image resized to int(size · r) with cv2 INTER_LINEAR. Returns the resized image (to be put
 * top-left on a 114-grey input) and r, by which YOLOX divides its boxes.
 */
export function yoloxResize(
  image: RgbImage,
  inputSize: readonly [width: number, height: number],
): { image: RgbImage; ratio: number } {
  const ratio = Math.min(inputSize[1] / image.height, inputSize[0] / image.width);
  return {
    image: resizeBilinearOpenCv(image, Math.trunc(image.width * ratio), Math.trunc(image.height * ratio)),
    ratio,
  };
}

/** Boxes found on a `yoloxResize`d image → the original image's pixels (YOLOX divides by r). */
export function boxesFromResized(boxes: readonly Box[], ratio: number): Box[] {
  return boxes.map((box) => ({
    x: box.x / ratio,
    y: box.y / ratio,
    w: box.w / ratio,
    h: box.h / ratio,
    score: box.score,
  }));
}
