import type { ResolvedTrackOptions } from './track-options';
import type { BoxDetector, PoseModel } from './types';
import type { KeypointSchema } from '../keypoints/schema';

interface Disposable {
  dispose(): void | Promise<void>;
  /** Execution provider the session got. */
  provider: string;
  manifest: { id: string };
}

export interface LoadedDetector extends BoxDetector, Disposable {}
export interface LoadedPoseEstimator extends PoseModel, Disposable {
  schema: KeypointSchema;
}

/** What the detector factory is given (core/detect's DetectorOptions has these fields). */
export interface DetectorFactoryOptions {
  model: string;
  device?: ResolvedTrackOptions['device'];
  threads?: number;
  minScore?: number;
  tiling?: ResolvedTrackOptions['detectorTiling'];
  inputSizePx?: number;
  onWarning?: (message: string) => void;
}

/** What the pose model factory is given (core/pose's PoseEstimatorOptions has these fields). */
export interface PoseFactoryOptions {
  model: string;
  device?: ResolvedTrackOptions['device'];
  threads?: number;
  flipTest?: boolean;
  onWarning?: (message: string) => void;
}

export interface ModelFactories<D extends LoadedDetector, P extends LoadedPoseEstimator> {
  createDetector(options: DetectorFactoryOptions): Promise<D>;
  createPoseEstimator(options: PoseFactoryOptions): Promise<P>;
}

export interface LoadedModels<D, P> {
  detector: D;
  poseEstimator: P;
  /** Releases both sessions; safe to call once whatever happened during the run. */
  dispose(): Promise<void>;
}

/**
 * Loads the detector and the pose model side by side, with the options buildStages made. When one fails the other is disposed
 * before the error is thrown, so a bad model id never leaks a loaded session.
 */
export async function loadModels<D extends LoadedDetector, P extends LoadedPoseEstimator>(
  detectorOptions: DetectorFactoryOptions,
  poseOptions: PoseFactoryOptions,
  factories: ModelFactories<D, P>,
  onWarning: (message: string) => void,
): Promise<LoadedModels<D, P>> {
  const [detector, poseEstimator] = await Promise.allSettled([
    factories.createDetector(detectorOptions),
    factories.createPoseEstimator(poseOptions),
  ]);
  if (detector.status === 'rejected' || poseEstimator.status === 'rejected') {
    if (detector.status === 'fulfilled') await detector.value.dispose();
    if (poseEstimator.status === 'fulfilled') await poseEstimator.value.dispose();
    throw detector.status === 'rejected' ? detector.reason : (poseEstimator as PromiseRejectedResult).reason;
  }
  if (detector.value.provider !== poseEstimator.value.provider) {
    onWarning(`The detector runs on ${detector.value.provider} and the pose model on ${poseEstimator.value.provider}.`);
  }
  return {
    detector: detector.value,
    poseEstimator: poseEstimator.value,
    dispose: async () => {
      await Promise.allSettled([detector.value.dispose(), poseEstimator.value.dispose()]);
    },
  };
}
