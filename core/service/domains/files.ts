import type { PoseApi } from '../../api/pose-api';
import { listMediaDir } from '../media-files';

export function filesDomain(): PoseApi['files'] {
  return { list: (dir, show) => listMediaDir(dir, show) };
}
