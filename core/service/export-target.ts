import path from 'node:path';
import { existingFileKind, OutputIsFolderError } from '../export/existing-output';
import { assertRegularOrMissing, NOT_REGULAR_FILE } from '../util/regular-file';
import type { ExportFormat } from '../api/pose-api';
import { ApiError, ERROR_CODES } from '../api/errors';

/**
 * Exports replace only files Posetrail wrote, unless the request says to overwrite: an export
 * path typed by mistake (or sent by whoever holds the token) must not silently destroy an
 * unrelated file. The rule (and how ours are told apart) is core/export/existing-output's, shared
 * with batch and the CLI.
 */

async function kindOf(outPath: string, format: ExportFormat) {
  try {
    return await existingFileKind(outPath);
  } catch (error) {
    if (error instanceof OutputIsFolderError)
      throw new ApiError(ERROR_CODES.invalidArgument, `Cannot export ${format} to ${outPath}: it is a folder.`);
    if ((error as NodeJS.ErrnoException).code === NOT_REGULAR_FILE)
      throw new ApiError(
        ERROR_CODES.invalidArgument,
        `Cannot export ${format} to ${outPath}: ${(error as Error).message}`,
      );
    throw error;
  }
}

/** Throws EXPORT_EXISTS when `outPath` exists, is not ours, and the request did not ask to overwrite. */
export async function checkExportTarget(outPath: string, format: ExportFormat, overwrite: boolean): Promise<void> {
  if (overwrite) return refuseIrregularTarget(outPath, format);
  if ((await kindOf(outPath, format)) === 'other') {
    throw new ApiError(
      ERROR_CODES.exportExists,
      `${outPath} already exists and was not written by Posetrail; replace it only if you are sure.`,
    );
  }
}

/**
 * The app asks before replacing any file: without `overwrite` an earlier Posetrail export is not
 * replaced either (ALREADY_EXISTS), so the Export dialog can say what is there and ask.
 */
export async function refuseSilentReplace(outPath: string, overwrite: boolean): Promise<void> {
  if (overwrite) return;
  if ((await existingFileKind(outPath).catch(() => null)) === 'posetrail-output') {
    throw new ApiError(
      ERROR_CODES.alreadyExists,
      `${path.basename(outPath)} already exists (an earlier Posetrail export). Replace it?`,
    );
  }
}

/** Even a confirmed replace goes only over a regular file (a FIFO is no export, and blocks readers). */
async function refuseIrregularTarget(outPath: string, format: ExportFormat): Promise<void> {
  try {
    await assertRegularOrMissing(outPath);
  } catch (error) {
    throw new ApiError(
      ERROR_CODES.invalidArgument,
      `Cannot export ${format} to ${outPath}: ${(error as Error).message}`,
    );
  }
}
