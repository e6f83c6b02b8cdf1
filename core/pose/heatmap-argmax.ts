/** Shape of a stack of heatmaps: keypoints × rows × columns. */
export type HeatmapShape = readonly [keypoints: number, height: number, width: number];

/**
 * Per-keypoint maximum of `heatmaps (K,H,W)` starting at `offset`, written as `[x, y, score]` triples
 * into `out` (K × 3 floats) in heatmap pixel-index coordinates (the pixel centre of column j is x = j).
 * With `quarterShift` the position moves a quarter pixel toward the higher neighbour on each axis,
 * as in the HRNet / SimpleBaseline papers: the true peak of a blob lies between the maximum pixel
 * and its larger neighbour, so this halves the worst-case quantisation error (0.5 → 0.25 px).
 */
export function heatmapArgmax(
  heatmaps: Float32Array,
  shape: HeatmapShape,
  out: Float32Array,
  options: { offset?: number; quarterShift?: boolean } = {},
): Float32Array {
  const [keypoints, height, width] = shape;
  const offset = options.offset ?? 0;
  const plane = width * height;
  if (heatmaps.length < offset + keypoints * plane) {
    throw new Error(
      `Heatmaps hold ${heatmaps.length - offset} values; shape (${shape.join(',')}) needs ${keypoints * plane}.`,
    );
  }
  for (let k = 0; k < keypoints; k++) {
    const base = offset + k * plane;
    let best = base;
    let bestValue = heatmaps[base];
    for (let i = base + 1, end = base + plane; i < end; i++) {
      if (heatmaps[i] > bestValue) {
        bestValue = heatmaps[i];
        best = i;
      }
    }
    const px = (best - base) % width;
    const py = (best - base - px) / width;
    let x = px;
    let y = py;
    if (options.quarterShift !== false) {
      if (px > 0 && px < width - 1) x += 0.25 * Math.sign(heatmaps[best + 1] - heatmaps[best - 1]);
      if (py > 0 && py < height - 1) y += 0.25 * Math.sign(heatmaps[best + width] - heatmaps[best - width]);
    }
    out[k * 3] = x;
    out[k * 3 + 1] = y;
    out[k * 3 + 2] = bestValue;
  }
  return out;
}
