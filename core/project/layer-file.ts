import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../util/fs';
import { isWritableDir, projectFileCandidates, PROJECT_SUFFIX } from './project-file';
import { parseJsonText } from '../util/json-text';

/**
 * The track layers remembered for a video: only the paths of the PoseTrack files opened over it,
 * saved beside the project as `<stem>.posetrail-layers.json` (or in the user data folder when the
 * video's folder is read-only), so a video keeps its layers whether or not it was tracked.
 */

export const LAYERS_FORMAT = 'posetrail-layers';
const LAYERS_SUFFIX = '.posetrail-layers.json';

const LayersFileSchema = z.object({
  format: z.literal(LAYERS_FORMAT),
  version: z.literal(1),
  videoPath: z.string(),
  layers: z.array(z.object({ path: z.string().min(1) })),
});

function layerFileCandidates(videoPath: string, dataDir: string): string[] {
  return projectFileCandidates(videoPath, dataDir).map((file) => file.slice(0, -PROJECT_SUFFIX.length) + LAYERS_SUFFIX);
}

/** The remembered layer paths of a video, in the order they were added; [] when there are none. */
export async function readLayerPaths(videoPath: string, dataDir: string): Promise<string[]> {
  for (const file of layerFileCandidates(videoPath, dataDir)) {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      continue;
    }
    const parsed = parseJsonText(text, `Layer list ${file}`);
    const checked = LayersFileSchema.safeParse(parsed);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new Error(`Layer list ${file} is not valid (${issue.path.join('.') || 'root'}: ${issue.message}).`);
    }
    return checked.data.layers.map((layer) => layer.path);
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
  const doc = { format: LAYERS_FORMAT, version: 1, videoPath: path.resolve(videoPath), layers: layerPaths.map((p) => ({ path: p })) };
  const target = (await canWrite(path.dirname(beside))) ? beside : fallback;
  await writeFileAtomic(target, JSON.stringify(doc, null, 2));
  if (target === beside) await fs.rm(fallback, { force: true });
  return target;
}
