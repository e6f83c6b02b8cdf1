import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/assets';

let root: string;
let rendererDir: string;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-serve-'));
  rendererDir = path.join(root, 'ui');
  await fs.mkdir(rendererDir);
  await fs.writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Posetrail UI</title>');
});
afterAll(() => fs.rm(root, { recursive: true, force: true }));

function serve(args: string[]) {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/posetrail.js'), 'serve', ...args], {
    env: { ...process.env, POSETRAIL_RENDERER_DIR: rendererDir, POSETRAIL_CONFIG_DIR: path.join(root, 'config') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /running at (\S+)/.exec(stdout);
      if (match) resolve(match[1]);
    });
    void exited.then(() => reject(new Error(`serve exited: ${stderr}`)));
  });
  // Tests that expect an early exit never await the URL; keep that rejection from going unhandled.
  url.catch(() => {});
  return { child, url, exited, output: () => ({ stdout, stderr }) };
}

describe('posetrail serve', () => {
  it('prints a loopback URL with a token, serves the UI with it, and stops cleanly on SIGTERM', async () => {
    const server = serve(['--port', '0']);
    const url = await server.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
    const apiUrl = url.replace(/\/\?token=.*/, '/api/app/info');
    expect((await fetch(apiUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' })).status).toBe(401);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Posetrail UI</title>');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('adds the video to open to the URL', async () => {
    const server = serve(['--port', '0', '--open', 'clips/a b.mp4']);
    const url = await server.url;
    expect(new URL(url).searchParams.get('open')).toBe(path.resolve('clips/a b.mp4'));
    server.child.kill('SIGTERM');
    await server.exited;
  });

  it('refuses --no-token on a non-loopback host and a bad port, with one-line errors', async () => {
    const exposed = serve(['--host', '0.0.0.0', '--no-token']);
    expect(await exposed.exited).toBe(2);
    expect(exposed.output().stderr).toContain('--no-token is only allowed on a loopback host');
    const badPort = serve(['--port', '70000']);
    expect(await badPort.exited).toBe(2);
    expect(badPort.output().stderr).toContain('Invalid --port 70000. Should be an integer from 0 to 65535');
  });
});
