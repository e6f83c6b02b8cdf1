import type { PoseApi } from '../api/pose-api';
import { createServiceContext, type PoseServiceDeps } from './service-context';
import { appDomain } from './domains/app';
import { batchDomain } from './domains/batch';
import { exportsDomain } from './domains/exports';
import { filesDomain } from './domains/files';
import { layersDomain } from './domains/layers';
import { modelsDomain } from './domains/models';
import { projectDomain } from './domains/project';
import { settingsDomain } from './domains/settings';
import { trackingDomain } from './domains/tracking';
import { videoDomain } from './domains/video';

export type { PoseServiceDeps } from './service-context';

export interface PoseService extends PoseApi {
  /** Cancels running jobs; call when the host shuts down. */
  dispose(): Promise<void>;
}

/** The API behind both hosts (Electron, web): one file per domain under domains/, sharing one context. */
export function createPoseService(deps: PoseServiceDeps): PoseService {
  const context = createServiceContext(deps);
  return {
    app: appDomain(context),
    files: filesDomain(),
    layers: layersDomain(context),
    video: videoDomain(context),
    tracking: trackingDomain(context),
    project: projectDomain(context),
    exports: exportsDomain(context),
    batch: batchDomain(context),
    models: modelsDomain(context),
    settings: settingsDomain(context),
    onEvent: (listener) => {
      context.listeners.add(listener);
      return () => context.listeners.delete(listener);
    },
    dispose: async () => {
      const pending = [...context.activeJobs];
      for (const job of pending) job.cancel();
      await Promise.allSettled(pending.map((job) => job.done));
    },
  };
}
