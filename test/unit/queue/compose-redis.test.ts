import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/assets';

/**
 * The shipped docker-compose.yml: Redis must not be published on the network without a password
 * (anyone who can write to the queue can make workers write files). Read as text: the file is
 * small and its shape is fixed here, so no YAML library is needed.
 */
const compose = readFileSync(path.join(REPO_ROOT, 'docker-compose.yml'), 'utf8');

/** The lines of one top-level service, up to the next service or section. */
function serviceBlock(name: string): string[] {
  const lines = compose.split('\n');
  const start = lines.indexOf(`  ${name}:`);
  expect(start).toBeGreaterThan(0);
  const end = lines.findIndex((line, index) => index > start && /^ {0,2}\S/.test(line));
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

/** The items of a list key (`ports:`) in a service block. */
function listItems(block: string[], key: string): string[] {
  const start = block.findIndex((line) => line.trim() === `${key}:`);
  if (start === -1) return [];
  const items: string[] = [];
  for (const line of block.slice(start + 1)) {
    const match = /^\s+- (.*)$/.exec(line);
    if (!match) break;
    // A YAML scalar in double or single quotes is the same string.
    items.push(match[1].replace(/^(["'])(.*)\1$/, '$2'));
  }
  return items;
}

/** Compose's `${VAR:-default}` with the given variables; `$$` is a literal `$`. */
function interpolate(text: string, env: Record<string, string>): string {
  return text
    .replace(/\$\{(\w+):-([^}]*)\}/g, (_, name: string, fallback: string) => env[name] || fallback)
    .replace(/\$\$/g, '$');
}

/** The redis service's `sh -c` script (a folded block scalar). */
function redisScript(): string {
  const block = serviceBlock('redis');
  const start = block.findIndex((line) => line.trim() === '- >-');
  expect(start).toBeGreaterThan(0);
  const lines: string[] = [];
  for (const line of block.slice(start + 1)) {
    if (!/^ {8}\S/.test(line)) break;
    lines.push(line.trim());
  }
  return lines.join(' ');
}

const stubDir = mkdtempSync(path.join(os.tmpdir(), 'posetrail-compose-'));
writeFileSync(path.join(stubDir, 'redis-server'), '#!/bin/sh\necho "redis-server $*"\n');
chmodSync(path.join(stubDir, 'redis-server'), 0o755);
afterAll(() => rmSync(stubDir, { recursive: true, force: true }));

/** Runs the redis service's start script as the container would, with redis-server stubbed. */
function startRedis(hostEnv: Record<string, string>) {
  const env = {
    PATH: `${stubDir}:${process.env.PATH}`,
    REDIS_PASSWORD: hostEnv.REDIS_PASSWORD ?? '',
    REDIS_BIND: interpolate('${REDIS_BIND:-127.0.0.1}', hostEnv),
  };
  return spawnSync('sh', ['-c', interpolate(redisScript(), hostEnv)], { env, encoding: 'utf8' });
}

describe('docker-compose.yml publishes Redis only on loopback unless it has a password', () => {
  it('binds every published Redis port to 127.0.0.1 by default, never to all interfaces', () => {
    const ports = listItems(serviceBlock('redis'), 'ports').map((item) => interpolate(item, {}));
    expect(ports.length).toBeGreaterThan(0);
    for (const port of ports) {
      const parts = port.split(':');
      expect(parts, `${port} publishes on every interface`).toHaveLength(3);
      expect(parts[0]).toBe('127.0.0.1');
    }
  });

  it('refuses to start Redis published beyond loopback without a password', () => {
    const open = startRedis({ REDIS_BIND: '0.0.0.0' });
    expect(open.status).toBe(1);
    expect(open.stderr).toContain('Refusing to publish Redis on 0.0.0.0 without a password: set REDIS_PASSWORD');
    expect(open.stdout).not.toContain('redis-server');
  });

  it('starts on loopback without a password, and anywhere with one (which it then requires)', () => {
    expect(startRedis({}).stdout.trim()).toBe('redis-server --appendonly yes --maxmemory-policy noeviction');
    const withPassword = startRedis({ REDIS_BIND: '0.0.0.0', REDIS_PASSWORD: 's3cret word' });
    expect(withPassword.status).toBe(0);
    expect(withPassword.stdout.trim()).toBe(
      'redis-server --appendonly yes --maxmemory-policy noeviction --requirepass s3cret word',
    );
  });

  it('the script is valid sh', () => {
    expect(() => execFileSync('sh', ['-n', '-c', interpolate(redisScript(), {})])).not.toThrow();
  });
});
