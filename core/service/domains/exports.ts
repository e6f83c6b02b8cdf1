import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { PoseApi } from '../../api/pose-api';
import { ApiError, ERROR_CODES } from '../../api/errors';
import { runExport } from '../export-job';
import type { ServiceContext } from '../service-context';

export function exportsDomain({ core, emit, spawnWorker, projectManager, probe }: ServiceContext): PoseApi['exports'] {
  return {
    run: async (videoPath, format, outPath, options = {}) => {
      const manager = await projectManager();
      // The result with the project's stored filters applied; the project's track list for names and hidden tracks.
      const [state, result] = await Promise.all([manager.load(videoPath), manager.currentResult(videoPath)]);
      if (!state || !result)
        throw new ApiError(
          ERROR_CODES.failedPrecondition,
          `${path.resolve(videoPath)} has not been tracked yet: run tracking before exporting.`,
        );
      // The overlay decodes the video the user opened, as probed, never the path the project file names.
      const video = format === 'overlay-video' ? await probe(videoPath) : result.video;
      const project = { ...state, result: { ...result, video } };
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
