import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { rawExchange, startServeChild, type ServeChild } from '../../helpers/serve-child';

/** DNS rebinding and cross-site requests against a `posetrail serve --no-token` host. */

let root: string;
let server: ServeChild;
let port: number;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-origin-'));
  server = await startServeChild(root, ['--no-token']);
  port = Number(new URL(await server.url).port);
});
afterAll(async () => {
  await server?.stop();
  await fs.rm(root, { recursive: true, force: true });
});

function apiCall(headers: Record<string, string>): Promise<string> {
  const body = JSON.stringify([root]);
  const lines = [
    `POST /api/files/list HTTP/1.1`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    'Content-Type: application/json',
    `Content-Length: ${body.length}`,
    'Connection: close',
    '',
    body,
  ];
  return rawExchange(port, lines.join('\r\n'));
}

function socketStatus(headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/events`, { headers });
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.on('error', () => resolve(0));
  });
}

describe('Host and Origin checks', () => {
  it('serves requests that name the loopback host it is bound to', async () => {
    for (const name of ['127.0.0.1', 'localhost', '[::1]']) {
      expect(await apiCall({ Host: `${name}:${port}` }), name).toMatch(/^HTTP\/1\.1 200 /);
    }
    expect(await apiCall({ Host: `127.0.0.1:${port}`, Origin: `http://127.0.0.1:${port}` })).toMatch(
      /^HTTP\/1\.1 200 /,
    );
  });

  it('refuses a rebound DNS name in Host with 403, on pages, API calls and sockets', async () => {
    const reply = await apiCall({ Host: `evil.example:${port}` });
    expect(reply).toMatch(/^HTTP\/1\.1 403 /);
    expect(reply).toContain('does not answer to Host \\"evil.example:');
    expect(await rawExchange(port, `GET / HTTP/1.1\r\nHost: evil.example:${port}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 403 /);
    expect(await apiCall({ Host: `127.0.0.1:${port + 1}` })).toMatch(/^HTTP\/1\.1 403 /);
    expect(await socketStatus({ Host: `evil.example:${port}` })).toBe(403);
  });

  it('refuses API calls and sockets from another origin', async () => {
    expect(await apiCall({ Host: `127.0.0.1:${port}`, Origin: 'http://evil.example' })).toMatch(/^HTTP\/1\.1 403 /);
    expect(await apiCall({ Host: `127.0.0.1:${port}`, Origin: `http://127.0.0.1:${port + 1}` })).toMatch(
      /^HTTP\/1\.1 403 /,
    );
    expect(await socketStatus({ Origin: 'http://evil.example' })).toBe(403);
    expect(await socketStatus({ Origin: `http://127.0.0.1:${port}` })).toBe(101);
  });
});

describe('serve start-up output', () => {
  it('reports the device probe in its own words, with no GPU-library messages', async () => {
    const { availableDevices } = await import('../../../core/models/onnx');
    const { usableDevices } = await import('../../../core/models/device-probe');
    if (availableDevices().includes('webgpu') && !(await usableDevices()).includes('webgpu')) {
      await expect
        .poll(() => server.output().stderr, { timeout: 60_000, interval: 500 })
        .toContain('WebGPU is built in but did not start here');
    }
    expect(server.output().stderr).not.toMatch(/XDG_RUNTIME_DIR|Vulkan|BackendType/);
  }, 70_000);
});
