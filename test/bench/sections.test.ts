import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTarget, median } from './context';
import { summary, targetLines, type BenchReport } from './report';
import { discoverSections, runSection, selectSections } from './sections';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'posetrail-bench-sections-'));
  writeFileSync(
    path.join(dir, 'fast.bench.ts'),
    "export async function run(ctx) { return { tmp: ctx.tmpDir, speed: { value: 2, target: '>= 1', pass: true } }; }\n",
  );
  writeFileSync(
    path.join(dir, 'broken.bench.ts'),
    "export async function run() { throw new Error('model file missing'); }\n",
  );
  writeFileSync(path.join(dir, 'empty.bench.ts'), 'export const nothing = 1;\n');
  writeFileSync(path.join(dir, 'helper.ts'), 'export {};\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('benchmark sections', () => {
  it('are discovered by file name, sorted, and filtered by --only', async () => {
    const available = await discoverSections(dir);
    expect(available).toEqual(['broken', 'empty', 'fast']);
    expect(selectSections(available, ['fast'])).toEqual(['fast']);
    expect(selectSections(available, undefined)).toEqual(available);
    expect(() => selectSections(available, ['nope'])).toThrow(
      'No benchmark section named nope; available: broken, empty, fast',
    );
  });

  it('record results or the error of each section, each with its own scratch folder', async () => {
    const options = { dir, repoRoot: dir, outDir: dir, sharedAssets: dir, log: () => {} };
    const fast = await runSection('fast', options);
    expect(fast.status).toBe('ok');
    expect(String(fast.results!.tmp)).toContain('posetrail-bench-fast-');
    const broken = await runSection('broken', options);
    expect(broken).toMatchObject({ status: 'error', error: { message: 'model file missing' } });
    expect(await runSection('empty', options)).toMatchObject({
      status: 'error',
      error: { message: 'empty.bench.ts exports no run(ctx) function' },
    });

    const report: BenchReport = {
      startedAt: '',
      durationMs: 1500,
      args: [],
      machine: {},
      versions: {},
      sections: { fast, broken },
    };
    const text = summary(report, 'bench-results/report.json');
    expect(text).toContain('PASS  speed: 2 (target >= 1)');
    expect(text).toContain('broken: ERROR after');
    expect(text).toContain('model file missing');
  });
});

it('checkTarget and targetLines report pass and fail', () => {
  expect(checkTarget(0.8567, '>=', 0.9)).toEqual({ value: 0.857, target: '>= 0.9', pass: false });
  expect(checkTarget(1.05, '<=', 1.1).pass).toBe(true);
  expect(targetLines({ a: { b: checkTarget(1, '>=', 2) }, c: 3 })).toEqual(['FAIL  a.b: 1 (target >= 2)']);
  expect(median([5, 1, 3])).toBe(3);
  expect(median([4, 1, 3, 2])).toBe(2.5);
});
