import path from 'node:path';
import envPaths from 'env-paths';

/** Overrides the per-user model store folder. */
export const MODELS_DIR_ENV = 'POSETRAIL_MODELS_DIR';
/** Extra read-only folders searched for model files, separated like PATH (":" or ";" on Windows). */
export const MODEL_PATH_ENV = 'POSETRAIL_MODEL_PATH';

/** The writable model store: `$POSETRAIL_MODELS_DIR`, else the platform's per-user data folder. */
export function modelStoreDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env[MODELS_DIR_ENV]?.trim();
  if (override) return path.resolve(override);
  return path.join(envPaths('posetrail', { suffix: '' }).data, 'models');
}

/** Read-only folders searched after the store, in the order given. */
export function modelSearchDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const value = env[MODEL_PATH_ENV] ?? '';
  return value
    .split(path.delimiter)
    .map((d) => d.trim())
    .filter((d) => d.length > 0)
    .map((d) => path.resolve(d));
}
