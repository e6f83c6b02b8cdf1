#!/usr/bin/env node
// `npm run gpu-bundle`: one self-extracting file, release/posetrail-gpu-check.sh, that runs the
// bench's gpu section on a Linux x64 machine with no Node installed (docs/gpu-check.md):
//   gpu-check.mjs           test/bench/gpu-check.ts bundled by esbuild (onnxruntime-node external)
//   node                    this Node binary
//   node_modules/           onnxruntime-node (JS, binding, libonnxruntime) and onnxruntime-common
//   debs/                   the Vulkan loader and the GL/EGL/X libraries WebGPU's Vulkan backend
//                           loads, as .deb files unpacked at run time (never installed)
//   run.sh                  unpacks the debs into lib/, points LD_LIBRARY_PATH there, runs the check
// packed with tar and xz behind a small sh header. Must stay under 64 MiB.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NAME = 'posetrail-gpu-check';
const MAX_BYTES = 64 * 1024 * 1024;
/** The Vulkan loader, and the libraries an NVIDIA or Mesa Vulkan driver loads beside it. */
export const DEBS = [
  'libvulkan1',
  'libglvnd0',
  'libegl1',
  'libgl1',
  'libglx0',
  'libx11-6',
  'libxext6',
  'libxcb1',
  'libxau6',
  'libxdmcp6',
  'libbsd0',
  'libmd0',
];
const APT_CACHE = '/var/cache/apt/archives';

function copyOnnxRuntime(target) {
  const require = createRequire(path.join(root, 'package.json'));
  const ortDir = path.dirname(require.resolve('onnxruntime-node/package.json'));
  // onnxruntime-common's exports hide its package.json: find its folder from its entry file.
  const commonEntry = createRequire(path.join(ortDir, 'package.json')).resolve('onnxruntime-common');
  const commonDir = commonEntry.slice(
    0,
    commonEntry.lastIndexOf(`${path.sep}onnxruntime-common${path.sep}`) + `${path.sep}onnxruntime-common`.length,
  );
  const ortTarget = path.join(target, 'node_modules', 'onnxruntime-node');
  cpSync(path.join(ortDir, 'package.json'), path.join(ortTarget, 'package.json'));
  cpSync(path.join(ortDir, 'dist'), path.join(ortTarget, 'dist'), { recursive: true });
  const binding = path.join('bin', 'napi-v6', 'linux', 'x64');
  cpSync(path.join(ortDir, binding), path.join(ortTarget, binding), { recursive: true });
  cpSync(commonDir, path.join(target, 'node_modules', 'onnxruntime-common'), { recursive: true });
}

/** The .deb of each package: from apt's cache when there, else `apt-get download`. */
function fetchDebs(target) {
  mkdirSync(target, { recursive: true });
  const cached = existsSync(APT_CACHE) ? readdirSync(APT_CACHE) : [];
  for (const name of DEBS) {
    const hit = cached.find((file) => file.startsWith(`${name}_`) && file.endsWith('_amd64.deb'));
    if (hit) {
      cpSync(path.join(APT_CACHE, hit), path.join(target, hit));
      continue;
    }
    try {
      execFileSync('apt-get', ['download', name], { cwd: target, stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      throw new Error(
        `Cannot get ${name}.deb (not in ${APT_CACHE}, and \`apt-get download ${name}\` failed: ${String(
          error.stderr ?? error.message,
        )
          .trim()
          .split('\n')
          .at(-1)}). Run it on a Debian/Ubuntu machine with apt access once.`,
      );
    }
  }
}

const RUN_SH = `#!/bin/sh
# Unpacks the Vulkan loader debs into lib/ (no installation, no root) and runs the GPU check.
set -e
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/lib"
for deb in "$here"/debs/*.deb; do
  if command -v dpkg-deb >/dev/null 2>&1; then
    dpkg-deb -x "$deb" "$here/lib"
  else
    "$here/node" "$here/unpack-deb.mjs" "$deb" "$here/lib"
  fi
done
LD_LIBRARY_PATH="$here/lib/usr/lib/x86_64-linux-gnu:$here/lib/lib/x86_64-linux-gnu\${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export LD_LIBRARY_PATH
exec "$here/node" "$here/gpu-check.mjs" "$@"
`;

// A .deb is an ar archive holding data.tar.xz (or .zst/.gz): without dpkg-deb, read the ar
// members with Node and let tar unpack the data part.
const UNPACK_DEB = `import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
const [deb, dir] = process.argv.slice(2);
const bytes = readFileSync(deb);
if (bytes.subarray(0, 8).toString() !== '!<arch>\\n') throw new Error(deb + ' is not a .deb (ar) file');
for (let at = 8; at + 60 <= bytes.length;) {
  const name = bytes.subarray(at, at + 16).toString().trim().replace(/\\/$/, '');
  const size = Number(bytes.subarray(at + 48, at + 58).toString().trim());
  if (name.startsWith('data.tar')) {
    const file = path.join(dir, name);
    writeFileSync(file, bytes.subarray(at + 60, at + 60 + size));
    execFileSync('tar', ['-xf', file, '-C', dir]);
  }
  at += 60 + size + (size % 2);
}
`;

const HEADER = (payloadLine) => `#!/bin/sh
# Posetrail GPU check: extracts itself to a temporary folder and runs the bench's gpu section.
# Usage: sh ${NAME}.sh [> report.json]   (needs tar and xz; see docs/gpu-check.md)
set -e
dir=$(mktemp -d "\${TMPDIR:-/tmp}/${NAME}.XXXXXX")
trap 'rm -rf "$dir"' EXIT
tail -n +${payloadLine} "$0" | xz -dc | tar -x -C "$dir"
sh "$dir/${NAME}/run.sh" "$@"
exit $?
`;

/**
 * esbuild options of the bundled GPU check: one file with every package inside but ONNX Runtime,
 * whose native library travels beside it. A package the code loads at run time by name
 * (util/lazy-package.ts) would be missing from it.
 */
export function gpuCheckBuildOptions(outfile) {
  return {
    entryPoints: [path.join(root, 'test/bench/gpu-check.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: ['onnxruntime-node'],
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: 'warning',
    absWorkingDir: root,
  };
}

export async function buildGpuBundle({ outDir = path.join(root, 'release') } = {}) {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    throw new Error('The GPU check bundle is built for Linux x64, on Linux x64.');
  const work = path.join(os.tmpdir(), `${NAME}-build-${process.pid}`);
  const stage = path.join(work, NAME);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  try {
    await build(gpuCheckBuildOptions(path.join(stage, 'gpu-check.mjs')));
    cpSync(process.execPath, path.join(stage, 'node'));
    copyOnnxRuntime(stage);
    fetchDebs(path.join(stage, 'debs'));
    writeFileSync(path.join(stage, 'run.sh'), RUN_SH);
    writeFileSync(path.join(stage, 'unpack-deb.mjs'), UNPACK_DEB);
    chmodSync(path.join(stage, 'run.sh'), 0o755);
    const payload = path.join(work, 'payload.tar.xz');
    execFileSync('sh', ['-c', `tar -C "${work}" -cf - ${NAME} | xz -T0 -9 > "${payload}"`]);
    mkdirSync(outDir, { recursive: true });
    const header = HEADER(HEADER(0).split('\n').length);
    const outFile = path.join(outDir, `${NAME}.sh`);
    writeFileSync(outFile, Buffer.concat([Buffer.from(header), readFileSync(payload)]));
    chmodSync(outFile, 0o755);
    const bytes = statSync(outFile).size;
    if (bytes > MAX_BYTES) throw new Error(`${outFile} is ${(bytes / 2 ** 20).toFixed(1)} MiB, over the 64 MiB limit.`);
    return { file: outFile, bytes };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildGpuBundle()
    .then(({ file, bytes }) =>
      console.log(
        `Wrote ${path.relative(process.cwd(), file)} (${(bytes / 2 ** 20).toFixed(1)} MiB). Run it with: sh ${path.basename(file)}`,
      ),
    )
    .catch((error) => {
      console.error(`gpu-bundle: ${error.message}`);
      process.exit(1);
    });
}
