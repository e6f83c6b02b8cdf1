#!/usr/bin/env node
// `npm start`: builds the renderer and the Electron bundles, makes sure Electron's binary is
// present (downloading it if needed, with a clear message offline), then launches the app.
//   --skip-build   launch with the existing dist-renderer/ and dist-electron/
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ElectronMissingError, ensureElectronBinary } from './electron-binary.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(args[0] ?? command)} exited with code ${code}`)),
    );
  });
}

async function main() {
  const electronDir = process.env.POSETRAIL_ELECTRON_DIR || path.dirname(require.resolve('electron/package.json'));
  if (!process.argv.includes('--skip-build')) {
    const viteBin = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
    await run(process.execPath, [viteBin, 'build', '--config', 'renderer/vite.config.ts']);
    await run(process.execPath, [path.join(root, 'build', 'build-electron.js')]);
  }
  const binary = await ensureElectronBinary(electronDir);
  const child = spawn(binary, [root, ...process.argv.slice(2).filter((arg) => arg !== '--skip-build')], {
    cwd: root,
    stdio: 'inherit',
  });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}

main().catch((error) => {
  console.error(error instanceof ElectronMissingError ? error.message : `npm start failed: ${error.message}`);
  process.exit(1);
});
