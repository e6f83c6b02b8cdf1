#!/usr/bin/env node
// Bundles the desktop app's main process, preload and worker with esbuild into dist-electron/:
//   main.cjs            CommonJS entry (package.json "main"): registers privileged schemes, loads main.mjs
//   main.mjs            the main process (ESM, so core modules keep import.meta.url)
//   tracking-worker.mjs the worker thread for tracking, batch and overlay jobs
//   detector-worker.mjs the person detector's own thread inside a tracking run
//   reid-worker.mjs     the re-ID model's own thread inside a tracking run
//   preload.cjs         the sandboxed preload (must be CommonJS with only `electron` external)
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist-electron');

/**
 * Native or binary packages load from node_modules at run time (the native ones unpacked from the
 * asar). h5wasm is plain JavaScript around a 4.5 MB WebAssembly module: bundled, it would more than
 * double main.mjs for the few who export or open HDF5 files; kept external, it loads from the asar
 * when first used.
 */
export const NATIVE_EXTERNALS = ['electron', 'onnxruntime-node', '@napi-rs/canvas', 'ffmpeg-static', 'h5wasm'];

// Bundled CommonJS dependencies call require(); ESM output needs one defined.
const esmRequireBanner =
  "import { createRequire as __posetrailCreateRequire } from 'node:module'; const require = __posetrailCreateRequire(import.meta.url);";

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

/** The scripts unpacked from app.asar (electron/unpacked-scripts.ts), by bundle name. */
const UNPACKED_ENTRIES = {
  'tracking-worker': 'core/service/tracking-worker.ts',
  'device-probe-child': 'core/models/device-probe-child.ts',
  'detector-worker': 'core/pipeline/detection/detector-worker.ts',
  'reid-worker': 'core/pipeline/reid-worker.ts',
};

const esm = (minify, entryPoints, extra = {}) =>
  build({
    ...common,
    minify,
    entryPoints,
    outdir,
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    external: NATIVE_EXTERNALS,
    banner: { js: esmRequireBanner },
    ...extra,
  });

/** SHA-256 of each unpacked script as written, for main to check before running them. */
async function unpackedHashes() {
  const entries = await Promise.all(
    Object.keys(UNPACKED_ENTRIES).map(async (name) => [
      `${name}.mjs`,
      createHash('sha256')
        .update(await readFile(path.join(outdir, `${name}.mjs`)))
        .digest('hex'),
    ]),
  );
  return Object.fromEntries(entries);
}

export async function buildElectron({ minify = false } = {}) {
  // The unpacked scripts first: main's bundle carries their hashes (it lives inside app.asar, which
  // Electron checks; they do not).
  await esm(minify, UNPACKED_ENTRIES);
  const hashes = await unpackedHashes();
  await Promise.all([
    build({
      ...common,
      minify,
      entryPoints: { main: 'electron/main-entry.ts' },
      outdir,
      format: 'cjs',
      outExtension: { '.js': '.cjs' },
      external: ['electron'],
    }),
    esm(minify, { main: 'electron/main.ts' }, { define: { POSETRAIL_UNPACKED_SHA256: JSON.stringify(hashes) } }),
    build({
      ...common,
      minify,
      entryPoints: { preload: 'electron/preload.ts' },
      outdir,
      format: 'cjs',
      outExtension: { '.js': '.cjs' },
      external: ['electron'],
    }),
  ]);
  return outdir;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildElectron({ minify: process.argv.includes('--minify') })
    .then((dir) => console.log(`Electron bundles written to ${path.relative(root, dir)}/`))
    .catch((error) => {
      console.error(error.message);
      process.exit(1);
    });
}
