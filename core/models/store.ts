/**
 * The model store: where model files are found (the per-user store first, then the read-only
 * folders of POSETRAIL_MODEL_PATH), fetched when allowed, listed and verified.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ModelEntry } from '../api/pose-api';
import { checksumProblem, sha256File } from './checksum';
import { downloadModel, inspectModelFile } from './install';
import type { ModelManifest } from './manifest';
import { MODEL_PATH_ENV, modelSearchDirs, modelStoreDir } from './paths';
import { getManifest, listManifests } from './registry';
import { readStoreIndex } from './store-index';
import type { ExecutionDevice } from '../types';
import type { SpeedCalibration, SpeedOptions } from './speed';

export { downloadModel, importModel, DOWNLOADS_SUBDIR } from './install';
export { modelStoreDir, modelSearchDirs, MODELS_DIR_ENV, MODEL_PATH_ENV } from './paths';

export type ModelLocation = 'store' | 'search-path';

export interface InstalledModel {
  id: string;
  path: string;
  location: ModelLocation;
  sizeBytes: number;
}

async function fileSizeIfFile(file: string): Promise<number | null> {
  const stat = await fs.stat(file).catch(() => null);
  return stat?.isFile() ? stat.size : null;
}

/** Where `manifest`'s file is installed, store first; null when nowhere. */
export async function findInstalledModel(manifest: ModelManifest): Promise<InstalledModel | null> {
  const candidates: [string, ModelLocation][] = [
    [path.join(modelStoreDir(), manifest.file), 'store'],
    ...modelSearchDirs().map((dir): [string, ModelLocation] => [path.join(dir, manifest.file), 'search-path']),
  ];
  for (const [file, location] of candidates) {
    const size = await fileSizeIfFile(file);
    if (size !== null) return { id: manifest.id, path: file, location, sizeBytes: size };
  }
  return null;
}

export function isDownloadable(manifest: ModelManifest): boolean {
  return Boolean(manifest.source.url) && !manifest.source.localImportOnly;
}

/**
 * Path of model `id`'s installed ONNX file, or an error that says how to install it. Never touches
 * the network: commands that fetch on first use call downloadModel before loading.
 */
export async function resolveModelFile(id: string): Promise<string> {
  const manifest = getManifest(id);
  const installed = await findInstalledModel(manifest);
  if (installed) return installed.path;
  const searched = [modelStoreDir(), ...modelSearchDirs()].join(', ');
  const fix = isDownloadable(manifest)
    ? `run \`posetrail models download ${id}\` (needs internet; offline, copy ${manifest.file} from another machine and run \`posetrail models import <file> --as ${id}\`) or set ${MODEL_PATH_ENV} to a folder that holds ${manifest.file}`
    : `it cannot be downloaded: run \`posetrail models import <file> --as ${id}\` or set ${MODEL_PATH_ENV} to a folder that holds ${manifest.file}`;
  throw new Error(`Model ${id} is not installed (looked for ${manifest.file} in ${searched}); ${fix}.`);
}

export interface ListModelOptions {
  /**
   * Fill `expectedRate` for this device from the cached calibration; `calibrate` measures the
   * machine first when none is cached ('if-missing') or in any case ('always'). Without `speed`
   * no speed work happens, so listing stays instant.
   */
  speed?: SpeedOptions & { device: ExecutionDevice; calibrate?: 'if-missing' | 'always' };
}

async function calibrationFor(speed: ListModelOptions['speed']): Promise<SpeedCalibration | null> {
  if (!speed) return null;
  // Loaded on demand: plain listing never pays for the ONNX writer or a calibration.
  const { calibrateDevice, ensureCalibration, readCalibration } = await import('./speed');
  if (speed.calibrate === 'always') return calibrateDevice(speed.device, speed);
  if (speed.calibrate === 'if-missing') return ensureCalibration(speed.device, speed);
  return readCalibration(speed.device, speed);
}

/** What the app and `posetrail models list` show for each known model. */
export async function listModelEntries(opts: ListModelOptions = {}): Promise<ModelEntry[]> {
  const calibration = await calibrationFor(opts.speed);
  const rateOf = calibration ? (await import('./speed')).expectedRate : null;
  return Promise.all(
    listManifests().map(async (manifest): Promise<ModelEntry> => {
      const installed = await findInstalledModel(manifest);
      return {
        id: manifest.id,
        name: manifest.name,
        task: manifest.task,
        installed: installed !== null,
        path: installed?.path ?? null,
        sizeBytes:
          installed?.sizeBytes ?? (manifest.source.format === 'onnx' ? (manifest.source.sizeBytes ?? null) : null),
        downloadable: isDownloadable(manifest),
        description: manifest.description,
        // The published file (a checkpoint is converted after download, so its size differs from the ONNX's).
        downloadSizeBytes: manifest.source.sizeBytes ?? null,
        paramsMillions: manifest.params?.millions ?? null,
        gflops: manifest.params?.gflops ?? null,
        expectedRate: calibration && rateOf ? rateOf(manifest, calibration) : null,
        ...(manifest.input.sizeChoices && {
          inputSizeChoices: [
            manifest.input.width,
            ...manifest.input.sizeChoices.filter((s) => s !== manifest.input.width),
          ],
        }),
      };
    }),
  );
}

export type ModelHealth = 'ok' | 'not-installed' | 'corrupt' | 'mismatch' | 'unreadable';

export interface ModelStatus {
  id: string;
  status: ModelHealth;
  path: string | null;
  location: ModelLocation | null;
  sizeBytes: number | null;
  /** Human-readable reason, or how the file was checked when it is fine. */
  detail: string;
}

/** The checksum an installed file must have: the manifest's for published ONNX files, else the one recorded at install. */
async function referenceFor(manifest: ModelManifest, installed: InstalledModel) {
  if (manifest.source.format === 'onnx' && (manifest.source.sha256 || manifest.source.sizeBytes)) {
    return {
      expected: { sha256: manifest.source.sha256, sizeBytes: manifest.source.sizeBytes },
      what: 'the manifest checksum',
    };
  }
  const record =
    installed.location === 'store' ? (await readStoreIndex(path.dirname(installed.path)))[manifest.id] : undefined;
  if (record)
    return {
      expected: { sha256: record.sha256, sizeBytes: record.sizeBytes },
      what: `the checksum recorded at ${record.origin}`,
    };
  return null;
}

async function verifyOne(manifest: ModelManifest): Promise<ModelStatus> {
  const installed = await findInstalledModel(manifest);
  if (!installed)
    return {
      id: manifest.id,
      status: 'not-installed',
      path: null,
      location: null,
      sizeBytes: null,
      detail: 'not installed',
    };
  const base = { id: manifest.id, path: installed.path, location: installed.location, sizeBytes: installed.sizeBytes };
  const reference = await referenceFor(manifest, installed);
  if (reference) {
    const problem = checksumProblem(reference.expected, {
      sha256: await sha256File(installed.path),
      sizeBytes: installed.sizeBytes,
    });
    if (problem) return { ...base, status: 'corrupt', detail: `${problem} (against ${reference.what})` };
  }
  let problems: string[];
  try {
    problems = await inspectModelFile(manifest, installed.path);
  } catch (error) {
    return { ...base, status: 'unreadable', detail: (error as Error).message };
  }
  if (problems.length > 0) return { ...base, status: 'mismatch', detail: problems.join('; ') };
  return {
    ...base,
    status: 'ok',
    detail: reference
      ? `matches ${reference.what}; inputs and outputs fit the manifest`
      : 'no reference checksum; inputs and outputs fit the manifest',
  };
}

/** Checks every installed model: checksum against its reference, then its inputs/outputs against the manifest. */
export async function verifyModels(ids?: string[]): Promise<ModelStatus[]> {
  const manifests = ids ? ids.map(getManifest) : listManifests();
  const statuses: ModelStatus[] = [];
  // One at a time: hashing and opening large models in parallel would only contend for disk and cores.
  for (const manifest of manifests) statuses.push(await verifyOne(manifest));
  return statuses;
}
