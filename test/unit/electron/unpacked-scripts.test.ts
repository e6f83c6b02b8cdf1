import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { REPO_ROOT } from '../../helpers/assets';
import {
  sha256OfFile,
  UNPACKED_SCRIPTS,
  unpackedScriptPath,
  verifyUnpackedScripts,
  type ScriptHashes,
} from '../../../electron/unpacked-scripts';

/**
 * Issue 25, item 11: the scripts that run models and the device probe are unpacked from app.asar,
 * outside Electron's integrity check, so anyone who could write to the install folder could
 * change what the app runs. Main now checks each against the SHA-256 recorded in its own bundle
 * (inside the checked archive) before it starts one.
 */

let root: string;
let bundleDir: string;
let hashes: ScriptHashes;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-unpacked-'));
  bundleDir = path.join(root, 'resources', 'app.asar', 'dist-electron');
  const unpackedDir = path.join(root, 'resources', 'app.asar.unpacked', 'dist-electron');
  await fs.mkdir(unpackedDir, { recursive: true });
  for (const script of UNPACKED_SCRIPTS)
    await fs.writeFile(path.join(unpackedDir, script), `// ${script}\nexport {};\n`);
  hashes = Object.fromEntries(
    UNPACKED_SCRIPTS.map((script) => [script, sha256OfFile(unpackedScriptPath(bundleDir, script))]),
  ) as ScriptHashes;
});
afterAll(() => fs.rm(root, { recursive: true, force: true }));

describe('unpacked scripts', () => {
  it('are looked up beside app.asar, in app.asar.unpacked', () => {
    expect(unpackedScriptPath(bundleDir, 'tracking-worker.mjs')).toBe(
      path.join(root, 'resources', 'app.asar.unpacked', 'dist-electron', 'tracking-worker.mjs'),
    );
  });

  it('run when they match the hashes recorded at build time', () => {
    expect(() => verifyUnpackedScripts(bundleDir, hashes, true)).not.toThrow();
  });

  it('are refused when one was changed, naming it', async () => {
    const probe = unpackedScriptPath(bundleDir, 'device-probe-child.mjs');
    const original = await fs.readFile(probe);
    await fs.appendFile(probe, 'require("child_process").execSync("evil");\n');
    try {
      expect(() => verifyUnpackedScripts(bundleDir, hashes, true)).toThrow(
        new RegExp(`^${probe.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} was changed after Posetrail was built`),
      );
    } finally {
      await fs.writeFile(probe, original);
    }
    await fs.rm(unpackedScriptPath(bundleDir, 'detector-worker.mjs'));
    expect(() => verifyUnpackedScripts(bundleDir, hashes, true)).toThrow(
      'detector-worker.mjs cannot be read (ENOENT); reinstall Posetrail.',
    );
  });

  it('are refused in a packaged build that records no hashes, and not checked in development', () => {
    expect(() => verifyUnpackedScripts(bundleDir, null, true)).toThrow('records no checksums');
    expect(() => verifyUnpackedScripts(bundleDir, null, false)).not.toThrow();
  });

  it('are exactly what electron-builder unpacks from dist-electron, and main checks them before each start', async () => {
    const config = yaml.load(await fs.readFile(path.join(REPO_ROOT, 'build/electron-builder.yml'), 'utf8')) as {
      asarUnpack: string[];
    };
    const unpacked = config.asarUnpack
      .filter((entry) => entry.startsWith('dist-electron/'))
      .map((entry) => entry.slice('dist-electron/'.length));
    expect(unpacked.sort()).toEqual([...UNPACKED_SCRIPTS].sort());
    const main = await fs.readFile(path.join(REPO_ROOT, 'electron/main.ts'), 'utf8');
    expect(main).toContain('spawnWorker: verified(() => new Worker(workerPath))');
    expect(main).toContain('usableDevices(verified(() => utilityProcess.fork(probePath');
    const build = await fs.readFile(path.join(REPO_ROOT, 'build/build-electron.js'), 'utf8');
    expect(build).toContain('define: { POSETRAIL_UNPACKED_SHA256: JSON.stringify(hashes) }');
  });
});
