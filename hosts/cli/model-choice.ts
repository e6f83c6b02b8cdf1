import type { ExecutionDevice } from '../../core/types';
import { chooseModels, type ModelChoice } from '../../core/models/device-defaults';
import { findManifest, listManifests } from '../../core/models/registry';
import { findInstalledModel, isDownloadable } from '../../core/models/store';
import { MODEL_PATH_ENV } from '../../core/models/paths';
import type { ModelManifest } from '../../core/models/manifest';
import { CliError } from './cli-error';

export interface ModelCliOptions {
  detector?: string;
  poseModel?: string;
  device: ExecutionDevice;
  /** False with --no-download. */
  download?: boolean;
}

/** Whether the download hosts of these models answer now (see core/models/reachability). */
export type CanFetch = (manifests: readonly ModelManifest[]) => Promise<boolean>;

/**
 * Fills in the models the user did not name with the defaults for the device (GPU defaults when
 * a GPU provider opens a session here, CPU defaults otherwise) and says which were chosen and why
 * through `log`. A default that is not installed and cannot be fetched (--no-download, or its
 * server does not answer) gives way, before anything starts, to an installed model that does the
 * same job, in one line that names it and the flags that choose it. `runDevice` is the device to
 * run on: 'cpu' when no (or not the requested) GPU provider works here, said in one line (the model line
 * says it when the models were left to the device). Probing is skipped when the CPU is chosen.
 */
export async function chooseCliModels(
  options: ModelCliOptions,
  log: (line: string) => void,
  usableDevices: () => Promise<ExecutionDevice[]> = probeUsableDevices,
  canFetch: CanFetch = canFetchNow,
): Promise<ModelChoice & { runDevice: ExecutionDevice }> {
  const explicit = { detector: options.detector, poseModel: options.poseModel };
  const leftToDevice = !explicit.detector || !explicit.poseModel;
  // 'auto' is settled here, once: a session told 'auto' on a machine without a working GPU would
  // try each provider per model, with a warning per model and the GPU libraries' own noise.
  const usable = options.device !== 'cpu' ? await usableDevices() : ['cpu' as const];
  const choice = chooseModels(options.device, usable, explicit);
  const runDevice = choice.gpu === null ? 'cpu' : options.device;
  if (!leftToDevice) {
    if (options.device !== 'cpu' && runDevice === 'cpu') {
      log(
        `posetrail: Running on the CPU: ${options.device === 'auto' ? 'no GPU execution provider works' : `the requested ${options.device} provider does not work`} on this machine.`,
      );
    }
    return { ...choice, runDevice };
  }
  const installedChoice = await installedInsteadOfUnfetchable(choice, options, canFetch);
  log(`posetrail: ${installedChoice?.line ?? choice.reason}`);
  return { ...(installedChoice?.choice ?? choice), runDevice };
}

interface Role {
  key: 'detector' | 'poseModel';
  words: string;
  flag: string;
  task: ModelManifest['task'];
}

const ROLES: readonly Role[] = [
  { key: 'detector', words: 'detector', flag: '--detector', task: 'person-detector' },
  { key: 'poseModel', words: 'pose model', flag: '--pose-model', task: 'pose-topdown-heatmap' },
];

/** The first installed model for `task`, in the registry's order. */
async function installedFor(task: ModelManifest['task']): Promise<string | null> {
  for (const manifest of listManifests()) {
    if (manifest.task === task && (await findInstalledModel(manifest))) return manifest.id;
  }
  return null;
}

/** Default models that are missing and downloadable (the others are the loader's to report). */
async function missingDefaults(choice: ModelChoice): Promise<{ role: Role; manifest: ModelManifest }[]> {
  const missing = [];
  for (const role of ROLES) {
    if (choice[`${role.key}ChosenBy`] !== 'device') continue;
    const manifest = findManifest(choice[role.key]);
    if (manifest && isDownloadable(manifest) && !(await findInstalledModel(manifest))) missing.push({ role, manifest });
  }
  return missing;
}

async function installedInsteadOfUnfetchable(
  choice: ModelChoice,
  options: ModelCliOptions,
  canFetch: CanFetch,
): Promise<{ choice: ModelChoice; line: string } | null> {
  const missing = await missingDefaults(choice);
  if (missing.length === 0) return null;
  const why =
    options.download === false
      ? '--no-download was given'
      : (await canFetch(missing.map((m) => m.manifest)))
        ? null
        : 'the download server cannot be reached; this machine seems to be offline';
  if (!why) return null;
  const next: ModelChoice = { ...choice };
  const used: string[] = [];
  for (const { role, manifest } of missing) {
    const installed = await installedFor(role.task);
    if (!installed) {
      throw new CliError(
        `The default ${role.words} ${manifest.id} is not installed and cannot be downloaded (${why}), and no installed ${role.words} can do its job: import one with \`posetrail models import <file> --as <id>\` or set ${MODEL_PATH_ENV} to a folder that holds one.`,
      );
    }
    next[role.key] = installed;
    used.push(`${role.words} ${installed}`);
  }
  const flags = ROLES.map((role) => `${role.flag} ${next[role.key]}`).join(' ');
  const line = `The default ${missing.map((m) => `${m.role.words} ${m.manifest.id}`).join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not installed and cannot be downloaded (${why}): using the installed ${used.join(' and ')} instead (pass ${flags} to choose them).`;
  return { choice: { ...next, reason: line }, line };
}

async function probeUsableDevices(): Promise<ExecutionDevice[]> {
  const { usableDevices } = await import('../../core/models/device-probe');
  return usableDevices();
}

async function canFetchNow(manifests: readonly ModelManifest[]): Promise<boolean> {
  return (await import('../../core/models/reachability')).canFetchNow(manifests);
}
