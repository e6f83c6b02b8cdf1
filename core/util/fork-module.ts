import { fork, type ChildProcess, type ForkOptions } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Starts a child process from a module URL. Bundled builds point at plain .js files; in development
 * the CLI runs TypeScript through tsx, whose loader a forked process does not inherit, so a .ts
 * module is started with tsx's ESM loader imported first (`--import tsx/esm`).
 */
export function forkModule(moduleUrl: URL, options: ForkOptions = {}): ChildProcess {
  const execArgv = [...(options.execArgv ?? [])];
  if (moduleUrl.pathname.endsWith('.ts')) execArgv.unshift('--import', pathToFileURL(tsxEsmLoaderPath()).href);
  return fork(fileURLToPath(moduleUrl), [], { ...options, execArgv });
}

/**
 * The URL of module `baseName` beside the calling module `callerUrl`, in the caller's own form:
 * `name.ts` when running from source, `name.mjs` inside the compiled builds (dist/cli/, dist-electron/): every such
 * module must be an entry point of build/build-cli.js (and of build/build-electron.js where the app
 * starts it).
 */
export function siblingModuleUrl(baseName: string, callerUrl: string): URL {
  const extension = new URL(callerUrl).pathname.endsWith('.ts') ? '.ts' : '.mjs';
  return new URL(`./${baseName}${extension}`, callerUrl);
}

function tsxEsmLoaderPath(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('tsx/package.json');
  const manifest = require(manifestPath) as { exports: Record<string, unknown> };
  const entry = manifest.exports['./esm'];
  if (typeof entry !== 'string')
    throw new Error(`tsx at ${manifestPath} has no ./esm export; cannot start a TypeScript child process.`);
  return path.join(path.dirname(manifestPath), entry);
}
