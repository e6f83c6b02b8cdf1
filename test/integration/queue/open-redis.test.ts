import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRUST_NETWORK_ENV, checkRedis, isLoopbackHost } from '../../../core/queue/connection';
import { startRedisServer, type RedisServer } from '../../helpers/redis-server';

/**
 * A Redis that answers without a password over the network lets anyone who reaches it make
 * workers write files: `posetrail batch --queue` and `posetrail worker` refuse to use one.
 */
const networkAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

let open: RedisServer;
let guarded: RedisServer;

beforeAll(async () => {
  open = await startRedisServer({ everyInterface: true });
  guarded = await startRedisServer({ everyInterface: true, password: 'lab secret' });
});

afterAll(async () => {
  await open?.dispose();
  await guarded?.dispose();
});

describe.runIf(networkAddress)('a password-less Redis reached over the network', () => {
  it('is refused with what to do, naming the server', async () => {
    const url = `redis://${networkAddress}:${open.port}`;
    await expect(checkRedis(url, {})).rejects.toThrow(
      `The queue at ${url} accepts commands without a password over the network`,
    );
    await expect(checkRedis(url, {})).rejects.toThrow(
      `set ${TRUST_NETWORK_ENV}=1 if only your own machines can reach it.`,
    );
  });

  it('is used when the user says the network is theirs, or over loopback', async () => {
    await expect(
      checkRedis(`redis://${networkAddress}:${open.port}`, { [TRUST_NETWORK_ENV]: '1' }),
    ).resolves.toBeUndefined();
    await expect(checkRedis(`redis://127.0.0.1:${open.port}`, {})).resolves.toBeUndefined();
    await expect(checkRedis(`redis://localhost:${open.port}`, {})).resolves.toBeUndefined();
  });

  it('is not refused once it has a password, which the URL carries', async () => {
    await expect(checkRedis(`redis://:lab%20secret@${networkAddress}:${guarded.port}`, {})).resolves.toBeUndefined();
  });
});

describe('isLoopbackHost', () => {
  it('knows loopback addresses and names from network ones', () => {
    expect(['127.0.0.1', '127.8.0.1', 'localhost', '::1', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '10.0.0.5', 'redis', 'labhost', 'fe80::1', '127.0.0.1.example.org'].some(isLoopbackHost)).toBe(
      false,
    );
  });
});
