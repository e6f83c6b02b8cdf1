/**
 * The GPU check travels as one self-contained file (npm run gpu-bundle): every module it runs must
 * be inside it. A package loaded at run time by name (util/lazy-package.ts) is not, and the check
 * would fail on the GPU machine with MODULE_NOT_FOUND.
 */
import { build } from 'esbuild';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gpuCheckBuildOptions } from '../../../build/gpu-bundle.js';

describe('GPU check bundle', () => {
  it('bundles every module it runs, with nothing loaded by name at run time', async () => {
    const result = await build({
      ...gpuCheckBuildOptions(path.join(os.tmpdir(), 'gpu-check-probe.mjs')),
      write: false,
      metafile: true,
    });
    const inputs = Object.keys(result.metafile?.inputs ?? {});
    expect(inputs).toContain('test/bench/gpu-check.ts');
    expect(inputs.some((file) => file.includes('node_modules/protobufjs/'))).toBe(true);
    expect(inputs).not.toContain('core/util/lazy-package.ts');
  });
});
