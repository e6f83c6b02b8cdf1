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

function tsxEsmLoaderPath(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('tsx/package.json');
  const manifest = require(manifestPath) as { exports: Record<string, unknown> };
  const entry = manifest.exports['./esm'];
  if (typeof entry !== 'string') throw new Error(`tsx at ${manifestPath} has no ./esm export; cannot start a TypeScript child process.`);
  return path.join(path.dirname(manifestPath), entry);
}
