import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from './assets';

/** A `posetrail serve` child process with a one-line UI build, for tests that must see it exit. */
export interface ServeChild {
  url: Promise<string>;
  exited: Promise<number | null>;
  alive(): boolean;
  output(): { stdout: string; stderr: string };
  stop(): Promise<number | null>;
}

/** Listens on a free port (`--port 0`) unless `args` name a port. */
export async function startServeChild(
  root: string,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<ServeChild> {
  const rendererDir = path.join(root, 'ui');
  await fs.mkdir(rendererDir, { recursive: true });
  await fs.writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Posetrail UI</title>');
  const child = spawn(
    process.execPath,
    [path.join(REPO_ROOT, 'bin/posetrail.js'), 'serve', ...(args.includes('--port') ? [] : ['--port', '0']), ...args],
    {
      env: {
        ...process.env,
        POSETRAIL_RENDERER_DIR: rendererDir,
        POSETRAIL_CONFIG_DIR: path.join(root, 'config'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  let running = true;
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      running = false;
      resolve(code);
    }),
  );
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /running at (\S+)/.exec(stdout);
      if (match) resolve(match[1]);
    });
    void exited.then(() => reject(new Error(`serve exited: ${stderr}`)));
  });
  url.catch(() => {});
  return {
    url,
    exited,
    alive: () => running,
    output: () => ({ stdout, stderr }),
    stop: () => {
      if (running) child.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * Sends bytes on a fresh loopback connection and resolves with whatever comes back before the
 * server closes it (or `waitMs` passes): the status line is enough for most checks.
 */
export function rawExchange(port: number, bytes: string | Buffer, waitMs = 2000): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (Buffer.concat(chunks).includes('\r\n\r\n')) setTimeout(finish, 20);
    });
    socket.on('error', finish);
    socket.on('close', finish);
    socket.write(bytes);
  });
}
