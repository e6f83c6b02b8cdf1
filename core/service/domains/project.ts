import type { PoseApi } from '../../api/pose-api';
import type { ServiceContext } from '../service-context';

export function projectDomain({ projectManager }: ServiceContext): PoseApi['project'] {
  return {
    load: async (videoPath) => (await projectManager()).load(videoPath),
    edit: async (videoPath, edit) => (await projectManager()).edit(videoPath, edit),
    undo: async (videoPath) => (await projectManager()).undo(videoPath),
    redo: async (videoPath) => (await projectManager()).redo(videoPath),
  };
}
