/**
 * Models fetched on first use: before a command runs, each known model it names that is neither
 * in the store nor on POSETRAIL_MODEL_PATH is downloaded (and converted, for checkpoints) with
 * progress on stderr. Paths, unknown ids and import-only models are left to the model loader,
 * whose error says how to install them.
 */
import type { Command } from 'commander';
import { findManifest } from '../models/registry';
import { downloadModel, findInstalledModel, isDownloadable } from '../models/store';
import { withProgress } from './progress';
import { DownloadError } from '../models/download';

export interface DownloadCliOption {
  /** False with --no-download. */
  download: boolean;
}

export function addDownloadOption(command: Command): Command {
  return command.option('--no-download', 'never download a missing model: fail and say how to install it');
}

export async function fetchMissingModels(ids: string[], options: DownloadCliOption): Promise<void> {
  if (!options.download) return;
  for (const id of new Set(ids)) {
    const manifest = findManifest(id);
    if (!manifest || !isDownloadable(manifest) || (await findInstalledModel(manifest))) continue;
    process.stderr.write(`posetrail: model ${id} is not installed yet: downloading it into the model store (first use).\n`);
    const file = await withProgress(`Downloading ${id}`, (onProgress, signal) => downloadModel(manifest, { onProgress, signal })).catch((error: Error) => {
      if (!(error instanceof DownloadError) || error.kind !== 'network') throw error;
      throw new Error(`${error.message} Offline: copy ${manifest.file} from a machine that has it and run \`posetrail models import <file> --as ${id}\`.`);
    });
    process.stderr.write(`posetrail: installed ${id} at ${file}\n`);
  }
}
