export {
  QUEUE_NAME,
  checkRedis,
  parseRedisUrl,
  redactRedisUrl,
  connectionOptions,
  type RedisTarget,
} from './connection';
export { JOB_ATTEMPTS, jobIdFor, batchIdFor, type TrackJobData, type TrackJobResult } from './job-data';
export { parsePathMapping, mapPath, type PathMapping } from './path-map';
export { openQueue, submitBatch, type SubmittedBatch } from './submit';
export { runQueueBatch, type QueueBatchOptions, type QueueBatchHooks } from './app-batch';
export { followBatch, batchStatus, type FollowHooks } from './follow';
export { loadBatchRecord, type BatchRecord } from './batch-record';
export { QueueWorker, DEFAULT_STALL_MS, type QueueWorkerOptions } from './worker';
