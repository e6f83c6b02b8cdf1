// Finds Electron's binary and fetches it when missing (its postinstall download is disabled in
// this project's installs), with a clear way forward when the machine is offline.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export class ElectronMissingError extends Error {}

/** The executable the electron package points at, or null when it has not been downloaded. */
export function electronBinaryPath(electronDir, env = process.env) {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const binary = path.join(env.ELECTRON_OVERRIDE_DIST_PATH || path.join(electronDir, 'dist'), relative);
  return existsSync(binary) ? binary : null;
}

export function offlineHelp(electronDir, cause) {
  return [
    `Electron's binary is missing and could not be downloaded${cause ? ` (${cause})` : ''}.`,
    'To run the desktop app:',
    `  • connect to the internet and run \`npm start\` again (it runs node ${path.join(electronDir, 'install.js')});`,
    '  • or, behind a proxy or mirror, set ELECTRON_MIRROR (e.g. ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/) and retry;',
    '  • or use the same UI in a browser without Electron: `node bin/posetrail.js serve`.',
  ].join('\n');
}

/** Resolves the binary, running electron's install.js once if it is missing. */
export async function ensureElectronBinary(
  electronDir,
  { log = (line) => console.error(line), env = process.env } = {},
) {
  const existing = electronBinaryPath(electronDir, env);
  if (existing) return existing;
  const installer = path.join(electronDir, 'install.js');
  if (!existsSync(installer))
    throw new ElectronMissingError(offlineHelp(electronDir, `${installer} not found; run npm install`));
  log('Electron binary missing: downloading it (one time)…');
  const { code, output } = await new Promise((resolve) => {
    // ELECTRON_SKIP_BINARY_DOWNLOAD would make install.js a no-op; this run is the download.
    const childEnv = { ...env };
    delete childEnv.ELECTRON_SKIP_BINARY_DOWNLOAD;
    const child = spawn(process.execPath, [installer], {
      cwd: electronDir,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    const collect = (chunk) => {
      text = (text + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => resolve({ code: -1, output: error.message }));
    child.on('exit', (exitCode) => resolve({ code: exitCode, output: text }));
  });
  const binary = electronBinaryPath(electronDir, env);
  if (code === 0 && binary) return binary;
  throw new ElectronMissingError(
    offlineHelp(electronDir, failureCause(output) || `install.js exited with code ${code}`),
  );
}

/**
 * The line of install.js's output that says what went wrong: the last one that is not a stack
 * frame ("    at …"), so a thrown error reads "TypeError: fetch failed", not where it was thrown.
 */
export function failureCause(output) {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !/^at\s/.test(line));
  return lines.pop();
}
