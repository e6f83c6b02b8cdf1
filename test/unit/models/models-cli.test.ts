import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { runCli as run } from '../../helpers/cli';
import { register } from '../../../hosts/cli/commands/models';
import { registerConvert } from '../../../hosts/cli/commands/convert';
import { SHARED_MODELS_DIR } from '../../helpers/assets';

// Only the models command: this file tests it, not the other sub-commands' start-up.
const only = vi.hoisted(() => ({ register: null as null | ((program: Command) => void) }));
vi.mock('../../../hosts/cli/commands/index', () => ({
  registerCommands: (program: Command) => only.register?.(program),
}));

let storeDir: string;

beforeAll(async () => {
  only.register = (program) => register(program, registerConvert);
  storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-cli-store-'));
  process.env.POSETRAIL_MODELS_DIR = storeDir;
  process.env.POSETRAIL_MODEL_PATH = SHARED_MODELS_DIR;
});
afterAll(async () => {
  await fs.rm(storeDir, { recursive: true, force: true });
  delete process.env.POSETRAIL_MODELS_DIR;
  delete process.env.POSETRAIL_MODEL_PATH;
});

describe('posetrail models', () => {
  it('lists every model with installed state, size and location', async () => {
    const { code, stdout } = await run('models', 'list');
    expect(code).toBe(0);
    const line = stdout.split('\n').find((l) => l.startsWith('simplepose-nano'));
    expect(line).toMatch(/^simplepose-nano\s+pose-topdown-heatmap\s+yes\s+2\.3 MB\s+.*simplepose_nano_256x192\.onnx$/);
    expect(stdout).toMatch(
      /^yolox-tiny\s+person-detector\s+no\s+-\s+pinned in the manifest\s+\(download available\)$/m,
    );
    expect(stdout).toContain(`Store: ${storeDir}`);
    const json = JSON.parse((await run('models', 'list', '--json')).stdout);
    expect(json).toHaveLength(17);
  });

  it('imports a file into the store and verifies it', async () => {
    const file = path.join(SHARED_MODELS_DIR, 'simplepose_nano_256x192.onnx');
    const imported = await run('models', 'import', file, '--as', 'simplepose-nano');
    expect(imported).toMatchObject({
      code: 0,
      stdout: `Imported ${file} as simplepose-nano: ${path.join(storeDir, 'simplepose_nano_256x192.onnx')}\n`,
    });
    const verified = await run('models', 'verify', 'simplepose-nano', '--json');
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject([{ id: 'simplepose-nano', status: 'ok', location: 'store' }]);
  });

  it('fails with one line and a usage exit code for an unknown id', async () => {
    const { code, stderr } = await run('models', 'download', 'yolox-xl');
    expect(code).toBe(2);
    expect(stderr).toBe(
      `posetrail: Unknown model "yolox-xl". Known models: yolox-nano, yolox-tiny, yolox-s, yolox-nano-416, rtmdet-nano, simplepose-nano, hrnet-w32-coco-256x192, hrnet-w32-coco-384x288, hrnet-w48-coco-256x192, hrnet-w48-coco-384x288, rtmpose-t-coco-256x192, rtmpose-s-coco-256x192, rtmpose-m-coco-256x192, rtmpose-l-coco-256x192, rtmpose-m-coco-384x288, rtmpose-l-coco-384x288, osnet-x0-25-msmt17.\n`,
    );
  });

  it('explains why an import-only model cannot be downloaded', async () => {
    const { code, stderr } = await run('models', 'download', 'rtmdet-nano');
    expect(code).toBe(1);
    expect(stderr).toContain('Model rtmdet-nano cannot be downloaded');
  });

  it('offers the converter under models, checking its flags against the model id', async () => {
    const { code, stderr } = await run(
      'models',
      'convert',
      'x.pth',
      '--as',
      'hrnet-w48-coco-384x288',
      '--input',
      '256x192',
    );
    expect(code).toBe(1);
    expect(stderr).toBe('posetrail: --input 256x192 does not match hrnet-w48-coco-384x288, which takes 384x288.\n');
  });
});
