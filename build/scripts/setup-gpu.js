#!/usr/bin/env node
// Fetches onnxruntime-node's CUDA execution provider (Linux x64). The provider libraries are too
// large for the npm package, so onnxruntime-node downloads them from NuGet with its own install
// script; this runs that script with its CUDA flag and then checks the files landed.
// Usage: npm run setup:gpu [-- --force]
import { spawnSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const CUDA_FLAG = 'cuda12';
const FEED_HOST = 'api.nuget.org';
const PROVIDER_FILES = ['libonnxruntime_providers_cuda.so', 'libonnxruntime_providers_shared.so'];

const require = createRequire(import.meta.url);
const ortDir = path.dirname(require.resolve('onnxruntime-node/package.json'));
const binDir = path.join(ortDir, 'bin', 'napi-v6', process.platform, process.arch);
const force = process.argv.includes('--force');

function say(line) {
  process.stdout.write(`${line}\n`);
}

function fail(line) {
  process.stderr.write(`setup:gpu: ${line}\n`);
  process.exit(1);
}

if (process.platform !== 'linux' || process.arch !== 'x64') {
  say(
    `setup:gpu: nothing to fetch on ${process.platform}/${process.arch}. onnxruntime-node only offers its CUDA provider as a download for Linux x64.`,
  );
  say(
    'WebGPU is built into onnxruntime-node on every platform; Windows also has DirectML and macOS CoreML. Choose them with --device webgpu|dml|coreml.',
  );
  process.exit(0);
}

const missing = () => PROVIDER_FILES.filter((f) => !existsSync(path.join(binDir, f)));
if (missing().length === 0 && !force) {
  say(`setup:gpu: the CUDA provider is already installed in ${binDir} (use --force to fetch it again).`);
  process.exit(0);
}

try {
  await lookup(FEED_HOST);
} catch (error) {
  fail(
    `cannot reach ${FEED_HOST} (${error.code ?? error.message}): this step needs internet. Run it again when online, ` +
      `or copy ${PROVIDER_FILES.join(' and ')} from the Microsoft.ML.OnnxRuntime.Gpu.Linux NuGet package (same version as onnxruntime-node) into ${binDir}.`,
  );
}

say(`setup:gpu: fetching the CUDA execution provider for onnxruntime-node into ${binDir} …`);
const result = spawnSync(
  process.execPath,
  [path.join(ortDir, 'script', 'install.js'), `--onnxruntime-node-install=${CUDA_FLAG}`],
  {
    cwd: ortDir,
    stdio: 'inherit',
    env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: CUDA_FLAG },
  },
);
if (result.status !== 0)
  fail(`onnxruntime-node's installer exited with ${result.status ?? result.signal}; see its output above.`);
if (missing().length > 0) fail(`the installer finished but ${missing().join(', ')} is still missing from ${binDir}.`);

say(
  'setup:gpu: done. The CUDA provider also needs the CUDA 12 runtime and cuDNN 9 libraries on the library path and an NVIDIA driver.',
);
say(
  'Check with: posetrail models verify, then run with --device cuda (a visible warning says so if it falls back to CPU).',
);
