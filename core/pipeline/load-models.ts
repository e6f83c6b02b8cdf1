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

export interface ModelFactories<D extends LoadedDetector, P extends LoadedPoseEstimator> {
  createDetector(options: {
    model: string;
    device?: ResolvedTrackOptions['device'];
    threads?: number;
    minScore?: number;
    tiling?: ResolvedTrackOptions['detectorTiling'];
    inputSizePx?: number;
    onWarning?: (message: string) => void;
  }): Promise<D>;
  createPoseEstimator(options: {
    model: string;
    device?: ResolvedTrackOptions['device'];
    threads?: number;
    flipTest?: boolean;
    onWarning?: (message: string) => void;
  }): Promise<P>;
}

export interface LoadedModels<D, P> {
  detector: D;
  poseEstimator: P;
  /** Releases both sessions; safe to call once whatever happened during the run. */
  dispose(): Promise<void>;
}

/**
 * Loads the detector and the pose model side by side. When one fails the other is disposed
 * before the error is thrown, so a bad model id never leaks a loaded session.
 */
export async function loadModels<D extends LoadedDetector, P extends LoadedPoseEstimator>(
  settings: ResolvedTrackOptions,
  onWarning: (message: string) => void,
  factories: ModelFactories<D, P>,
): Promise<LoadedModels<D, P>> {
  const common = { device: settings.device, threads: settings.threads, onWarning };
  const [detector, poseEstimator] = await Promise.allSettled([
    factories.createDetector({
      ...common,
      model: settings.detector,
      minScore: settings.minBoxScore,
      ...(settings.detectorTiling !== undefined && { tiling: settings.detectorTiling }),
      ...(settings.detectorInputSizePx !== undefined && { inputSizePx: settings.detectorInputSizePx }),
    }),
    factories.createPoseEstimator({ ...common, model: settings.poseModel, flipTest: settings.flipTest }),
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
