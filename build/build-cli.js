#!/usr/bin/env node
// Compiles the command-line tool and its worker thread to plain JavaScript in dist/cli/, so that
// `posetrail` starts without compiling TypeScript. Runs offline as the `prepare` step of `npm ci`
// (esbuild's binary is part of the install). npm packages stay external and load from
// node_modules as usual; only our own sources are bundled.
//   main.mjs             the CLI (hosts/cli/main.ts)
//   tracking-worker.mjs  the worker thread for tracking, batch and overlay jobs
//   detector-worker.mjs  the person detector's own thread inside a tracking run
//   reid-worker.mjs      the re-ID model's own thread inside a tracking run
//   inputs.json          the bundled source files, which bin/posetrail.js compares with the build
import { build } from 'esbuild';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_OUT_DIR = path.join(root, 'dist', 'cli');
/**
 * The CLI and every module it starts in a thread or process of its own (found beside the running
 * module through siblingModuleUrl, so each must be a file of its own in dist/cli/).
 */
export const CLI_ENTRY_POINTS = {
  main: 'hosts/cli/main.ts',
  'tracking-worker': 'core/service/tracking-worker.ts',
  'job-child': 'core/queue/job-child.ts',
  'device-probe-child': 'core/models/device-probe-child.ts',
  'detector-worker': 'core/pipeline/detection/detector-worker.ts',
  'reid-worker': 'core/pipeline/reid-worker.ts',
};

export async function buildCli({ outdir = CLI_OUT_DIR } = {}) {
  // One file per entry (no shared chunks): modules locate siblings such as the worker through
  // import.meta.url, which must be dist/cli/. The old input list goes first.
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const result = await build({
    entryPoints: CLI_ENTRY_POINTS,
    absWorkingDir: root,
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  });
  // Written last and atomically: bin/posetrail.js trusts the build only when this list exists.
  const inputs = Object.keys(result.metafile.inputs)
    .filter((file) => !file.startsWith('node_modules/'))
    .sort();
  const listPath = path.join(outdir, 'inputs.json');
  await writeFile(`${listPath}.tmp`, `${JSON.stringify({ builtAtMs: Date.now(), inputs })}\n`);
  await rename(`${listPath}.tmp`, listPath);
  return { outdir, inputs: inputs.length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  buildCli()
    .then(({ outdir, inputs }) =>
      console.log(
        `CLI compiled from ${inputs} sources to ${path.relative(root, outdir)}/ in ${Math.round(performance.now() - started)} ms`,
      ),
    )
    .catch((error) => {
      console.error(`Compiling the CLI failed: ${error.message}`);
      process.exit(1);
    });
}
