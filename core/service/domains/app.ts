import os from 'node:os';
import type { PoseApi } from '../../api/pose-api';
import { ApiError, ERROR_CODES } from '../../api/errors';
import type { ServiceContext } from '../service-context';
import { deviceDefaultModels } from '../device-default-models';

export function appDomain({ deps, core, devices, settings }: ServiceContext): PoseApi['app'] {
  return {
    info: async () => ({
      version: deps.version,
      platform: process.platform,
      host: deps.host,
      ffmpegPath: await core.ffmpegPath(),
      devices: await devices,
      defaultModels: deviceDefaultModels(await devices),
      homeDir: os.homedir(),
    }),
    recentFiles: () => settings.recentFiles(),
    pickVideo: async () => (deps.dialogs ? deps.dialogs.pickVideo() : null),
    pickFolder: async () => (deps.dialogs ? deps.dialogs.pickFolder() : null),
    pickSavePath: async (defaultPath) => (deps.dialogs ? deps.dialogs.pickSavePath(defaultPath) : null),
    showInFolder: async (filePath) => {
      if (!deps.showInFolder)
        throw new ApiError(
          ERROR_CODES.failedPrecondition,
          `This host cannot open a file manager; the file is at ${filePath}.`,
        );
      await deps.showInFolder(filePath);
    },
  };
}
