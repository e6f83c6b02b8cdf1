import type { TrackedPose } from '../../core/types';
import { MotAccumulator, motMetrics, type MotCounts } from '../../core/eval/mot-accumulator';
import { COCO17 } from '../../core/keypoints/schema';
import { oks } from '../../core/track/oks';
import type { ScenarioFrame } from './simulate-tracks';

/** OKS at which a tracked pose counts as covering a true person (COCO's usual match threshold). */
export const SCENARIO_MATCH_MIN_OKS = 0.5;

export interface ScenarioScore extends MotCounts {
  mota: number;
  motp: number;
  precision: number;
  recall: number;
  /** Distinct track ids the tracker handed out. */
  trackCount: number;
}

/**
 * CLEAR-MOT scores of a tracker's output against a scenario's truth: people matched to tracked
 * poses by OKS ≥ 0.5 (distance = 1 − OKS). Dropped detections count as misses, as they would on
 * a real video, so compare scores between tracker versions on the same scenario.
 */
export function scoreScenario(
  frames: readonly ScenarioFrame[],
  tracked: readonly (readonly TrackedPose[])[],
): ScenarioScore {
  const accumulator = new MotAccumulator();
  const trackIds = new Set<number>();
  frames.forEach((frame, f) => {
    const hypotheses = tracked[f];
    for (const h of hypotheses) trackIds.add(h.trackId);
    const distance = frame.truth.map((person) =>
      hypotheses.map((h) => {
        const s = oks(h.keypoints, person.pose.keypoints, person.pose.box.w * person.pose.box.h, COCO17.sigmas);
        return s >= SCENARIO_MATCH_MIN_OKS ? 1 - s : NaN;
      }),
    );
    accumulator.update(
      frame.truth.map((p) => p.id),
      hypotheses.map((h) => h.trackId),
      distance,
    );
  });
  return { ...accumulator.counts, ...motMetrics(accumulator.counts), trackCount: trackIds.size };
}
