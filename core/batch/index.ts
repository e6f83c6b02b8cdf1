export { runBatch, type RunBatchOptions, type BatchHooks } from './run-batch';
export { discoverVideos, type DiscoverOptions } from './discover';
export { outputPathFor, assignOutputPaths } from './output-path';
export {
  BATCH_REPORT_NAME,
  readBatchReport,
  settingsHash,
  type BatchReport,
  type BatchReportFile,
  type KeypointsOption,
} from './report';
export { planBatch, type PlanBatchOptions } from './plan-batch';
export { trackFile, type TrackFileOptions } from './track-file';
export { countStatuses, writeBatchReport } from './report';
export { BatchReportSaver, batchFileStates } from './report-saver';
