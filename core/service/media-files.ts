import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DirEntry } from '../api/pose-api';
import { READABLE_POSE_EXTENSIONS } from '../export-formats';
import { isBrowserPlayableContainer, isFrameFile, isVideoFile } from '../media-extensions';
import type { VideoInfo } from '../types';

/** Model files, listed so Settings can browse to one to import (the browser hides them when opening a video). */
export const MODEL_EXTENSIONS = ['.onnx', '.pth', '.pt', '.safetensors'];

/**
 * Codecs and containers Chromium plays natively. Anything else is shown through our own decoder
 * (video.frameImage), so the answer only needs to be right when it says true.
 */
const PLAYABLE_CODECS = new Set(['h264', 'vp8', 'vp9', 'av1', 'theora']);

export function isBrowserPlayable(info: VideoInfo): boolean {
  if (info.kind !== 'video') return false;
  return PLAYABLE_CODECS.has(info.codec.toLowerCase()) && isBrowserPlayableContainer(info.path);
}

/** What a file listing shows besides folders: videos and images, model files, or pose files (PoseTrack, SLEAP, DeepLabCut). */
export type ListedFiles = 'media' | 'model' | 'tracks';

function isListedFile(name: string, show: ListedFiles): boolean {
  const extension = path.extname(name).toLowerCase();
  // Posetrail's own project and layer-list files are JSON too, but not pose files.
  if (show === 'tracks')
    return (
      (READABLE_POSE_EXTENSIONS as readonly string[]).includes(extension) && !/\.posetrail(-layers)?\.json$/i.test(name)
    );
  if (show === 'model') return MODEL_EXTENSIONS.includes(extension);
  // What the app can open: videos, and the frames its frame-folder reader reads.
  return isVideoFile(name) || isFrameFile(name);
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Folders first, then videos and images (or PoseTrack JSON files), in natural order (2 before 10). Hidden entries are skipped. */
export async function listMediaDir(dir: string, show: ListedFiles = 'media'): Promise<DirEntry[]> {
  const absolute = path.resolve(dir);
  let names: string[];
  try {
    names = await fs.readdir(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const cause =
      code === 'ENOENT'
        ? 'it does not exist'
        : code === 'ENOTDIR'
          ? 'it is not a folder'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    throw Object.assign(new Error(`Cannot list ${absolute}: ${cause}.`), { code: code ?? 'INTERNAL' });
  }
  const entries: DirEntry[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const full = path.join(absolute, name);
    // stat (not lstat) so symlinked folders and files show as what they point to.
    const stat = await fs.stat(full).catch(() => null);
    if (!stat) continue;
    if (stat.isDirectory()) entries.push({ name, path: full, kind: 'dir' });
    else if (stat.isFile() && isListedFile(name, show))
      entries.push({ name, path: full, kind: 'file', sizeBytes: stat.size });
  }
  return entries.sort((a, b) => (a.kind === b.kind ? collator.compare(a.name, b.name) : a.kind === 'dir' ? -1 : 1));
}
