/**
 * Figures on the shared labelled photos, with the shared nano models: COCO keypoint AP of the pose
 * model in the ground truth's boxes and in the default detector's (YOLOX-nano, tiling off; at the
 * tracking pipeline's minimum box score, and at the one `pose --coco-out` uses), their ratios, and the recall of the labelled people by the
 * detector's boxes (IoU ≥ 0.5). The coco-train photos are also scored placed into 1920×1080
 * frames, read as the tracking pipeline reads video frames: that is where the detector shrinks its
 * input 4.6×, where a change of resize filter shows (the photos alone shrink 1.5×).
 */
import path from 'node:path';
import { createDetector } from '../../../core/detect/detector';
import { runReadOptions } from '../../../core/pipeline/frame-range';
import { createPoseEstimator, type PoseEstimator } from '../../../core/pose/estimator';
import { COCO_RESULTS_MIN_BOX_SCORE, DEFAULT_MIN_BOX_SCORE } from '../../../core/settings/run-defaults';
import type { BenchContext } from '../context';
import { detectorBoxes, scoreSet, truthBoxes } from '../../helpers/detector-quality';
import { loadPhotoSet, placeOnCanvas } from '../../helpers/photo-sets';
import type { FigureProvider, QualityFigure } from './figures';

export const POSE_MODEL = 'simplepose-nano';
export const DETECTOR = 'yolox-nano-416';
const VIDEO_SIZE: [number, number] = [1920, 1080];
/** The pipeline reads a one-frame "video" of each placed photo. */
const ONE_FRAME = runReadOptions({ startFrame: 0, endFrame: 1, stride: 1, count: 1 });

/** AP changes below this are rounding and thread-order noise. */
const AP_TOLERANCE = 0.005;
/** One person of coco-train's 143. */
const RECALL_TOLERANCE = 0.007;

const figure = (name: string, value: number, tolerance: number, higherIsBetter = true): QualityFigure => ({
  name,
  value,
  tolerance,
  higherIsBetter,
});

type LoadedDetector = Awaited<ReturnType<typeof createDetector>>;

async function withModels<T>(
  run: (estimator: PoseEstimator, detector: LoadedDetector, cocoDetector: LoadedDetector) => Promise<T>,
): Promise<T> {
  const estimator = await createPoseEstimator({ model: POSE_MODEL, device: 'cpu' });
  const detectorAt = (minScore: number) => createDetector({ model: DETECTOR, device: 'cpu', minScore, tiling: 'off' });
  const detector = await detectorAt(DEFAULT_MIN_BOX_SCORE);
  const cocoDetector = await detectorAt(COCO_RESULTS_MIN_BOX_SCORE);
  try {
    return await run(estimator, detector, cocoDetector);
  } finally {
    await Promise.all([estimator.dispose(), detector.dispose(), cocoDetector.dispose()]);
  }
}

export const cocoTrainFigures: FigureProvider = {
  name: 'coco-train photos',
  measure: (ctx: BenchContext) =>
    withModels(async (estimator, detector, cocoDetector) => {
      const set = loadPhotoSet('coco-train');
      const truth = await scoreSet(set, estimator, truthBoxes);
      const detected = await scoreSet(set, estimator, detectorBoxes(detector));
      const cocoDetected = await scoreSet(set, estimator, detectorBoxes(cocoDetector));
      ctx.log(
        `coco-train: AP ground-truth boxes ${truth.report.ap.toFixed(3)}, detector ${detected.report.ap.toFixed(3)}, recall ${detected.found}/${detected.people}; at the COCO results threshold ${cocoDetected.report.ap.toFixed(3)}, recall ${cocoDetected.found}/${cocoDetected.people}`,
      );
      const placed = await placeOnCanvas(set, VIDEO_SIZE, path.join(ctx.tmpDir));
      const video = await scoreSet(placed, estimator, detectorBoxes(detector), ONE_FRAME);
      ctx.log(
        `coco-train in 1920x1080: detector AP ${video.report.ap.toFixed(3)}, recall ${video.found}/${video.people}`,
      );
      return [
        figure('coco-train AP, ground-truth boxes', truth.report.ap, AP_TOLERANCE),
        figure('coco-train AP, detector', detected.report.ap, AP_TOLERANCE),
        figure('coco-train AP ratio, detector / ground-truth boxes', detected.report.ap / truth.report.ap, 0.01),
        figure('coco-train recall, detector', detected.recall, RECALL_TOLERANCE),
        figure('coco-train AP, detector, COCO results threshold', cocoDetected.report.ap, AP_TOLERANCE),
        figure(
          'coco-train AP ratio, detector / ground-truth boxes, COCO results threshold',
          cocoDetected.report.ap / truth.report.ap,
          0.01,
        ),
        figure('coco-train in 1920x1080 AP, detector', video.report.ap, AP_TOLERANCE),
        figure('coco-train in 1920x1080 recall, detector', video.recall, RECALL_TOLERANCE),
      ];
    }),
};

export const ochumanFigures: FigureProvider = {
  name: 'OCHuman photos',
  measure: (ctx: BenchContext) =>
    withModels(async (estimator) => {
      const truth = await scoreSet(loadPhotoSet('ochuman'), estimator, truthBoxes);
      ctx.log(`ochuman: AP ground-truth boxes ${truth.report.ap.toFixed(3)}`);
      // OCHuman labels only the occluded people, so its protocol uses ground-truth boxes.
      return [figure('ochuman AP, ground-truth boxes', truth.report.ap, AP_TOLERANCE)];
    }),
};
