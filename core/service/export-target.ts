import path from 'node:path';
import { ApiError, ERROR_CODES } from '../api/errors';
import { existingFileKind } from '../export/existing-output';

/**
 * Refuses to replace an existing file unless the request says `overwrite`. The error code tells
 * the app which question to ask: ALREADY_EXISTS for an earlier Posetrail export, EXPORT_EXISTS
 * for anyone else's file (which needs an explicit confirmation).
 */
export async function assertExportTarget(outPath: string, overwrite: boolean): Promise<void> {
  let kind;
  try {
    kind = await existingFileKind(outPath);
  } catch (error) {
    throw new ApiError(ERROR_CODES.invalidArgument, (error as Error).message);
  }
  if (!kind || overwrite) return;
  const name = path.basename(outPath);
  if (kind === 'posetrail-output') {
    throw new ApiError(ERROR_CODES.alreadyExists, `${name} already exists (an earlier Posetrail export). Replace it?`);
  }
  throw new ApiError(ERROR_CODES.exportExists, `${name} already exists and was not written by Posetrail. Replacing it loses its contents.`);
}
