import type { BuildOptions } from 'esbuild';

/** esbuild options of the bundled GPU check (test/bench/gpu-check.ts), written to `outfile`. */
export function gpuCheckBuildOptions(outfile: string): BuildOptions;
export function buildGpuBundle(options?: { outDir?: string }): Promise<unknown>;
