import type { Corners } from './yolox-decode';

/**
 * Decodes RTMDet's post-NMS outputs for one image: `dets (N, 5)` rows of x1, y1, x2, y2, score in
 * input pixels and `labels (N)` class indices. Keeps rows of `classIndex` with score ≥ `minScore`.
 */
export function decodeRtmdet(
  dets: Float32Array,
  labels: ArrayLike<number | bigint>,
  options: { classIndex: number; minScore: number },
): Corners[] {
  const count = Math.floor(dets.length / 5);
  if (labels.length !== count) {
    throw new Error(`RTMDet output has ${count} boxes but ${labels.length} labels.`);
  }
  const boxes: Corners[] = [];
  for (let i = 0; i < count; i++) {
    if (Number(labels[i]) !== options.classIndex) continue;
    const score = dets[i * 5 + 4];
    if (!(score >= options.minScore)) continue;
    boxes.push({ x1: dets[i * 5], y1: dets[i * 5 + 1], x2: dets[i * 5 + 2], y2: dets[i * 5 + 3], score });
  }
  return boxes;
}
