import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../util/fs';
import { assertRegularFile, readRegularFile } from '../util/regular-file';
import { isWritableDir, projectFileCandidates, PROJECT_SUFFIX } from './project-file';
import { parseJsonText } from '../util/json-text';

/**
 * The track layers remembered for a video: only the paths of the PoseTrack files opened over it,
 * saved beside the project as `<stem>.posetrail-layers.json` (or in the user data folder when the
 * video's folder is read-only), so a video keeps its layers whether or not it was tracked.
 */

export const LAYERS_FORMAT = 'posetrail-layers';
const LAYERS_SUFFIX = '.posetrail-layers.json';
/** Layers one video keeps: each is a whole PoseTrack file held in memory while the video is open. */
export const MAX_LAYERS = 16;
/** A list of 16 paths is a few KB; anything much larger is not one of ours. */
export const MAX_LAYERS_FILE_BYTES = 64 * 1024;

const LayersFileSchema = z.object({
  format: z.literal(LAYERS_FORMAT),
  version: z.literal(1),
  videoPath: z.string(),
  layers: z.array(z.object({ path: z.string().min(1).max(4096) })).max(MAX_LAYERS),
});

function layerFileCandidates(videoPath: string, dataDir: string): string[] {
  return projectFileCandidates(videoPath, dataDir).map((file) => file.slice(0, -PROJECT_SUFFIX.length) + LAYERS_SUFFIX);
}

/** Absolute paths, each once, in their first order: one file named ten times loads once. */
export function uniqueLayerPaths(layerPaths: readonly string[]): string[] {
  return [...new Set(layerPaths.map((p) => path.resolve(p)))];
}

/** The remembered layer paths of a video, in the order they were added, each once; [] when there are none. */
export async function readLayerPaths(videoPath: string, dataDir: string): Promise<string[]> {
  for (const file of layerFileCandidates(videoPath, dataDir)) {
    let text: string;
    try {
      const { size } = await assertRegularFile(file);
      if (size > MAX_LAYERS_FILE_BYTES)
        throw new Error(
          `Layer list ${file} has ${size} bytes, more than the ${MAX_LAYERS_FILE_BYTES} a list of ${MAX_LAYERS} layers needs; it was not read.`,
        );
      text = await readRegularFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const parsed = parseJsonText(text, `Layer list ${file}`);
    const checked = LayersFileSchema.safeParse(parsed);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new Error(`Layer list ${file} is not valid (${issue.path.join('.') || 'root'}: ${issue.message}).`);
    }
    return uniqueLayerPaths(checked.data.layers.map((layer) => layer.path));
  }
  return [];
}

/** Saves the layer paths atomically beside the video (or in the data folder); returns the file written. */
export async function writeLayerPaths(
  videoPath: string,
  layerPaths: readonly string[],
  dataDir: string,
  canWrite: (dir: string) => Promise<boolean> = isWritableDir,
): Promise<string> {
  const [beside, fallback] = layerFileCandidates(videoPath, dataDir);
  const doc = {
    format: LAYERS_FORMAT,
    version: 1,
    videoPath: path.resolve(videoPath),
    layers: layerPaths.map((p) => ({ path: p })),
  };
  const target = (await canWrite(path.dirname(beside))) ? beside : fallback;
  await writeFileAtomic(target, JSON.stringify(doc, null, 2));
  if (target === beside) await fs.rm(fallback, { force: true });
  return target;
}
