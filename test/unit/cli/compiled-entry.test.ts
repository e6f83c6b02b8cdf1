/** bin/posetrail.js runs the compiled CLI only when it is complete and newer than its sources. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freshCompiledEntry } from '../../../bin/compiled-entry.js';

let root: string;
let buildDir: string;
const BUILT_S = 1_700_000_000;

async function at(file: string, seconds: number, text = 'x'): Promise<void> {
  await writeFile(file, text);
  await utimes(file, seconds, seconds);
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'posetrail-compiled-'));
  buildDir = path.join(root, 'dist', 'cli');
  await mkdir(path.join(root, 'core'), { recursive: true });
  await mkdir(buildDir, { recursive: true });
  await at(path.join(root, 'core', 'a.ts'), BUILT_S - 60);
  await at(path.join(root, 'core', 'b.ts'), BUILT_S - 30);
  await at(path.join(buildDir, 'main.mjs'), BUILT_S);
  await at(path.join(buildDir, 'inputs.json'), BUILT_S, JSON.stringify({ inputs: ['core/a.ts', 'core/b.ts'] }));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('freshCompiledEntry', () => {
  it('returns the entry when every listed source is older than the build', () => {
    expect(freshCompiledEntry(root, buildDir, 'main.mjs')).toBe(path.join(buildDir, 'main.mjs'));
  });

  it('returns null when one source was edited after the build', async () => {
    await utimes(path.join(root, 'core', 'b.ts'), BUILT_S + 1, BUILT_S + 1);
    expect(freshCompiledEntry(root, buildDir, 'main.mjs')).toBeNull();
  });

  it('returns null when a listed source is gone, the list is missing, or the entry is missing', async () => {
    await rm(path.join(root, 'core', 'a.ts'));
    expect(freshCompiledEntry(root, buildDir, 'main.mjs')).toBeNull();
    await at(path.join(root, 'core', 'a.ts'), BUILT_S - 60);
    expect(freshCompiledEntry(root, buildDir, 'worker.mjs')).toBeNull();
    await rm(path.join(buildDir, 'inputs.json'));
    expect(freshCompiledEntry(root, buildDir, 'main.mjs')).toBeNull();
  });
});
