import type { PoseApi } from '../../api/pose-api';
import type { ServiceContext } from '../service-context';

export function settingsDomain({ settings }: ServiceContext): PoseApi['settings'] {
  return {
    get: () => settings.get(),
    set: (patch) => settings.set(patch),
  };
}
