import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A real `redis-server` (Debian's package) for tests: on a free loopback port, with its own data
 * folder and the append-only file on, so stopping and starting it again keeps the queue.
 */
export interface RedisServer {
  url: string;
  port: number;
  dir: string;
  /** SIGTERM and wait (Redis flushes its append-only file on the way out). */
  stop(): Promise<void>;
  /** Starts the server again on the same port and data folder. */
  start(): Promise<void>;
  /** Stops the server and removes its data folder. */
  dispose(): Promise<void>;
}

const READY_TIMEOUT_MS = 10_000;

export interface RedisServerOptions {
  /** requirepass: the URL then carries it. */
  password?: string;
  /** TLS only (no plain port): the URL is rediss://. */
  tls?: { certFile: string; keyFile: string };
  /** Listen on every interface, without protected mode (as the official Docker image does). */
  everyInterface?: boolean;
}

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const port = await freePort();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-redis-'));
  let child: ChildProcess | null = null;
  const extra = [
    ...(options.password ? ['--requirepass', options.password] : []),
    ...(options.everyInterface ? ['--bind', '0.0.0.0', '--protected-mode', 'no'] : []),
    ...(options.tls
      ? [
          '--port',
          '0',
          '--tls-port',
          String(port),
          '--tls-cert-file',
          options.tls.certFile,
          '--tls-key-file',
          options.tls.keyFile,
          '--tls-auth-clients',
          'no',
        ]
      : []),
  ];
  const start = async () => {
    child = await launch(port, dir, extra);
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    url: `${options.tls ? 'rediss' : 'redis'}://${options.password ? `:${encodeURIComponent(options.password)}@` : ''}127.0.0.1:${port}`,
    port,
    dir,
    start,
    stop,
    dispose: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function launch(port: number, dir: string, extra: string[]): Promise<ChildProcess> {
  // Later arguments win: TLS replaces the plain port with port 0 (none), everyInterface the bind address.
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--appendonly',
    'yes',
    '--save',
    '',
    '--daemonize',
    'no',
    ...extra,
  ];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`redis-server did not start on port ${port} within ${READY_TIMEOUT_MS} ms:\n${output}`)),
      READY_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', (error) =>
      reject(new Error(`Cannot start redis-server (apt-get install redis-server): ${error.message}`)),
    );
    child.once('exit', (code) => reject(new Error(`redis-server exited with code ${code}:\n${output}`)));
  });
  child.stdout!.resume();
  child.stderr!.resume();
  return child;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
