import { NOT_REGULAR_FILE, openRegularFile } from './regular-file';

/**
 * Reading a JSON file whole costs many times its size once parsed, so the files Posetrail reads this way — PoseTrack and COCO files,
 * ground truth and predictions — have a size limit: generous by default (64 MB, far above any
 * published sequence or COCO val2017's 10 MB keypoint file), raised with POSETRAIL_MAX_JSON_MB.
 */
export const DEFAULT_MAX_JSON_MB = 64;
export const MAX_JSON_ENV = 'POSETRAIL_MAX_JSON_MB';
const MB = 1024 * 1024;

/** The limit in bytes: POSETRAIL_MAX_JSON_MB when it is a positive number, else the default. */
export function maxJsonBytes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[MAX_JSON_ENV];
  const mb = raw === undefined || raw === '' ? DEFAULT_MAX_JSON_MB : Number(raw);
  if (!Number.isFinite(mb) || mb <= 0)
    throw new Error(`Invalid ${MAX_JSON_ENV}=${raw}. Should be a positive number of megabytes.`);
  return Math.floor(mb * MB);
}

/**
 * The text of a regular file of at most `maxBytes`; errors name the file ("cannot read (ENOENT)",
 * "is not a regular file", "is N MB, over the limit"). Reads no more than the limit even when the
 * file grows while being read.
 */
export async function readTextCapped(file: string, maxBytes = maxJsonBytes()): Promise<string> {
  const handle = await openRegularFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${file}: cannot read (${readFailure(error)}).`);
  });
  const stat = await handle.stat();
  if (stat.size > maxBytes) {
    await handle.close();
    throw tooLarge(file, stat.size, maxBytes);
  }
  try {
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) throw tooLarge(file, length, maxBytes);
    }
    return buffer.toString('utf8', 0, length);
  } finally {
    await handle.close();
  }
}

function tooLarge(file: string, bytes: number, maxBytes: number): Error {
  const mb = (value: number) => `${(value / MB).toFixed(1)} MB`;
  return new Error(
    `${file} is ${bytes > maxBytes + 1 ? mb(bytes) : `over ${mb(maxBytes)}`}, more than the ${mb(maxBytes)} Posetrail reads from a JSON file; set ${MAX_JSON_ENV} to raise the limit.`,
  );
}

/** Why a file could not be opened, in the words the readers' errors use. */
export function readFailure(error: NodeJS.ErrnoException): string {
  return error.code === NOT_REGULAR_FILE || error.code === 'EISDIR'
    ? 'not a regular file'
    : (error.code ?? String(error));
}
