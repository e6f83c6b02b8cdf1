/**
 * File-system errors in words: `Cannot write /x/out.json: the disk is full`, not the bare
 * `ENOSPC: no space left on device, write`. The Node code stays on the error for callers that
 * branch on it (the API maps it to a status).
 */

const CAUSES: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  ENOENT: 'its folder does not exist',
  EIO: 'an input/output error (the disk or network share may be failing)',
  EMFILE: 'too many files are open',
  ENAMETOOLONG: 'the name is too long',
  EFBIG: 'the file is larger than this file system allows',
  EBUSY: 'the file is in use',
  EXDEV: 'the temporary file is on another file system',
};

export function writeCause(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code && CAUSES[code]) return CAUSES[code];
  return error instanceof Error ? error.message : String(error);
}

export class WriteError extends Error {
  readonly code: string;

  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`Cannot write ${path}: ${writeCause(cause)}`, { cause });
    this.name = 'WriteError';
    this.code = (cause as NodeJS.ErrnoException | null)?.code ?? 'WRITE_FAILED';
  }
}
