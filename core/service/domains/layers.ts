import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { PoseApi, TrackLayer } from '../../api/pose-api';
import { ApiError, ERROR_CODES } from '../../api/errors';
import { MAX_LAYERS, readLayerPaths, uniqueLayerPaths, writeLayerPaths } from '../../project/layer-file';
import { userDataDir } from '../../settings/paths';
import type { ServiceContext } from '../service-context';

/**
 * Read-only track layers: PoseTrack 2018/2017, SLEAP analysis and DeepLabCut files (ground truth,
 * other tools' predictions) drawn over a video beside its own tracks. A file must describe exactly
 * as many frames as the video has (one that does not record its video's length, as SLEAP's, at
 * most as many); frames map by index. The project remembers only the files' paths.
 */
export function layersDomain({ deps, probe }: ServiceContext): PoseApi['layers'] {
  const dataDir = deps.dataDir ?? userDataDir();

  /** One file after the other (each, parsed, can take a few hundred MB), each path once. */
  async function loadAll(videoPath: string, layerPaths: readonly string[]): Promise<TrackLayer[]> {
    const frameCount = (await probe(path.resolve(videoPath))).frameCount;
    const layers: TrackLayer[] = [];
    for (const file of uniqueLayerPaths(layerPaths)) {
      layers.push(
        await readLayer(file, videoPath, frameCount).catch((error: Error) => ({
          path: file,
          name: path.basename(file),
          frameCount: 0,
          schema: 'posetrack18' as const,
          frames: [],
          error: error.message,
        })),
      );
    }
    return layers;
  }

  return {
    list: async (videoPath) => loadAll(videoPath, await readLayerPaths(videoPath, dataDir)),
    add: async (videoPath, filePath) => {
      const absolute = path.resolve(filePath);
      const known = await readLayerPaths(videoPath, dataDir);
      if (!known.includes(absolute) && known.length >= MAX_LAYERS) {
        throw new ApiError(
          ERROR_CODES.failedPrecondition,
          `${path.basename(videoPath)} already has ${MAX_LAYERS} track layers, the most a video keeps; remove one first.`,
        );
      }
      const frameCount = (await probe(path.resolve(videoPath))).frameCount;
      await readLayer(absolute, videoPath, frameCount);
      const next = known.includes(absolute) ? known : [...known, absolute];
      await writeLayerPaths(videoPath, next, dataDir);
      return loadAll(videoPath, next);
    },
    remove: async (videoPath, filePath) => {
      const absolute = path.resolve(filePath);
      const next = (await readLayerPaths(videoPath, dataDir)).filter((known) => known !== absolute);
      await writeLayerPaths(videoPath, next, dataDir);
      return loadAll(videoPath, next);
    },
  };
}

/** Reads one layer file; errors say which file and why, in words a user can act on. */
async function readLayer(file: string, videoPath: string, videoFrameCount: number): Promise<TrackLayer> {
  const name = path.basename(file);
  const { readResultFile } = await import('../../export/read');
  const refuse = (reason: string) =>
    new ApiError(ERROR_CODES.invalidArgument, `${name} cannot be opened as a track layer: ${reason}`);
  if (
    !(await fs.stat(file).then(
      (s) => s.isFile(),
      () => false,
    ))
  )
    throw refuse(`${file} does not exist or is not a file.`);
  let read;
  try {
    read = await readResultFile(file);
  } catch (error) {
    throw refuse((error as Error).message);
  }
  const { result } = read;
  // A SLEAP file from SLEAP ends at its last labelled frame: it fits any video at least as long.
  const fileFrames = read.frameCountRecorded
    ? result.video.frameCount
    : Math.max(result.video.frameCount, videoFrameCount);
  if (fileFrames !== videoFrameCount) {
    throw new ApiError(
      ERROR_CODES.invalidArgument,
      `${name} does not fit ${path.basename(videoPath)}: the file describes ${fileFrames} frames, the video has ${videoFrameCount}. Frames are matched by index, so the counts must be equal.`,
    );
  }
  return { path: file, name, frameCount: fileFrames, schema: result.schema, frames: result.frames };
}
