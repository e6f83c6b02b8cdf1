import { sparseAssignment, type AssignmentEdge } from '../util/sparse-assignment';

export interface MotCounts {
  /** Ground-truth objects seen, summed over frames. */
  objects: number;
  /** Matched pairs, including those that are id switches. */
  detections: number;
  misses: number;
  falsePositives: number;
  switches: number;
  /** Sum of the distances of all matched pairs (for MOTP). */
  sumDistance: number;
}

export function emptyMotCounts(): MotCounts {
  return { objects: 0, detections: 0, misses: 0, falsePositives: 0, switches: 0, sumDistance: 0 };
}

export function addMotCounts(a: MotCounts, b: MotCounts): MotCounts {
  return {
    objects: a.objects + b.objects,
    detections: a.detections + b.detections,
    misses: a.misses + b.misses,
    falsePositives: a.falsePositives + b.falsePositives,
    switches: a.switches + b.switches,
    sumDistance: a.sumDistance + b.sumDistance,
  };
}

/**
 * CLEAR-MOT event accounting for one sequence, frame by frame, with py-motmetrics' rules (which
 * the PoseTrack evaluation uses): a ground-truth object keeps last frame's hypothesis when that
 * pair is still allowed; the others are assigned by minimum total distance; a match to a
 * hypothesis other than the object's last one is an id switch; unassigned objects are misses and
 * unassigned hypotheses false positives.
 */
export class MotAccumulator {
  readonly counts: MotCounts = emptyMotCounts();
  private readonly lastHypothesisOf = new Map<number, number>();

  /**
   * @param objectIds ground-truth ids present in this frame
   * @param hypothesisIds predicted ids present in this frame
   * @param distance [object][hypothesis], NaN where the pair may not match
   */
  update(
    objectIds: readonly number[],
    hypothesisIds: readonly number[],
    distance: readonly (readonly number[])[],
  ): void {
    const pairs: AssignmentEdge[] = [];
    distance.forEach((row, o) => row.forEach((d, h) => Number.isFinite(d) && pairs.push([o, h, d])));
    this.updatePairs(objectIds, hypothesisIds, pairs);
  }

  /** The same with only the pairs that may match, as [object, hypothesis, distance]: linear in them. */
  updatePairs(objectIds: readonly number[], hypothesisIds: readonly number[], pairs: readonly AssignmentEdge[]): void {
    const objectFree = objectIds.map(() => true);
    const hypothesisFree = hypothesisIds.map(() => true);
    const distanceOf = new Map(pairs.map(([o, h, d]) => [o * hypothesisIds.length + h, d]));
    const record = (o: number, h: number) => {
      const previous = this.lastHypothesisOf.get(objectIds[o]);
      if (previous !== undefined && previous !== hypothesisIds[h]) this.counts.switches++;
      this.lastHypothesisOf.set(objectIds[o], hypothesisIds[h]);
      this.counts.detections++;
      this.counts.sumDistance += distanceOf.get(o * hypothesisIds.length + h)!;
      objectFree[o] = false;
      hypothesisFree[h] = false;
    };
    // Continue last frame's correspondences where they still hold (the first listed hypothesis with that id).
    const hypothesisAt = new Map<number, number>();
    hypothesisIds.forEach((id, h) => hypothesisAt.has(id) || hypothesisAt.set(id, h));
    objectIds.forEach((oid, o) => {
      const previous = this.lastHypothesisOf.get(oid);
      const h = previous === undefined ? -1 : (hypothesisAt.get(previous) ?? -1);
      if (h >= 0 && hypothesisFree[h] && distanceOf.has(o * hypothesisIds.length + h)) record(o, h);
    });
    const open = pairs.filter(([o, h]) => objectFree[o] && hypothesisFree[h]);
    for (const [o, h] of sparseAssignment(objectIds.length, hypothesisIds.length, open, 'max-pairs')) record(o, h);
    this.counts.objects += objectIds.length;
    this.counts.misses += objectFree.filter(Boolean).length;
    this.counts.falsePositives += hypothesisFree.filter(Boolean).length;
  }
}

/** MOTA, MOTP, precision and recall in percent; NaN where undefined (no objects, no detections). */
export function motMetrics(c: MotCounts): { mota: number; motp: number; precision: number; recall: number } {
  const objects = c.objects > 0 ? c.objects : NaN;
  const predicted = c.detections + c.falsePositives;
  return {
    mota: 100 * (1 - (c.misses + c.switches + c.falsePositives) / objects),
    // PoseTrack's MOTP: 100·(1 − mean normalised distance); 0 when nothing matched, as poseval.
    motp: c.detections === 0 ? 0 : 100 * (1 - c.sumDistance / c.detections),
    precision: predicted > 0 ? (100 * c.detections) / predicted : NaN,
    recall: (100 * c.detections) / objects,
  };
}
