import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// js-yaml is what electron-builder itself uses to read this file.
import yaml from 'js-yaml';
import { REPO_ROOT } from '../../helpers/assets';
import { electronBinaryPath, ensureElectronBinary } from '../../../build/electron-binary.js';

const run = promisify(execFile);
let root: string;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-electron-'));
});
afterAll(() => fs.rm(root, { recursive: true, force: true }));

/** A stand-in for node_modules/electron whose install.js fails like an offline download does. */
async function fakeElectronPackage(name: string, installScript: string): Promise<string> {
  const dir = path.join(root, name);
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'install.js'), installScript);
  return dir;
}

describe('electron-builder config', () => {
  it('parses and declares the installers, files and unpacked native parts', async () => {
    const config = yaml.load(await fs.readFile(path.join(REPO_ROOT, 'build/electron-builder.yml'), 'utf8')) as Record<
      string,
      any
    >;
    expect(config.appId).toBe('org.posetrail.app');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.files).toEqual(
      expect.arrayContaining(['dist-electron/**', 'dist-renderer/**', 'models/*.json', 'node_modules/**']),
    );
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining([
        'node_modules/onnxruntime-node/**',
        'node_modules/ffmpeg-static/**',
        'node_modules/@napi-rs/canvas*/**',
        'dist-electron/device-probe-child.mjs',
      ]),
    );
  });

  it('flips the Electron fuses an attacker with local access would use', async () => {
    const config = yaml.load(await fs.readFile(path.join(REPO_ROOT, 'build/electron-builder.yml'), 'utf8')) as Record<
      string,
      any
    >;
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // With runAsNode off, main may not fork Node children; the device probe uses a utility process.
    const main = await fs.readFile(path.join(REPO_ROOT, 'electron/main.ts'), 'utf8');
    expect(main).toContain('utilityProcess.fork(');
    expect(main).not.toMatch(/child_process|ELECTRON_RUN_AS_NODE/);
  });

  it('points package.json main at the CommonJS entry the bundler writes', async () => {
    const pkg = JSON.parse(await fs.readFile(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('dist-electron/main.cjs');
    expect(pkg.scripts.start).toBe('node build/start.js');
  });
});

describe('Electron binary check', () => {
  it('finds a downloaded binary through path.txt', async () => {
    const dir = await fakeElectronPackage('installed', '');
    await fs.mkdir(path.join(dir, 'dist'));
    await fs.writeFile(path.join(dir, 'dist', 'electron'), '');
    await fs.writeFile(path.join(dir, 'path.txt'), 'electron');
    expect(electronBinaryPath(dir)).toBe(path.join(dir, 'dist', 'electron'));
    await expect(ensureElectronBinary(dir, { log: () => {} })).resolves.toBe(path.join(dir, 'dist', 'electron'));
  });

  it('tries the download once and explains what to do when offline', async () => {
    const dir = await fakeElectronPackage(
      'offline',
      "console.error('RequestError: getaddrinfo ENOTFOUND github.com'); process.exit(1);",
    );
    const logged: string[] = [];
    const failure = await ensureElectronBinary(dir, { log: (line: string) => logged.push(line) }).catch(
      (error: Error) => error,
    );
    expect(logged).toEqual(['Electron binary missing: downloading it (one time)…']);
    expect(failure).toBeInstanceOf(Error);
    const message = (failure as Error).message;
    expect(message).toContain(
      "Electron's binary is missing and could not be downloaded (RequestError: getaddrinfo ENOTFOUND github.com)",
    );
    expect(message).toContain('ELECTRON_MIRROR');
    expect(message).toContain('node bin/posetrail.js serve');
  });

  it('names the error, not a stack frame, when install.js throws', async () => {
    const dir = await fakeElectronPackage(
      'stack',
      "console.error('TypeError: fetch failed\\n    at node:internal/deps/undici/undici:14976:13\\n    at async downloadArtifact (file:///x/index.js:154:12)'); process.exit(1);",
    );
    const failure = await ensureElectronBinary(dir, { log: () => {} }).catch((error: Error) => error);
    expect((failure as Error).message).toContain(
      "Electron's binary is missing and could not be downloaded (TypeError: fetch failed).",
    );
  });

  it('npm start prints that message and exits 1 when the binary cannot be fetched', async () => {
    const dir = await fakeElectronPackage(
      'offline-cli',
      "console.error('getaddrinfo EAI_AGAIN github.com'); process.exit(1);",
    );
    const result = await run(process.execPath, [path.join(REPO_ROOT, 'build/start.js'), '--skip-build'], {
      env: { ...process.env, POSETRAIL_ELECTRON_DIR: dir },
    }).catch((error: { code: number; stderr: string }) => error);
    expect((result as { code: number }).code).toBe(1);
    expect((result as { stderr: string }).stderr).toContain(
      'could not be downloaded (getaddrinfo EAI_AGAIN github.com)',
    );
    expect((result as { stderr: string }).stderr).toContain('connect to the internet and run `npm start` again');
  });
});
