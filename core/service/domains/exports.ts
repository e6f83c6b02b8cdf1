import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { PoseApi } from '../../api/pose-api';
import { ApiError, ERROR_CODES } from '../../api/errors';
import { runExport } from '../export-job';
import type { ServiceContext } from '../service-context';

export function exportsDomain({ core, emit, spawnWorker, projectManager }: ServiceContext): PoseApi['exports'] {
  return {
    run: async (videoPath, format, outPath, options = {}) => {
      const manager = await projectManager();
      // The result with the project's stored filters applied; the project's track list for names and hidden tracks.
      const [state, result] = await Promise.all([manager.load(videoPath), manager.currentResult(videoPath)]);
      const project = state && result ? { ...state, result } : null;
      if (!project) throw new ApiError(ERROR_CODES.failedPrecondition, `${path.resolve(videoPath)} has not been tracked yet: run tracking before exporting.`);
      const exportId = randomUUID();
      const written = await runExport({
        videoPath,
        project,
        options,
        format,
        outPath,
        overwrite: options?.overwrite ?? false,
        ports: core,
        spawnWorker,
        onProgress: (progress) => emit({ type: 'export-progress', exportId, progress }),
      });
      return { exportId, outPath: written };
    },
  };
}
