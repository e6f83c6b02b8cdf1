/**
 * The renderer, built from the tree once per test run. Every e2e file needs it, and vitest runs
 * two files at once: a second `vite build` empties dist-renderer/ while the first file's page is
 * loading it, and that page then never starts. Builds are serialised by a lock folder, and a stamp
 * naming the test run (the vitest process, parent of every worker) skips the repeats.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../helpers/assets';

const STAMP = path.join(REPO_ROOT, 'test-results', 'renderer-build.stamp');
const LOCK = `${STAMP}.lock`;
/** A lock older than this was left by a killed run. */
const STALE_LOCK_MS = 10 * 60_000;
const POLL_MS = 200;

export function buildRendererOnce(): void {
  const run = `vitest ${process.ppid}`;
  mkdirSync(path.dirname(STAMP), { recursive: true });
  for (;;) {
    if (stamp() === run) return;
    if (!takeLock()) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, POLL_MS);
      continue;
    }
    try {
      if (stamp() !== run) {
        execFileSync(
          process.execPath,
          [
            path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'),
            'build',
            '--config',
            'renderer/vite.config.ts',
            '--logLevel',
            'error',
          ],
          { cwd: REPO_ROOT, stdio: 'inherit' },
        );
        writeFileSync(STAMP, run);
      }
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
    return;
  }
}

function stamp(): string | null {
  try {
    return readFileSync(STAMP, 'utf8');
  } catch {
    return null;
  }
}

function takeLock(): boolean {
  try {
    mkdirSync(LOCK);
    return true;
  } catch {
    const ageMs = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (ageMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
    return false;
  }
}
