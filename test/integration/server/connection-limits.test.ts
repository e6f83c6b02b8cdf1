import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PoseApi, PoseEvent } from '../../../core/api/pose-api';
import type { ConnectionLimits } from '../../../hosts/server/connection-limits';
import { MediaAccess } from '../../../core/http/media-access';
import { startWebHost, type WebHost } from '../../../hosts/server/server';

/**
 * Issue 25, item 9: silent connections never timed out (50 of 50 open after 320 s), slow bodies
 * were held up to 300 s, event sockets were unlimited and one whose reader stopped reading
 * buffered every event. Each is bounded now; small limits keep these tests short, on 127.0.0.1.
 */

const TOKEN = 'a'.repeat(43);
let rendererDir: string;
let host: WebHost | null = null;
const listeners = new Set<(event: PoseEvent) => void>();
const api = {
  app: { info: async () => ({ version: 'test' }) },
  onEvent: (listener: (event: PoseEvent) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
} as unknown as PoseApi;

beforeAll(async () => {
  rendererDir = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-limits-'));
  await fs.writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
});
afterEach(async () => {
  await host?.close();
  host = null;
});

async function start(limits: Partial<ConnectionLimits>): Promise<WebHost> {
  host = await startWebHost({
    api,
    media: new MediaAccess(),
    rendererDir,
    token: TOKEN,
    limits: { checkIntervalMs: 100, ...limits },
  });
  return host;
}

async function stillServes(web: WebHost): Promise<void> {
  const response = await fetch(`${web.origin}/api/app/info`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-posetrail-token': TOKEN },
    body: '[]',
  });
  expect(response.status).toBe(200);
}

/** A raw connection that records when the server closed it and what it sent. */
function connect(
  port: number,
): Promise<{ socket: net.Socket; closed: () => boolean; received: () => number; text: () => string }> {
  return new Promise((resolve, reject) => {
    let closed = false;
    let text = '';
    let bytes = 0;
    const socket = net.connect(port, '127.0.0.1', () =>
      resolve({ socket, closed: () => closed, received: () => bytes, text: () => text }),
    );
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (text.length < 2000) text += chunk.toString('latin1');
    });
    socket.on('close', () => (closed = true));
    socket.on('error', () => {});
    socket.once('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await sleep(20)) if (condition()) return true;
  return condition();
}

const upgrade = (port: number) =>
  [
    `GET /events?token=${TOKEN} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Connection: Upgrade',
    'Upgrade: websocket',
    'Sec-WebSocket-Version: 13',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    '',
    '',
  ].join('\r\n');

describe('web host connection limits', () => {
  it('closes connections that never say anything', async () => {
    const web = await start({ idleTimeoutMs: 300, headersTimeoutMs: 300 });
    const silent = await Promise.all(Array.from({ length: 20 }, () => connect(web.port)));
    expect(await until(() => silent.every((c) => c.closed()), 3_000)).toBe(true);
    await stillServes(web);
  });

  it('ends a request whose body trickles in past the request timeout', async () => {
    const web = await start({ requestTimeoutMs: 500, headersTimeoutMs: 300, idleTimeoutMs: 10_000 });
    const slow = await connect(web.port);
    slow.socket.write(
      `POST /api/app/info HTTP/1.1\r\nHost: 127.0.0.1:${web.port}\r\nContent-Type: application/json\r\nX-Posetrail-Token: ${TOKEN}\r\nContent-Length: 1000\r\n\r\n`,
    );
    for (let sent = 0; sent < 30 && !slow.closed(); sent += 1) {
      slow.socket.write(' ');
      await sleep(100);
    }
    expect(slow.closed()).toBe(true);
    expect(slow.text()).toMatch(/^HTTP\/1\.1 408 /);
    await stillServes(web);
  });

  it('caps open connections, then serves again once they close', async () => {
    const web = await start({ maxConnections: 5 });
    const held = await Promise.all(Array.from({ length: 5 }, () => connect(web.port)));
    const extra = await Promise.all(Array.from({ length: 3 }, () => connect(web.port)));
    expect(await until(() => extra.every((c) => c.closed()), 2_000)).toBe(true);
    expect(held.filter((c) => c.closed())).toHaveLength(0);
    held.forEach((c) => c.socket.destroy());
    await until(() => held.every((c) => c.closed()), 2_000);
    await sleep(50);
    await stillServes(web);
  });

  it('refuses event sockets beyond the cap with 503', async () => {
    const web = await start({ maxEventClients: 2 });
    const clients = await Promise.all(Array.from({ length: 3 }, () => connect(web.port)));
    for (const client of clients.slice(0, 2)) {
      client.socket.write(upgrade(web.port));
      expect(await until(() => client.text().includes('\r\n\r\n'), 2_000)).toBe(true);
    }
    clients[2]!.socket.write(upgrade(web.port));
    await until(() => clients[2]!.closed(), 2_000);
    expect(clients.map((c) => c.text().split('\r\n')[0])).toEqual([
      'HTTP/1.1 101 Switching Protocols',
      'HTTP/1.1 101 Switching Protocols',
      'HTTP/1.1 503 Service Unavailable',
    ]);
    clients.forEach((c) => c.socket.destroy());
    await stillServes(web);
  });

  it('drops an event socket whose reader stopped reading instead of buffering every event', async () => {
    const web = await start({ maxEventBufferBytes: 256 * 1024 });
    const reader = await connect(web.port);
    reader.socket.write(upgrade(web.port));
    expect(await until(() => reader.text().includes('\r\n\r\n'), 2_000)).toBe(true);
    reader.socket.pause();
    const message = 'x'.repeat(64 * 1024);
    const events = 400;
    for (let index = 0; index < events; index += 1) {
      for (const listener of listeners) listener({ type: 'menu', action: 'flood', payload: message });
      if (index % 10 === 9) await new Promise((resolve) => setImmediate(resolve));
    }
    reader.socket.resume();
    await until(() => reader.closed(), 5_000);
    expect(reader.closed()).toBe(true);
    // Loopback socket buffers hold a few MB at most; all 400 events would be 26 MB.
    expect(reader.received()).toBeLessThan((events * message.length) / 2);
    await stillServes(web);
  });
});
