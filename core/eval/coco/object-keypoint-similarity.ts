/** The parts of a ground-truth annotation OKS needs. */
export interface OksGroundTruth {
  keypoints: readonly number[];
  /** [x, y, w, h] */
  bbox: readonly number[];
  area: number;
}

/** numpy's np.spacing(1): keeps a zero area from dividing by zero, as in pycocotools. */
const AREA_EPSILON = 2.220446049250313e-16;

/**
 * Object keypoint similarity of each detection (rows) with each ground truth (columns), exactly
 * as pycocotools' `computeOks`: `Σ exp(−d² / (2 · area · (2σ)²)) / n` over the ground truth's
 * labelled keypoints (v > 0). For a ground truth without labelled keypoints, d is the distance
 * from each detected keypoint to the ground truth's box grown by its size on every side, and all
 * keypoints count.
 */
export function cocoOksMatrix(
  detections: readonly (readonly number[])[],
  groundTruth: readonly OksGroundTruth[],
  sigmas: readonly number[],
): number[][] {
  const variances = sigmas.map((s) => (2 * s) ** 2);
  return detections.map((d) =>
    groundTruth.map((g) => {
      const labelled = sigmas.map((_, k) => g.keypoints[3 * k + 2] > 0);
      const anyLabelled = labelled.some(Boolean);
      const [bx, by, bw, bh] = g.bbox;
      let sum = 0;
      let count = 0;
      for (let k = 0; k < sigmas.length; k++) {
        if (anyLabelled && !labelled[k]) continue;
        const xd = d[3 * k];
        const yd = d[3 * k + 1];
        const dx = anyLabelled ? xd - g.keypoints[3 * k] : Math.max(0, bx - bw - xd) + Math.max(0, xd - (bx + 2 * bw));
        const dy = anyLabelled
          ? yd - g.keypoints[3 * k + 1]
          : Math.max(0, by - bh - yd) + Math.max(0, yd - (by + 2 * bh));
        const e = (dx * dx + dy * dy) / variances[k] / (g.area + AREA_EPSILON) / 2;
        sum += Math.exp(-e);
        count++;
      }
      return sum / count;
    }),
  );
}
