/**
 * Average precision of score-ranked detections, as the PoseTrack evaluation computes it: rank by
 * descending score, accumulate precision and recall against `positives` ground-truth items, make
 * precision monotone from the right, and sum precision × recall step (VOC style, all points).
 * In percent. Equal scores rank the later item first, as numpy's reversed ascending argsort does.
 * As in the official code, AP is 0 when nothing was predicted (even with nothing to find) and
 * NaN when predictions exist but there is nothing to find (such a joint leaves the mean).
 */
export function averagePrecision(
  scores: readonly number[],
  correct: readonly boolean[],
  positives: number,
): { ap: number; precision: number; recall: number } {
  if (scores.length === 0) return { ap: 0, precision: 0, recall: 0 };
  if (positives === 0) return { ap: NaN, precision: 0, recall: NaN };
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || b - a);
  const precision: number[] = [];
  const recall: number[] = [];
  let truePositives = 0;
  order.forEach((index, rank) => {
    if (correct[index]) truePositives++;
    precision.push(truePositives / (rank + 1));
    recall.push(truePositives / positives);
  });
  const mpre = [0, ...precision, 0];
  const mrec = [0, ...recall, 1];
  for (let i = mpre.length - 2; i >= 0; i--) mpre[i] = Math.max(mpre[i], mpre[i + 1]);
  let ap = 0;
  for (let i = 1; i < mrec.length; i++) if (mrec[i] !== mrec[i - 1]) ap += (mrec[i] - mrec[i - 1]) * mpre[i];
  return { ap: 100 * ap, precision: 100 * precision[precision.length - 1], recall: 100 * recall[recall.length - 1] };
}
