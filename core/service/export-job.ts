import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { ExportFormat, ExportOptions, ProjectState } from '../api/pose-api';
import type { Progress, TrackingResult } from '../types';
import type { CorePorts } from './core-ports';
import { ApiError, ERROR_CODES } from '../api/errors';
import { checkExportTarget } from './export-target';
import { runWorkerJob } from './worker-job';
import { refuseSilentReplace } from './export-target';
import { exportedNames, withoutHiddenTracks } from '../project/export-tracks';

export interface ExportRequest {
  videoPath: string;
  project: ProjectState;
  options: ExportOptions;
  format: ExportFormat;
  outPath: string;
  /** Replace an existing file even when Posetrail did not write it. */
  overwrite: boolean;
  ports: CorePorts;
  spawnWorker: () => Worker;
  onProgress(progress: Progress): void;
}

/**
 * Writes one export and resolves with its absolute path. Data formats are written directly (they
 * are quick and atomic); the overlay video re-decodes and draws every frame, so it runs in the
 * worker thread with progress.
 */
export async function runExport(request: ExportRequest): Promise<string> {
  const outPath = path.resolve(request.outPath);
  if (outPath === path.resolve(request.videoPath)) {
    throw new ApiError(
      ERROR_CODES.invalidArgument,
      `Refusing to export over the source video ${outPath}; choose another file name.`,
    );
  }
  await checkExportTarget(outPath, request.format, request.overwrite);
  await refuseSilentReplace(outPath, request.overwrite);
  const { project } = request;
  const result: TrackingResult = request.options.excludeHidden
    ? withoutHiddenTracks(project.result, project.tracks)
    : project.result;
  const trackNames = exportedNames(result, project.tracks);
  if (request.format === 'overlay-video') {
    const handle = runWorkerJob(request.spawnWorker, { kind: 'overlay', result, outPath, trackNames }, (message) => {
      if (message.type === 'progress') request.onProgress(message.progress);
    });
    await handle.done;
  } else {
    const total = 1;
    request.onProgress({ done: 0, total, message: `Writing ${path.basename(outPath)}` });
    await request.ports.writeResult(outPath, result, request.format, trackNames);
    request.onProgress({ done: total, total, message: `Wrote ${path.basename(outPath)}` });
  }
  return outPath;
}
