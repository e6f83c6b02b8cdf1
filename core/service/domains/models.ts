import path from 'node:path';
import type { PoseApi } from '../../api/pose-api';
import type { ServiceContext } from '../service-context';

export function modelsDomain({ core, emit, warn, settings }: ServiceContext): PoseApi['models'] {
  return {
    // Speeds appear once the default device was measured; listing itself never measures.
    list: async () => {
      const { defaultDevice, threads } = await settings.get();
      return core.listModels({ speed: { device: defaultDevice, threads, onWarning: warn } });
    },
    download: async (modelId) => {
      await core.downloadModel(modelId, (progress) => emit({ type: 'model-download-progress', modelId, progress }));
    },
    canFetch: async (modelIds) => core.canFetchModels(modelIds),
    import: async (filePath, modelId) => core.importModel(path.resolve(filePath), modelId),
    estimateSpeed: async (device) => {
      const { threads } = await settings.get();
      return core.listModels({ speed: { device, threads, calibrate: 'always', onWarning: warn } });
    },
  };
}
