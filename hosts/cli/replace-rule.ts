/**
 * The CLI's side of the one replace rule (core/export/existing-output): a file Posetrail did not
 * write is replaced only with `--overwrite`, checked before any work starts; our own earlier
 * outputs are replaced as a re-run expects.
 */
import type { Command } from 'commander';
import { existingFileKind } from '../../core/export/existing-output';
import { CliError } from './cli-error';

export interface OverwriteCliOption {
  overwrite?: boolean;
}

export function addOverwriteOption(command: Command): Command {
  return command.option('--overwrite', 'replace an existing output file even when Posetrail did not write it');
}

/** Refuses, in one line, to replace someone else's file at `file` unless `--overwrite` was given. */
export async function assertReplaceable(
  file: string,
  options: OverwriteCliOption,
  log: (line: string) => void,
): Promise<void> {
  let kind;
  try {
    kind = await existingFileKind(file);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  if (kind !== 'other') return;
  if (!options.overwrite)
    throw new CliError(
      `${file} already exists and was not written by Posetrail; not replacing it (pass --overwrite to replace it).`,
    );
  log(`posetrail: replacing ${file}, which Posetrail did not write (--overwrite).`);
}
