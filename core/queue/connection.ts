import { isIP } from 'node:net';
import type { ConnectionOptions } from 'bullmq';

/** The one BullMQ queue every batch and worker shares; jobs carry their batch id. */
export const QUEUE_NAME = 'posetrail-track';
/** Redis keys of Posetrail's own records (batch descriptions) start with this. */
export const KEY_PREFIX = 'posetrail';

export interface RedisTarget {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls: boolean;
}

const DEFAULT_PORT = 6379;

/**
 * Reads `redis://[user:password@]host[:port][/db]` or `rediss://…` (TLS), rejecting anything else
 * with a message naming the URL (its password hidden).
 */
export function parseRedisUrl(text: string): RedisTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(
      `Invalid queue URL "${redactRedisUrl(text)}". Expected redis://host:6379[/db] or rediss://… for TLS.`,
    );
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new Error(
      `Invalid queue URL "${redactRedisUrl(text)}": the scheme must be redis:// or rediss:// (TLS), not ${url.protocol}//.`,
    );
  }
  if (!url.hostname) throw new Error(`Invalid queue URL "${redactRedisUrl(text)}": no host.`);
  const dbText = url.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!/^\d*$/.test(dbText) || !Number.isInteger(db) || db > 15) {
    throw new Error(`Invalid queue URL "${redactRedisUrl(text)}": the database "${dbText}" should be a number 0–15.`);
  }
  const port = url.port ? Number(url.port) : DEFAULT_PORT;
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    db,
    ...(url.username && { username: decodeURIComponent(url.username) }),
    ...(url.password && { password: decodeURIComponent(url.password) }),
    tls: url.protocol === 'rediss:',
  };
}

/** The URL with its password replaced by ***, for messages and logs. */
export function redactRedisUrl(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');
}

/**
 * ioredis options for BullMQ. `maxRetriesPerRequest: null` makes commands wait through a Redis
 * restart instead of failing (BullMQ requires it for workers); reconnection backs off up to 2 s.
 */
export function connectionOptions(url: string): ConnectionOptions {
  const target = parseRedisUrl(url);
  return {
    host: target.host,
    port: target.port,
    db: target.db,
    ...(target.username && { username: target.username }),
    ...(target.password && { password: target.password }),
    // SNI carries host names only; an IP address is checked against the certificate all the same.
    ...(target.tls && { tls: isIP(target.host) ? {} : { servername: target.host } }),
    maxRetriesPerRequest: null,
    retryStrategy: (attempt: number) => Math.min(attempt * 100, 2_000),
  };
}

/** Set to 1 to use a Redis without a password over a network only you use (a container network). */
export const TRUST_NETWORK_ENV = 'POSETRAIL_QUEUE_TRUST_NETWORK';

/** 127.0.0.0/8, ::1 and localhost: the only hosts where a password-less Redis serves this machine alone. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (bare === 'localhost' || bare === '::1' || bare.endsWith('.localhost')) return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/**
 * A Redis that answered without a password over a network lets anyone who reaches it make
 * workers read and write files: refused unless the user says the network is theirs alone.
 */
function refuseOpenRedis(url: string, target: RedisTarget, env: NodeJS.ProcessEnv): void {
  if (target.password || isLoopbackHost(target.host) || env[TRUST_NETWORK_ENV] === '1') return;
  throw new Error(
    `The queue at ${redactRedisUrl(url)} accepts commands without a password over the network, so anyone who can reach it could make workers read and write files. ` +
      `Give Redis a password (requirepass; REDIS_PASSWORD in docker-compose) and put it in the URL (redis://:password@${target.host}:${target.port}), ` +
      `or set ${TRUST_NETWORK_ENV}=1 if only your own machines can reach it.`,
  );
}

/** How long the first contact with Redis may take before a command gives up with a clear error. */
const FIRST_CONNECT_TIMEOUT_MS = 5_000;

/**
 * Fails fast with a message naming the server when Redis cannot be reached or refuses the
 * password, or serves a network without one; once this succeeds, queue connections wait through
 * outages instead.
 */
export async function checkRedis(url: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const { Redis } = await import('ioredis');
  const {
    maxRetriesPerRequest: _wait,
    retryStrategy: _retry,
    ...base
  } = connectionOptions(url) as Record<string, unknown>;
  const client = new Redis({
    ...base,
    lazyConnect: true,
    connectTimeout: FIRST_CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let cause: Error | null = null;
  client.on('error', (error: Error) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(
      `Cannot reach the queue at ${redactRedisUrl(url)} (${(cause ?? (error as Error)).message}). Is Redis running there, and are the password and TLS setting right?`,
    );
  } finally {
    client.disconnect();
  }
  refuseOpenRedis(url, parseRedisUrl(url), env);
}
