import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, SHARED_MODELS_DIR } from '../../helpers/assets';

export interface RunningHost {
  url: string;
  origin: string;
  /** Temporary home of this host: config, model store, data, and the test's videos. */
  rootDir: string;
  stderr: () => string;
  stop(): Promise<void>;
}

const URL_LINE = /Posetrail is running at (http:\/\/\S+)/;

/**
 * Starts `posetrail serve --port 0` with its config, model store and data in a temp folder, the
 * shared models on the model path and the nano presets as defaults, and resolves with the URL it
 * prints (token included).
 */
export async function startWebHost(
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<RunningHost> {
  const rootDir = mkdtempSync(path.join(os.tmpdir(), 'posetrail-e2e-'));
  const configDir = path.join(rootDir, 'config');
  mkdirSync(configDir, { recursive: true });
  writeFileSync(
    path.join(configDir, 'settings.json'),
    JSON.stringify({
      defaultDevice: 'cpu',
      threads: 0,
      track: {
        detector: 'yolox-nano-416',
        poseModel: 'simplepose-nano',
        device: 'cpu',
        detIntervalFrames: 1,
        minBoxScore: 0.5,
        minKeypointScore: 0.3,
        flipTest: false,
      },
    }),
  );
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(REPO_ROOT, 'bin/posetrail.js'), 'serve', '--port', '0'],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        POSETRAIL_MODEL_PATH: SHARED_MODELS_DIR,
        POSETRAIL_MODELS_DIR: path.join(rootDir, 'models'),
        POSETRAIL_CONFIG_DIR: configDir,
        POSETRAIL_DATA_DIR: path.join(rootDir, 'data'),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-20000)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`posetrail serve printed no URL in ${options.timeoutMs ?? 120_000} ms:\n${err}`)),
      options.timeoutMs ?? 120_000,
    );
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = URL_LINE.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`posetrail serve exited with ${code} before printing its URL:\n${err}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    rootDir,
    stderr: () => err,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode != null) return resolve();
        const killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(killTimer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
