import type { RelinkCostOptions } from './relink-cost';
import type { AppearanceThresholds } from './appearance-verdict';

/**
 * Tracker settings, all in one place, with units in the names. The defaults suit 25–60 fps video
 * of people walking; every field can be overridden per run (`new PoseTracker({ ...run, minOks: 0.4 })`).
 * `minKeypointScore`, `sigmas` and `maxTrackIds` have no tracker default: they belong to the run (its
 * keypoint visibility threshold), to the pose model (its schema's OKS sigmas) and to the output
 * format (its track id bound), so every caller passes them.
 */
export interface TrackerOptions extends RelinkCostOptions, AppearanceThresholds {
  /**
   * OKS a pose needs with a track seen in the previous frame to continue it. 0.5 is the OKS at
   * which COCO counts a pose as the same person; between frames of a 25+ fps video the same person
   * usually scores above 0.8 and two different people below 0.2.
   */
  minOks: number;
  /**
   * Looser OKS threshold for re-linking a lost track (one that missed ≥ 1 frame) against its
   * motion-predicted pose: after an occlusion the pose has changed more than between two
   * consecutive frames, and the prediction carries some error.
   */
  relinkMinOks: number;
  /**
   * Re-link window: a track unseen for up to this many frames is matched against its last pose
   * moved by its recent velocity (a person walking behind someone keeps walking).
   */
  relinkMaxFrames: number;
  /**
   * A track unseen for more than this many frames ends and its id is never given again. Between
   * `relinkMaxFrames` and `maxAgeFrames` a lost track is matched only at the strict `minOks`
   * against its last pose without prediction: extrapolating a velocity over a second of
   * occlusion overshoots, but a person standing still behind an obstacle reappears in place.
   */
  maxAgeFrames: number;
  /**
   * Last resort for a pose that matched no track by OKS: inside the re-link window it continues
   * the unmatched track whose last box centre is within this distance, in box sizes (see
   * boxCentreDistance), provided that track is clearly the nearest of all live tracks (see
   * boxRelinkMinDistanceRatio). OKS fails when the pose itself changes beyond recognition between
   * sightings (a flip, a fall, a person turning upside down in glare) while the person stays
   * where they were.
   */
  boxRelinkMaxCentreDistance: number;
  /**
   * The box re-link is taken only when every other live track is at least this many times
   * farther from the pose than the chosen one: near another person, position alone cannot tell
   * who is who, and a new id is better than a swapped one.
   */
  boxRelinkMinDistanceRatio: number;
  /**
   * A pose whose mean keypoint score (over all keypoints) is below this may continue a track
   * but never starts one; such a pose matching no track is left out of the result. The pose model
   * returns low scores everywhere when its box holds no person (a body part found by a detector
   * tile, background texture), and each of those would otherwise become a one-frame track id.
   */
  minNewTrackScore: number;
  /** Keypoints scoring below this are left out of OKS on both sides (they are mostly guesses). */
  minKeypointScore: number;
  /** Weight of the newest velocity measurement in the exponential moving average (0..1]. */
  velocitySmoothing: number;
  /** Per-keypoint OKS sigmas; COCO-17 and PoseTrack 2018 share the same 17 values. */
  sigmas: readonly number[];
  /**
   * Track ids run from 0 to maxTrackIds - 1, then wrap around, skipping ids still live. The
   * output format bounds them (PoseTrack's ids are below 10000), so the run passes its bound in.
   */
  maxTrackIds: number;
  /**
   * Lost-track memory: poses no OKS stage recognised are matched against every lost track (up to
   * maxAgeFrames) by predicted position, pose shape and appearance (see matchLostTracks).
   */
  lostMemory: boolean;
  /** Per frame unseen, the predicted motion keeps this fraction of its speed (damped constant velocity). */
  motionDampingPerFrame: number;
  /** Weight of the newest colour observation in a track's running appearance (0..1]. */
  appearanceSmoothing: number;
}

/*
 * Appearance thresholds (see AppearanceThresholds), measured by `npm run bench -- --only reid`
 * (test/bench/reid-separation.ts) on real crops: 69 sightings of the two people of the shared
 * clip, tracked by the pipeline (1092 pairs of one person 1/3 s to 7 s apart), against 21208
 * pairs of different people (the 143 labelled coco-train people, and the clip's man against its
 * woman). The figures are in the README ("Telling people apart", and the Benchmarks' reid).
 */

/**
 * Embeddings of the OSNet-x0.25 MSMT17 model, unseen longer than the short window: set just above
 * what nearly all pairs of different people reach, so a person may get a new id but two people
 * are not joined.
 */
export const REID_MIN_SIMILARITY = 0.75;
/**
 * Embeddings inside the short window: below every same-person pair up to 1 s apart, above half of
 * the different-people pairs.
 */
export const REID_MIN_SHORT_GAP_SIMILARITY = 0.4;
/**
 * Colours along the skeleton, unseen longer than the short window: they cannot tell the clip's
 * man from its woman nor dark clothes from dark clothes, so the bar is as high as the embeddings'
 * and still keeps most same-person pairs.
 */
export const COLOUR_MIN_SIMILARITY = 0.75;
/**
 * Colours inside the short window: light changes quickly as a person moves (backlit, then in the
 * sun), so only clearly different colours veto there.
 */
export const COLOUR_MIN_SHORT_GAP_SIMILARITY = 0.3;

/** The options a tracker cannot default: the run's keypoint threshold, the pose model's sigmas, the format's id bound. */
export type TrackerRunOptions = Pick<TrackerOptions, 'minKeypointScore' | 'sigmas' | 'maxTrackIds'>;

/** What a tracker is built from: the run's options, and overrides of any default. */
export type TrackerSettings = TrackerRunOptions & Partial<Omit<TrackerOptions, keyof TrackerRunOptions>>;

export const DEFAULT_TRACKER_OPTIONS: Readonly<Omit<TrackerOptions, keyof TrackerRunOptions>> = Object.freeze({
  minOks: 0.5,
  relinkMinOks: 0.3,
  relinkMaxFrames: 10,
  maxAgeFrames: 30,
  boxRelinkMaxCentreDistance: 1,
  boxRelinkMinDistanceRatio: 2,
  minNewTrackScore: 0.25,
  velocitySmoothing: 0.5,
  lostMemory: true,
  lostGateBoxHeights: 1,
  lostGateGrowthPerFrame: 0.02,
  relinkMaxCost: 0.5,
  minAppearanceSimilarity: COLOUR_MIN_SIMILARITY,
  maxScaleRatio: 1.6,
  motionDampingPerFrame: 0.97,
  appearanceSmoothing: 0.1,
  minShortGapAppearanceSimilarity: COLOUR_MIN_SHORT_GAP_SIMILARITY,
  minEmbeddingSimilarity: REID_MIN_SIMILARITY,
  minShortGapEmbeddingSimilarity: REID_MIN_SHORT_GAP_SIMILARITY,
});

/** Merges the settings into the defaults and rejects values that would make the tracker misbehave. */
export function resolveTrackerOptions(settings: TrackerSettings): TrackerOptions {
  const options: TrackerOptions = { ...DEFAULT_TRACKER_OPTIONS, ...settings };
  const checkRange = (name: Exclude<keyof TrackerOptions, 'sigmas' | 'lostMemory'>, min: number, max: number) => {
    const value = options[name];
    if (!Number.isFinite(value) || value < min || value > max) {
      throw new Error(`Invalid tracker option ${name}=${value}. Should be a number in [${min}, ${max}].`);
    }
  };
  checkRange('minOks', 0, 1);
  checkRange('relinkMinOks', 0, 1);
  checkRange('minKeypointScore', 0, 1);
  checkRange('minNewTrackScore', 0, 1);
  checkRange('boxRelinkMaxCentreDistance', 0, Number.MAX_VALUE);
  checkRange('boxRelinkMinDistanceRatio', 1, Number.MAX_VALUE);
  checkRange('velocitySmoothing', Number.MIN_VALUE, 1);
  checkRange('relinkMaxFrames', 0, Number.MAX_SAFE_INTEGER);
  checkRange('lostGateBoxHeights', 0, Number.MAX_VALUE);
  checkRange('lostGateGrowthPerFrame', 0, Number.MAX_VALUE);
  checkRange('relinkMaxCost', 0, 1);
  checkRange('minAppearanceSimilarity', 0, 1);
  checkRange('minShortGapAppearanceSimilarity', 0, 1);
  checkRange('minEmbeddingSimilarity', 0, 1);
  checkRange('minShortGapEmbeddingSimilarity', 0, 1);
  checkRange('maxScaleRatio', 1, Number.MAX_VALUE);
  checkRange('motionDampingPerFrame', 0, 1);
  checkRange('appearanceSmoothing', Number.MIN_VALUE, 1);
  checkRange('maxAgeFrames', 0, Number.MAX_SAFE_INTEGER);
  checkRange('maxTrackIds', 1, Number.MAX_SAFE_INTEGER);
  if (options.sigmas.length === 0 || options.sigmas.some((s) => !(s > 0))) {
    throw new Error(`Invalid tracker option sigmas: every per-keypoint sigma must be a positive number.`);
  }
  if (!Number.isInteger(options.relinkMaxFrames) || !Number.isInteger(options.maxAgeFrames)) {
    throw new Error(`Invalid tracker options: relinkMaxFrames and maxAgeFrames must be whole frame counts.`);
  }
  if (!Number.isInteger(options.maxTrackIds))
    throw new Error(`Invalid tracker option maxTrackIds=${options.maxTrackIds}. Should be a whole number of ids.`);
  if (options.relinkMaxFrames > options.maxAgeFrames) {
    throw new Error(
      `Invalid tracker options: relinkMaxFrames (${options.relinkMaxFrames}) exceeds maxAgeFrames (${options.maxAgeFrames}); a track cannot be re-linked after it has ended.`,
    );
  }
  return options;
}
