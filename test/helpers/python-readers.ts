import { spawnSync } from 'node:child_process';

/**
 * Debian's Python with h5py, pandas and PyTables (`.ci/run` installs python3-h5py, python3-pandas
 * and python3-tables): the readers scientists open these files with. Not the PATH's python3,
 * which may be a pyenv shim without them.
 */
export const SYSTEM_PYTHON = '/usr/bin/python3';

/** Runs a Python script with arguments and returns what it printed as JSON (NaN allowed as null). */
export function runPython(script: string, args: string[]): unknown {
  const run = spawnSync(SYSTEM_PYTHON, ['-c', script, ...args], { encoding: 'utf8', timeout: 60_000 });
  if (run.error)
    throw new Error(
      `${SYSTEM_PYTHON} did not run (${run.error.message}); install python3-h5py, python3-pandas and python3-tables.`,
    );
  if (run.status !== 0) throw new Error(`Python failed (${run.status}):\n${run.stderr}`);
  return JSON.parse(run.stdout);
}
