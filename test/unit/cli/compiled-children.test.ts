/**
 * The compiled CLI starts some modules in threads or processes of their own, found beside the
 * running module by name (siblingModuleUrl). Each must be an entry point of the CLI build, or the
 * compiled `posetrail` fails where the TypeScript one works (a queue worker whose job processes
 * never start, a device probe that never answers).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_ENTRY_POINTS } from '../../../build/build-cli.js';
import { REPO_ROOT } from '../../helpers/assets';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** Module names passed to siblingModuleUrl anywhere in core/. */
function siblingModules(): string[] {
  const names = sourceFiles(path.join(REPO_ROOT, 'core')).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/siblingModuleUrl\('([\w-]+)'/g)].map((m) => m[1]),
  );
  return [...new Set(names)].sort();
}

describe('compiled CLI entry points', () => {
  it('include every module the CLI starts beside itself, each from its own source file', () => {
    const started = siblingModules();
    expect(started).toEqual(expect.arrayContaining(['device-probe-child', 'job-child', 'tracking-worker']));
    for (const name of started) {
      expect(
        CLI_ENTRY_POINTS[name],
        `${name} is started by siblingModuleUrl but not built into dist/cli/`,
      ).toBeDefined();
      expect(path.basename(CLI_ENTRY_POINTS[name], '.ts')).toBe(name);
    }
  });
});
