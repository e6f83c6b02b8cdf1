/**
 * The pose model on a thread of its own. Its session.run would otherwise block the pipeline's
 * thread, which also reads the decoder's pipe, hands frames to the detector's thread and tracks:
 * the detector then waited for frames while the pose model ran. The crops are cut on the pose
 * model's thread, from pixels shared with the pipeline (see model-thread.ts).
 */
import type { Box, Frame, Pose } from '../types';
import type { KeypointSchema } from '../keypoints/schema';
import type { ModelManifest } from '../models/manifest';
import type { ModelCallTimes } from '../models/call-times';
import type { PoseEstimator } from '../pose/estimator';
import type { PoseEstimatorOptions } from '../pose/options';
import { portableFrame, startModelThread, type ModelThread } from './model-thread';

/** What the pose model's thread reports once the model has loaded. */
export interface PoseModelReady {
  manifest: ModelManifest;
  schema: KeypointSchema;
  provider: string;
}

export interface PoseEstimateRequest {
  frame: Frame;
  boxes: readonly Box[];
}

/** Starts the thread and loads the pose model there; rejects with the loading error. */
export async function createThreadedPoseEstimator(options: PoseEstimatorOptions): Promise<PoseEstimator> {
  const { onWarning, ...portable } = options;
  const { thread, ready } = await startModelThread<PoseModelReady, PoseEstimateRequest, Pose[]>('pose-worker', portable, 'pose model', onWarning);
  return new PoseModelProxy(thread, ready);
}

class PoseModelProxy implements PoseEstimator {
  readonly manifest: ModelManifest;
  readonly schema: KeypointSchema;
  readonly provider: string;

  constructor(private readonly thread: ModelThread<PoseEstimateRequest, Pose[]>, ready: PoseModelReady) {
    ({ manifest: this.manifest, schema: this.schema, provider: this.provider } = ready);
  }

  get times(): ModelCallTimes {
    return this.thread.times;
  }

  estimate(frame: Frame, boxes: readonly Box[]): Promise<Pose[]> {
    // Only the frame's own fields cross: the pose model reads the full-size pixels alone.
    const { downscaled: _unused, ...own } = frame;
    return this.thread.call({ frame: portableFrame(own), boxes: boxes.map(({ x, y, w, h, score }) => ({ x, y, w, h, score })) });
  }

  dispose(): Promise<void> {
    return this.thread.dispose();
  }
}
