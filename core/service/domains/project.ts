import path from 'node:path';
import type { PoseApi } from '../../api/pose-api';
import { ApiError, ERROR_CODES } from '../../api/errors';
import type { ServiceContext } from '../service-context';
import { addPerson } from '../add-person';

export function projectDomain(context: ServiceContext): PoseApi['project'] {
  const { projectManager, probe, core } = context;
  return {
    load: async (videoPath) => (await projectManager()).load(videoPath),
    edit: async (videoPath, edit) => (await projectManager()).edit(videoPath, edit),
    undo: async (videoPath) => (await projectManager()).undo(videoPath),
    redo: async (videoPath) => (await projectManager()).redo(videoPath),
    restorePrevious: async (videoPath) => (await projectManager()).restorePrevious(videoPath),
    importResult: async (videoPath, resultPath) => {
      const [info, result] = await Promise.all([probe(videoPath), core.readResult(path.resolve(resultPath))]);
      if (result.video.frameCount !== info.frameCount) {
        throw new ApiError(
          ERROR_CODES.invalidArgument,
          `${path.basename(resultPath)} describes ${result.video.frameCount} frames, but ${path.basename(info.path)} has ${info.frameCount}: it is not this video's result.`,
        );
      }
      return (await projectManager()).replaceResult(info.path, { ...result, video: info });
    },
    addPerson: (videoPath, request) => addPerson(context, videoPath, request),
  };
}
