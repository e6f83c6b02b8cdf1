/**
 * The pose model's own thread (started by pose-thread.ts): loads the pose model named in
 * workerData and estimates the poses of each call's boxes, in order.
 */
import { workerData } from 'node:worker_threads';
import { createPoseEstimator } from '../pose/estimator';
import type { PoseEstimatorOptions } from '../pose/options';
import type { Pose } from '../types';
import { serveModelThread } from './model-thread-serve';
import type { PoseEstimateRequest, PoseModelReady } from './pose-thread';

const options = workerData as Omit<PoseEstimatorOptions, 'onWarning'>;

serveModelThread<PoseModelReady, PoseEstimateRequest, Pose[]>(async (onWarning) => {
  const estimator = await createPoseEstimator({ ...options, onWarning });
  return {
    ready: { manifest: estimator.manifest, schema: estimator.schema, provider: estimator.provider },
    model: { run: ({ frame, boxes }) => estimator.estimate(frame, boxes), times: () => estimator.times, dispose: () => estimator.dispose() },
  };
});
