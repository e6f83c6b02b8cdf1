import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread from a module URL. Bundled builds (Electron) point at plain .js/.mjs
 * files; in development the CLI runs TypeScript through tsx, whose loader hooks are not inherited
 * by workers on Node 20, so a .ts module is started through a tiny bootstrap that registers tsx
 * inside the worker first.
 */
export function spawnModuleWorker(moduleUrl: URL, options: WorkerOptions = {}): Worker {
  // Workers inherit the process's flags; --input-type (a process started with -e) fails them.
  options = { execArgv: process.execArgv.filter((arg) => !arg.startsWith('--input-type')), ...options };
  if (!moduleUrl.pathname.endsWith('.ts')) return new Worker(moduleUrl, options);
  const tsxApi = pathToFileURL(tsxEsmApiPath()).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

function tsxEsmApiPath(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('tsx/package.json');
  const manifest = require(manifestPath) as { exports: Record<string, { import?: { default?: string } }> };
  const relative = manifest.exports['./esm/api']?.import?.default;
  if (!relative) throw new Error(`tsx at ${manifestPath} has no ./esm/api export; cannot start a TypeScript worker.`);
  return path.join(path.dirname(manifestPath), relative);
}
