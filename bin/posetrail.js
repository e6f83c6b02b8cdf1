#!/usr/bin/env node
// Entry point for `posetrail` / `npx posetrail`. Runs the compiled CLI in dist/cli/ (made by
// `npm run build:cli`, the `prepare` step of `npm ci`) when it is at least as new as every source
// file it was built from; otherwise, or with POSETRAIL_FROM_SOURCE=1, runs the TypeScript sources
// through tsx, so an edited checkout never runs stale code.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshCompiledEntry } from './compiled-entry.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry =
  process.env.POSETRAIL_FROM_SOURCE === '1'
    ? null
    : freshCompiledEntry(root, path.join(root, 'dist', 'cli'), 'main.mjs');
let main;
if (entry) {
  ({ main } = await import(pathToFileURL(entry).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../hosts/cli/main.ts'));
}
process.exitCode = await main(process.argv);
