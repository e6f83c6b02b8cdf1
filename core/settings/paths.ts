import envPaths from 'env-paths';

/**
 * Per-user folders. Environment overrides let tests and portable installs keep everything in
 * one place: POSETRAIL_CONFIG_DIR (settings, recent files), POSETRAIL_DATA_DIR (projects of
 * videos whose own folder is read-only).
 */
const USER_PATHS = envPaths('posetrail', { suffix: '' });

export function userConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.POSETRAIL_CONFIG_DIR || USER_PATHS.config;
}

export function userDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.POSETRAIL_DATA_DIR || USER_PATHS.data;
}
