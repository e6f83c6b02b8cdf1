import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { KEYPOINT_SCHEMA_IDS, type TrackingResult } from '../types';
import { TrackEditSchema } from '../api/schemas';
import { writeFileAtomic } from '../util/fs';
import { assertRegularFile, readRegularFile } from '../util/regular-file';
import { checkFrameOrder, MAX_PROJECT_EDITS, MAX_PROJECT_FILE_BYTES } from './project-checks';
import type { EditHistory } from './history';
import { parseJsonText } from '../util/json-text';

/**
 * The project file: the tracked result, the edit history (so undo survives a restart) and the
 * current track labels for people reading the file. Saved beside the video as
 * `<stem>.posetrail.json`, or under the user data folder when the video's folder is read-only.
 */

export const PROJECT_FORMAT = 'posetrail-project';
export const PROJECT_VERSION = 1;
export const PROJECT_SUFFIX = '.posetrail.json';

const PoseSchema = z.object({
  trackId: z.number().int().nonnegative(),
  keypoints: z.array(z.tuple([z.number(), z.number(), z.number()])),
  box: z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number(), score: z.number() }),
  score: z.number(),
});

const ResultSchema = z.looseObject({
  video: z.looseObject({
    path: z.string(),
    width: z.number(),
    height: z.number(),
    frameCount: z.number(),
    frameTimesMs: z.array(z.number()),
  }),
  schema: z.enum(KEYPOINT_SCHEMA_IDS),
  frames: z.array(
    z.looseObject({
      frameIndex: z.number().int().nonnegative(),
      timestampMs: z.number(),
      poses: z.array(z.looseObject(PoseSchema.shape)),
    }),
  ),
  models: z.object({ detector: z.string(), pose: z.string() }),
  joins: z
    .array(
      z.object({
        trackId: z.number().int().nonnegative(),
        pieceId: z.number().int().nonnegative(),
        endFrame: z.number().int().nonnegative(),
        startFrame: z.number().int().nonnegative(),
        gapFrames: z.number().int().nonnegative(),
        distance: z.number(),
        appearance: z.number().nullable(),
        cost: z.number(),
      }),
    )
    .optional(),
});

/** A result a later run replaced, with the edits made to it: restorable. */
const PreviousSchema = z.object({
  replacedAt: z.string(),
  baseResult: ResultSchema,
  edits: z.array(TrackEditSchema).max(MAX_PROJECT_EDITS),
  cursor: z.number().int().nonnegative(),
});

export const ProjectFileSchema = z.object({
  format: z.literal(PROJECT_FORMAT),
  version: z.literal(PROJECT_VERSION),
  videoPath: z.string(),
  savedAt: z.string(),
  revision: z.number().int().nonnegative(),
  baseResult: ResultSchema,
  edits: z.array(TrackEditSchema).max(MAX_PROJECT_EDITS),
  cursor: z.number().int().nonnegative(),
  tracks: z.array(z.object({ trackId: z.number(), name: z.string(), hidden: z.boolean(), colorHex: z.string() })),
  previous: PreviousSchema.optional(),
});

export type ProjectFile = z.infer<typeof ProjectFileSchema>;

export interface ProjectDoc {
  videoPath: string;
  baseResult: TrackingResult;
  history: EditHistory;
  revision: number;
  /** The result (and its edits) that the current one replaced. */
  previous?: PreviousResult;
}

export interface PreviousResult {
  replacedAt: string;
  baseResult: TrackingResult;
  history: EditHistory;
}

/** Candidate project locations, in load order: beside the video, then the user data folder. */
export function projectFileCandidates(videoPath: string, dataDir: string): string[] {
  const absolute = path.resolve(videoPath);
  const stem = path.basename(absolute, path.extname(absolute));
  const digest = createHash('sha256').update(absolute).digest('hex').slice(0, 16);
  return [
    path.join(path.dirname(absolute), `${stem}${PROJECT_SUFFIX}`),
    path.join(dataDir, 'projects', `${stem}-${digest}${PROJECT_SUFFIX}`),
  ];
}

export async function readProjectFile(file: string): Promise<ProjectDoc> {
  let text: string;
  try {
    const { size } = await assertRegularFile(file);
    if (size > MAX_PROJECT_FILE_BYTES)
      throw new Error(`${size} bytes, more than the ${MAX_PROJECT_FILE_BYTES} a project may have`);
    text = await readRegularFile(file, 'utf8');
  } catch (error) {
    throw new Error(`Project file ${file} could not be read: ${(error as Error).message}`);
  }
  const parsed = parseJsonText(text, `Project file ${file}`);
  const checked = ProjectFileSchema.safeParse(parsed);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new Error(
      `Project file ${file} is not a valid Posetrail project (${issue.path.join('.') || 'root'}: ${issue.message}).`,
    );
  }
  const data = checked.data;
  if (data.cursor > data.edits.length)
    throw new Error(`Project file ${file} is not a valid Posetrail project (cursor beyond the edit list).`);
  if (data.previous && data.previous.cursor > data.previous.edits.length)
    throw new Error(`Project file ${file} is not a valid Posetrail project (previous.cursor beyond its edit list).`);
  checkFrameOrder(data.baseResult as unknown as TrackingResult, file);
  if (data.previous) checkFrameOrder(data.previous.baseResult as unknown as TrackingResult, file);
  return {
    videoPath: data.videoPath,
    baseResult: data.baseResult as unknown as TrackingResult,
    history: { edits: data.edits, cursor: data.cursor },
    revision: data.revision,
    ...(data.previous
      ? {
          previous: {
            replacedAt: data.previous.replacedAt,
            baseResult: data.previous.baseResult as unknown as TrackingResult,
            history: { edits: data.previous.edits, cursor: data.previous.cursor },
          },
        }
      : {}),
  };
}

export async function isWritableDir(dir: string): Promise<boolean> {
  try {
    await fs.access(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Writes the project atomically; returns the path it went to. */
export async function writeProjectFile(
  doc: ProjectDoc,
  tracks: ProjectFile['tracks'],
  dataDir: string,
  canWrite: (dir: string) => Promise<boolean> = isWritableDir,
): Promise<string> {
  const [beside, fallback] = projectFileCandidates(doc.videoPath, dataDir);
  const file: ProjectFile = {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    videoPath: path.resolve(doc.videoPath),
    savedAt: new Date().toISOString(),
    revision: doc.revision,
    baseResult: doc.baseResult as unknown as ProjectFile['baseResult'],
    edits: doc.history.edits,
    cursor: doc.history.cursor,
    tracks,
    ...(doc.previous
      ? {
          previous: {
            replacedAt: doc.previous.replacedAt,
            baseResult: doc.previous.baseResult as unknown as ProjectFile['baseResult'],
            edits: doc.previous.history.edits,
            cursor: doc.previous.history.cursor,
          },
        }
      : {}),
  };
  const target = (await canWrite(path.dirname(beside))) ? beside : fallback;
  await writeFileAtomic(target, JSON.stringify(file));
  // A stale fallback copy would shadow nothing (beside wins on load) but would confuse people.
  if (target === beside) await fs.rm(fallback, { force: true });
  return target;
}

/** The newest readable project for a video, or null when it was never tracked. */
export async function findProjectFile(videoPath: string, dataDir: string): Promise<string | null> {
  for (const candidate of projectFileCandidates(videoPath, dataDir)) {
    try {
      await fs.access(candidate);
      return candidate;
    } catch {
      // not there; try the next location
    }
  }
  return null;
}
