/**
 * Average precision of score-ranked detections, as the PoseTrack evaluation computes it:
 * rank by descending score (ties keep their order), accumulate precision and recall against
 * `positives` ground-truth items, make precision monotone from the right, and sum precision ×
 * recall step (VOC style, all points). In percent; NaN when there is nothing to find.
 */
export function averagePrecision(scores: readonly number[], correct: readonly boolean[], positives: number): { ap: number; precision: number; recall: number } {
  if (positives === 0) return { ap: NaN, precision: NaN, recall: NaN };
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
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
  return {
    ap: 100 * ap,
    precision: precision.length ? 100 * precision[precision.length - 1] : 0,
    recall: recall.length ? 100 * recall[recall.length - 1] : 0,
  };
}
