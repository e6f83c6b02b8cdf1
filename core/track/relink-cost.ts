import type { Box } from '../types';
import type { AppearanceVerdict } from './appearance-verdict';

/** What is known about one (lost track or track piece, returning pose) pair. */
export interface RelinkEvidence {
  /** Where the track was expected (damped motion prediction) and where the pose is. */
  predictedBox: Box;
  box: Box;
  /**
   * The box the prediction was made from (the last whole view): with predictedBox it gives the
   * direction the person was heading, along which the gate is longer (see distanceFromPrediction).
   */
  fromBox?: Box;
  /**
   * The person's usual box height (a running average): distances and the size check use it, not
   * the last box, which shrinks when someone is cut by the picture's edge or half hidden.
   */
  heightPx: number;
  /** The returning person's height when known better than from `box` (a piece's tallest first box). */
  returningHeightPx?: number;
  /** Frames the person went unseen. */
  gapFrames: number;
  /** poseShapeSimilarity, null when too few keypoints are shared. */
  shape: number | null;
  /** compareAppearance (long gap), null without a description on both sides. */
  appearance: AppearanceVerdict | null;
}

export interface RelinkCostOptions {
  /** Gate radius, in the person's usual box heights, for a person unseen for one frame. */
  lostGateBoxHeights: number;
  /** How much the gate widens per frame unseen, in box heights: the longer hidden, the less sure the prediction. */
  lostGateGrowthPerFrame: number;
  /** Pairs costing more than this are not linked: a new id is better than a wrong one. */
  relinkMaxCost: number;
  /**
   * Largest change of box height from the person's usual height, as a ratio (1.6 = 60 % taller or shorter):
   * a returning person is about the size they were, and a fragment of someone else is not.
   */
  maxScaleRatio: number;
}

export interface RelinkScore {
  cost: number;
  /** Centre distance from the prediction, in the person's usual box heights. */
  distance: number;
}

/** Weights of position, pose shape and appearance in the cost (renormalised over the evidence present). */
const WEIGHTS = { position: 0.4, shape: 0.2, appearance: 0.4 } as const;

/**
 * Unseen longer than this, a person's posture says nothing about who they are: a walker hidden
 * for a second comes back in another phase of their stride (the shared clip's woman behind a
 * panel: shape similarity 0.0008 with herself), so where appearance can judge, the shape is left
 * out instead of counting as a mismatch. Without appearance it stays, keeping such joins as strict
 * as position and shape together make them.
 */
export const SHAPE_MAX_GAP_FRAMES = 15;

/**
 * The cost of saying "this pose is that lost person": a weighted mean of the distance from the
 * predicted position as a fraction of the gate, 1 − pose-shape similarity and 1 − appearance
 * similarity, in 0..1. Null when the pose is outside the gate or the appearance says these are
 * different people (a veto, however well position and time fit). The gate widens with the time
 * lost only when appearance can confirm the person.
 */
export function relinkCost(evidence: RelinkEvidence, options: RelinkCostOptions): RelinkScore | null {
  const height = Math.max(evidence.heightPx, 1);
  const distance = distanceFromPrediction(evidence) / height;
  // Without colours to confirm, only a return close to the prediction is believed.
  const widening = evidence.appearance === null ? 0 : options.lostGateGrowthPerFrame * Math.max(0, evidence.gapFrames);
  const gate = options.lostGateBoxHeights + widening;
  if (distance > gate) return null;
  const returningHeight = Math.max(evidence.returningHeightPx ?? evidence.box.h, 1);
  if (Math.abs(Math.log(returningHeight / height)) > Math.log(options.maxScaleRatio)) return null;
  if (evidence.appearance?.differentPeople) return null;
  let weighted = WEIGHTS.position * (distance / gate);
  let weight = WEIGHTS.position;
  if (evidence.shape !== null && (evidence.gapFrames <= SHAPE_MAX_GAP_FRAMES || evidence.appearance === null)) {
    weighted += WEIGHTS.shape * (1 - evidence.shape);
    weight += WEIGHTS.shape;
  }
  if (evidence.appearance !== null) {
    weighted += WEIGHTS.appearance * (1 - evidence.appearance.similarity);
    weight += WEIGHTS.appearance;
  }
  const cost = weighted / weight;
  return cost <= options.relinkMaxCost ? { cost, distance } : null;
}

/**
 * How much longer the gate is along the direction a person was heading than across it. Hidden
 * behind something, a walker keeps their direction far better than their speed: they slow down,
 * stop or speed up, and the speed measured over their last whole views (often a few slow steps
 * against an occluder's edge) is the least sure part of the prediction.
 */
const ALONG_HEADING_STRETCH = 2;
/** Below this predicted displacement, in box heights, the person was not heading anywhere: the gate is round. */
const MIN_HEADING_HEIGHTS = 0.1;

const centreOf = (box: Box): [number, number] => [box.x + box.w / 2, box.y + box.h / 2];

/**
 * Distance in px from the predicted centre to the pose's, with the part along the person's heading
 * (fromBox → predictedBox) divided by ALONG_HEADING_STRETCH.
 */
export function distanceFromPrediction(
  evidence: Pick<RelinkEvidence, 'predictedBox' | 'box' | 'fromBox' | 'heightPx'>,
): number {
  const [px, py] = centreOf(evidence.predictedBox);
  const [bx, by] = centreOf(evidence.box);
  const [dx, dy] = [bx - px, by - py];
  if (!evidence.fromBox) return Math.hypot(dx, dy);
  const [fx, fy] = centreOf(evidence.fromBox);
  const heading = Math.hypot(px - fx, py - fy);
  if (heading < MIN_HEADING_HEIGHTS * Math.max(evidence.heightPx, 1)) return Math.hypot(dx, dy);
  const [ux, uy] = [(px - fx) / heading, (py - fy) / heading];
  const along = dx * ux + dy * uy;
  const across = dx * -uy + dy * ux;
  return Math.hypot(along / ALONG_HEADING_STRETCH, across);
}
