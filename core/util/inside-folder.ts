import path from 'node:path';

/** Whether `candidate` is `folder` or lies beneath it (by path, without following links). */
export function isInsideFolder(folder: string, candidate: string): boolean {
  const relative = path.relative(path.resolve(folder), path.resolve(candidate));
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}
