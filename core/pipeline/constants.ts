/**
 * Tuning constants of the pipeline runner and box propagation, with units in their names.
 * Defaults that users can change per run (model ids, score thresholds) live in
 * core/settings/run-defaults.ts; these are the internal ones.
 */

/**
 * A propagated box is the box around the previous pose's visible keypoints, enlarged by this
 * factor in width and height. Keypoints stop at the joints (ankles, top of the face), so the box
 * must grow to cover the whole person; the HRNet PoseTrack pipeline uses about 1.2.
 */
export const PROPAGATION_BOX_ENLARGE = 1.2;

/** Fewer visible keypoints than this give no propagated box: the box would be a guess. */
export const PROPAGATION_MIN_VISIBLE_KEYPOINTS = 4;

/**
 * A pose from a propagated box whose mean keypoint score (over all keypoints) falls below this
 * found nobody: it is dropped from the frame and not propagated. Empty background scores about
 * 0.05; a real person the model barely sees (upside down in glare) still scores 0.12–0.2.
 */
export const PROPAGATION_MIN_MEAN_KEYPOINT_SCORE = 0.1;

/**
 * A pose with at least this mean keypoint score is propagated as the enlarged box around its
 * keypoints. Between the minimum and this the pose is weak: the person may have left, or be
 * hard to see (glare, an unusual pose), so its box only coasts, within the bounds below.
 */
export const PROPAGATION_CONFIDENT_MEAN_KEYPOINT_SCORE = 0.25;

/**
 * A weak pose coasts only while the detector has missed its box fewer than this many runs in a
 * row: a third of a second at 30 fps, enough to bridge a back flip in the sun's glare, too short to
 * leave a ghost for long when the person has really gone.
 */
export const PROPAGATION_MAX_WEAK_DETECTOR_MISSES = 10;

/**
 * A weak pose whose box comes within this fraction of the image size of an edge does not coast:
 * people leave the picture at its edges, and there a collapsing pose means they have gone.
 */
export const PROPAGATION_WEAK_EDGE_MARGIN = 0.02;

/**
 * A propagated box that the detector has missed this many times in a row (detector runs, so the
 * limit scales with --det-interval) is not propagated again. The pose score check is what ends a
 * box once its person has left; this bound is the backstop for a pose model that keeps "seeing" a
 * person in background texture. It is generous because light detectors lose real people for
 * seconds at a time (backlight, motion blur, unusual poses such as a flip) while the pose model
 * still finds them in the propagated box: two seconds at 30 fps.
 */
export const PROPAGATION_MAX_DETECTOR_MISSES = 60;

/** A propagated box overlapping a kept box (detector boxes first) by at least this IoU is dropped. */
export const MERGE_IOU_THRESHOLD = 0.5;

/** A propagated box with at least this fraction of its area inside a detection is dropped too. */
export const MERGE_CONTAINED_FRACTION = 0.8;

/**
 * Frames waiting between two stages. Small: decode runs ahead of inference by a few frames only,
 * so memory does not grow with the video (a 4K RGB frame is 25 MB).
 */
export const STAGE_QUEUE_CAPACITY_FRAMES = 3;

/** Progress events and live frame batches are emitted at most this often. */
export const PROGRESS_INTERVAL_MS = 250;

/** fps and ETA are measured over the most recent window of this length. */
export const RATE_WINDOW_MS = 3000;

/**
 * Two poses with at least this OKS are one person found twice (through a detection and a
 * propagated box); different people, even side by side, score far below it.
 */
export const POSE_NMS_MAX_OKS = 0.7;

/**
 * Frames before a tiled pass that are held back, so that people the pass finds new can be searched
 * for in them too (see detect-stage.ts). Frames further back go on without that search: with long
 * tile intervals, holding every frame in between would cost memory that grows with the interval.
 */
export const NEWCOMER_SEARCH_MAX_FRAMES = 6;
