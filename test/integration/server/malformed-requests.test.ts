import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawExchange, startServeChild, type ServeChild } from '../../helpers/serve-child';

/**
 * Malformed requests against a real `posetrail serve` process: none may take it down. The fuzz
 * part is bounded (a fixed seed, a few hundred requests on loopback, a few seconds).
 */

let root: string;
let server: ServeChild;
let port: number;
let token: string;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-fuzz-'));
  server = await startServeChild(root);
  const url = new URL(await server.url);
  port = Number(url.port);
  token = url.searchParams.get('token') ?? '';
});
afterAll(async () => {
  await server?.stop();
  await fs.rm(root, { recursive: true, force: true });
});

function upgrade(target: string, headers: string[] = []): string {
  return [
    `GET ${target} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Connection: Upgrade',
    'Upgrade: websocket',
    'Sec-WebSocket-Version: 13',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    ...headers,
    '',
    '',
  ].join('\r\n');
}

async function stillServes(): Promise<void> {
  expect(server.alive(), server.output().stderr).toBe(true);
  const response = await fetch(`http://127.0.0.1:${port}/api/app/info`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-posetrail-token': token },
    body: '[]',
  });
  expect(response.status).toBe(200);
}

/** mulberry32: a fixed sequence, so a failure replays. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '%',
  '%E0%A4%A',
  '%ZZ',
  '[',
  ']',
  'http://[',
  '//',
  '..',
  '\u0000',
  '\u00ff',
  '?',
  '#',
  '@',
  ':',
  ';',
  '=',
  '"',
  ' ',
  '\t',
  'ü',
  '🙂',
  'a'.repeat(300),
];

function fuzzCase(random: () => number): string {
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const garble = () => Array.from({ length: 1 + Math.floor(random() * 5) }, () => pick(PIECES)).join('');
  const target = pick([
    `/${garble()}`,
    garble(),
    `/events?${garble()}`,
    `/media?path=${garble()}&key=${garble()}`,
    `/api/${garble()}/${garble()}`,
    `http://${garble()}/`,
  ]);
  const kind = Math.floor(random() * 5);
  if (kind === 0) return upgrade(target, [`Cookie: ${garble()}=${garble()}`]);
  if (kind === 1)
    return upgrade(`/events?token=${token}`, [`Cookie: posetrail_token=${garble()}`, `Origin: ${garble()}`]);
  if (kind === 2)
    return `${pick(['GET', 'POST', 'PUT', 'BREW', ''])} ${target} HTTP/1.1\r\nHost: ${garble()}\r\nRange: bytes=${garble()}\r\nCookie: ${garble()}\r\n\r\n`;
  if (kind === 3) {
    const body = garble();
    return `POST /api/${pick(['app/info', 'video/open', 'files/list', garble()])} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nX-Posetrail-Token: ${token}\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
  }
  return Buffer.from(Array.from({ length: 1 + Math.floor(random() * 200) }, () => Math.floor(random() * 256))).toString(
    'latin1',
  );
}

describe('the web host survives malformed requests', () => {
  it('answers 400 to an upgrade whose cookie does not URI-decode, and keeps serving', async () => {
    const reply = await rawExchange(port, upgrade('/events', ['Cookie: posetrail_token=%E0%A4%A']));
    expect(reply).toMatch(/^HTTP\/1\.1 40[01] /);
    await stillServes();
  });

  it('answers 400 to an upgrade with a request target that is not a URL, and keeps serving', async () => {
    const reply = await rawExchange(port, upgrade('http://['));
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    await stillServes();
  });

  it('answers 400 to a plain request with a request target that is not a URL', async () => {
    const reply = await rawExchange(port, `GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    await stillServes();
  });

  it('keeps serving after 400 fuzzed request lines, headers, cookies and bodies', async () => {
    const random = seeded(11);
    const cases = Array.from({ length: 400 }, () => fuzzCase(random));
    const replies: string[] = [];
    for (let start = 0; start < cases.length; start += 20) {
      replies.push(
        ...(await Promise.all(cases.slice(start, start + 20).map((bytes) => rawExchange(port, bytes, 1000)))),
      );
      expect(server.alive(), `died after case ${start}: ${server.output().stderr}`).toBe(true);
    }
    // No malformed request is ever answered as a server fault.
    expect(replies.filter((reply) => /^HTTP\/1\.1 5\d\d/.test(reply))).toEqual([]);
    await stillServes();
  }, 60_000);
});
