import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PathSchema } from '../api/schemas';
import { TrackSettingsSchema } from '../settings/run-settings';
import { settingsHash } from '../batch';
import { RESULT_FORMATS } from '../export-formats';
import { isInsideFolder } from '../util/inside-folder';
import type { BatchRecord } from './batch-record';
import { batchIdFor, type TrackJobData } from './job-data';

/**
 * Redis holds the queue's jobs and batch records, and anyone who can write to it can change them.
 * Workers and `batch --status` therefore take nothing from it on trust: every job and record is
 * checked against a schema, its batch id must be the hash of its folders and settings (so a record
 * cannot be pointed at another folder under the id a user was given), and every output must lie
 * inside the batch's output folder.
 */

const HashSchema = z.string().regex(/^[0-9a-f]{8,64}$/, 'must be a hex hash');
const BatchIdSchema = z.string().regex(/^[0-9a-f]{12}$/, 'must be 12 hex digits');
const KeypointsSchema = z.enum(['posetrack', 'coco']).nullable();
const MAX_FILES = 1_000_000;
const MAX_TEXT_CHARS = 20_000;

export const TrackJobDataSchema = z.object({
  batchId: BatchIdSchema,
  folder: PathSchema,
  outDir: PathSchema,
  input: PathSchema,
  output: PathSchema,
  relativePath: z.string().max(4096),
  inputSizeBytes: z.number().int().nonnegative(),
  inputMtimeMs: z.number().nonnegative(),
  settings: TrackSettingsSchema,
  settingsHash: HashSchema,
  format: z.enum(RESULT_FORMATS),
  keypoints: KeypointsSchema,
});

const ProgressSchema = z.object({
  done: z.number(),
  total: z.number(),
  rate: z.number().optional(),
  etaMs: z.number().optional(),
  message: z.string().max(MAX_TEXT_CHARS).optional(),
});

const ReportFileSchema = z.object({
  input: PathSchema,
  output: PathSchema,
  status: z.enum(['pending', 'running', 'done', 'skipped', 'failed', 'cancelled']),
  progress: ProgressSchema.optional(),
  error: z.string().max(MAX_TEXT_CHARS).optional(),
  wallMs: z.number().nonnegative().optional(),
  relativePath: z.string().max(4096),
  inputSizeBytes: z.number().int().nonnegative(),
  inputMtimeMs: z.number().nonnegative(),
  settingsHash: HashSchema,
  startedAt: z.string().max(40).optional(),
  finishedAt: z.string().max(40).optional(),
  frames: z.number().int().nonnegative().optional(),
  tracks: z.number().int().nonnegative().optional(),
  reexportFrom: PathSchema.optional(),
});

const CountsSchema = z.object({
  pending: z.number(),
  running: z.number(),
  done: z.number(),
  skipped: z.number(),
  failed: z.number(),
  cancelled: z.number(),
});

export const BatchRecordSchema = z.object({
  batchId: BatchIdSchema,
  jobIds: z
    .array(
      z
        .string()
        .regex(/^video-[0-9a-f]{32}$/)
        .nullable(),
    )
    .max(MAX_FILES),
  report: z.object({
    version: z.literal(1),
    folder: PathSchema,
    outDir: PathSchema,
    format: z.enum(RESULT_FORMATS),
    keypoints: KeypointsSchema,
    settings: TrackSettingsSchema,
    settingsHash: HashSchema,
    startedAt: z.string().max(40),
    updatedAt: z.string().max(40),
    finishedAt: z.string().max(40).optional(),
    counts: CountsSchema,
    files: z.array(ReportFileSchema).max(MAX_FILES),
  }),
});

function issuesText(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(top)'} ${issue.message}`)
    .join('; ');
}

/**
 * Folders, id and hash must agree, and the outputs must lie in the output folder. `local` turns
 * the submitter's paths into this machine's (a worker's --path-map), so a Windows submitter's
 * paths are compared as the Linux worker will use them.
 */
function checkFolders(
  what: string,
  batchId: string,
  folders: { folder: string; outDir: string },
  hash: string,
  files: { input: string; output: string }[],
  local: (file: string) => string = (file) => file,
): void {
  if (batchIdFor(folders.folder, folders.outDir, hash) !== batchId)
    throw new Error(
      `${what} does not match its batch id ${batchId} (its folders or settings were changed in Redis); refusing it.`,
    );
  const folder = local(folders.folder);
  const outDir = local(folders.outDir);
  for (const { input, output } of files.map((file) => ({ input: local(file.input), output: local(file.output) }))) {
    if (!isInsideFolder(outDir, output))
      throw new Error(`${what} names an output outside the batch's output folder ${outDir}; refusing it.`);
    if (!isInsideFolder(folder, input))
      throw new Error(`${what} names an input outside the batch's folder ${folder}; refusing it.`);
  }
}

/**
 * The mark a submitter leaves in a batch's output folder (on the shared file system, which Redis
 * cannot write): a worker writes a job's output only into a folder that carries its batch's mark,
 * so a job forged in Redis cannot aim at any other folder.
 */
export function batchMarkPath(outDir: string, batchId: string): string {
  return path.join(outDir, `.posetrail-batch-${batchId}`);
}

export async function writeBatchMark(outDir: string, batchId: string): Promise<void> {
  await fs.writeFile(batchMarkPath(outDir, batchId), `${batchId}\n`);
}

/** Throws unless `outDir` (as this machine sees it) carries the batch's mark. */
export async function assertBatchMark(outDir: string, batchId: string, jobId: string): Promise<void> {
  const mark = await fs.lstat(batchMarkPath(outDir, batchId)).catch(() => null);
  if (!mark?.isFile())
    throw new Error(
      `Job ${jobId} writes into ${outDir}, which holds no mark of batch ${batchId} (${path.basename(batchMarkPath(outDir, batchId))}); refusing it. Submit the batch again with \`posetrail batch --queue\`.`,
    );
}

/** A job's data as Redis gave it, checked; throws a message naming the job otherwise. */
export function validateJobData(data: unknown, jobId: string, local?: (file: string) => string): TrackJobData {
  const parsed = TrackJobDataSchema.safeParse(data);
  if (!parsed.success)
    throw new Error(
      `Job ${jobId} in the queue is malformed (${issuesText(parsed.error)}); refusing it. Jobs submitted by an older Posetrail must be submitted again.`,
    );
  const job = parsed.data;
  if (settingsHash(job.settings, job.format, job.keypoints) !== job.settingsHash)
    throw new Error(`Job ${jobId} does not match its settings hash; refusing it.`);
  checkFolders(`Job ${jobId}`, job.batchId, job, job.settingsHash, [job], local);
  return job;
}

/** A batch record as Redis gave it, checked; throws a message naming the batch otherwise. */
export function validateBatchRecord(data: unknown, batchId: string): BatchRecord {
  const parsed = BatchRecordSchema.safeParse(data);
  if (!parsed.success)
    throw new Error(
      `The record of batch ${batchId} in the queue is malformed (${issuesText(parsed.error)}); refusing it.`,
    );
  const record = parsed.data as BatchRecord;
  const { report } = record;
  if (record.batchId !== batchId)
    throw new Error(`The record stored under batch ${batchId} names batch ${record.batchId}; refusing it.`);
  if (record.jobIds.length !== report.files.length)
    throw new Error(
      `The record of batch ${batchId} lists ${record.jobIds.length} jobs for ${report.files.length} files; refusing it.`,
    );
  if (settingsHash(report.settings, report.format, report.keypoints) !== report.settingsHash)
    throw new Error(`The record of batch ${batchId} does not match its settings hash; refusing it.`);
  checkFolders(`The record of batch ${batchId}`, batchId, report, report.settingsHash, report.files);
  return record;
}
