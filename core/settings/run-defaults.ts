/**
 * Default model ids and tracking settings, shared by the CLI, batch mode and the desktop app so a
 * run started from any of them behaves the same unless the user changes something.
 */

/** How long a person may go unseen and keep their id, by default (the video's frame rate turns it into frames). */
export const DEFAULT_MAX_GAP_MS = 3000;

/** Person detector used when none is chosen. */
export const DEFAULT_DETECTOR_ID = 'yolox-nano';

/**
 * Top-down pose model used on a CPU when none is chosen: RTMPose-m 256×192, more accurate than
 * HRNet-W32 256×192 (published COCO AP 0.758 against 0.746) and 2.7–3.9× its boxes/s on 2 cores
 * (`npm run bench -- --only pose-models`; the README's model table).
 */
export const DEFAULT_POSE_MODEL_ID = 'rtmpose-m-coco-256x192';

/**
 * Person re-ID model that tells people apart in re-linking and stitching, by default: the pinned
 * OSNet-x0.25 (under 1 MB), downloaded on first use. Where it is not installed and cannot be
 * fetched, people are compared by their colours and the run says so in one line.
 */
export const DEFAULT_REID_MODEL_ID = 'osnet-x0-25-msmt17';

/** The `reidModel` setting (and `--reid-model` value) that compares people by their colours, with no model. */
export const NO_REID_MODEL = 'none';

/** Run the detector on every frame; propagation still fills the frames where it misses people. */
export const DEFAULT_DET_INTERVAL_FRAMES = 1;

/**
 * With detector tiling, the tiles are searched on every N-th detector run and the full frame on
 * every run. People small enough to need the tiles move little between those runs and are followed
 * by propagation from their poses in between; someone only the tiles can see is found at most
 * N − 1 frames late when they appear. 3 keeps that within 2 frames (on the shared two-people clip
 * with 4, the woman walking in was found 3 frames later than with tiles on every frame) at 3
 * detector images per frame instead of 7.
 */
export const DEFAULT_TILE_INTERVAL_FRAMES = 3;

/** Detections below this score are not handed to the pose model. */
export const DEFAULT_MIN_BOX_SCORE = 0.3;

/**
 * Box score threshold for COCO results: COCO AP ranks every result by its score, so low-scoring
 * boxes add recall and cost little precision (top-down protocols keep nearly all detections:
 * HRNet's `IMAGE_THRE` is 0). On coco-train with YOLOX-nano 416 and the nano pose model, the
 * detector's AP over the ground-truth boxes' is 0.863 at the tracking threshold 0.3, 0.907 at
 * 0.1, 0.920 at 0.05 and 0.925 at 0.01 (2.8× and 6.5× the pose work of 0.3); OKS-NMS of the
 * poses changes it by ≤ 0.001. Tracking keeps 0.3: a low box is a false track there.
 */
export const COCO_RESULTS_MIN_BOX_SCORE = 0.05;
