/** Finding and running benchmark sections; kept apart from run.ts so it can be tested. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchContext } from './context';
import type { SectionResult } from './report';

export const SECTION_SUFFIX = '.bench.ts';

/** Section names (file names without `.bench.ts`) in `dir`, sorted. */
export async function discoverSections(dir: string): Promise<string[]> {
  const names = (await readdir(dir))
    .filter((name) => name.endsWith(SECTION_SUFFIX))
    .map((name) => name.slice(0, -SECTION_SUFFIX.length));
  return names.sort();
}

/** Picks the sections named by --only, failing with the list of names when one does not exist. */
export function selectSections(available: string[], only: string[] | undefined): string[] {
  if (!only) return available;
  const unknown = only.filter((name) => !available.includes(name));
  if (unknown.length)
    throw new Error(`No benchmark section named ${unknown.join(', ')}; available: ${available.join(', ')}`);
  return available.filter((name) => only.includes(name));
}

export interface RunSectionOptions {
  dir: string;
  repoRoot: string;
  outDir: string;
  sharedAssets: string;
  log?: (line: string) => void;
}

/** Runs one section with its own scratch folder; an exception becomes an 'error' result. */
export async function runSection(name: string, options: RunSectionOptions): Promise<SectionResult> {
  const started = performance.now();
  const tmpDir = await mkdtemp(path.join(os.tmpdir(), `posetrail-bench-${name}-`));
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const ctx: BenchContext = {
    repoRoot: options.repoRoot,
    outDir: options.outDir,
    tmpDir,
    sharedAssets: options.sharedAssets,
    log: (message) => log(`[${name}] ${message}`),
  };
  try {
    const module = (await import(pathToFileURL(path.join(options.dir, name + SECTION_SUFFIX)).href)) as {
      run?: unknown;
    };
    if (typeof module.run !== 'function') throw new Error(`${name}${SECTION_SUFFIX} exports no run(ctx) function`);
    const results = (await module.run(ctx)) as Record<string, unknown>;
    return { status: 'ok', durationMs: performance.now() - started, results };
  } catch (error) {
    const { message, stack } = error instanceof Error ? error : new Error(String(error));
    return { status: 'error', durationMs: performance.now() - started, error: { message, stack } };
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }
}
