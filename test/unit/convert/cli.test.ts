import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseArch, parseInputSize, registerConvert } from '../../../hosts/cli/commands/convert';
import { writeHrnetCheckpoints } from '../../helpers/hrnet-checkpoints';

let FIXTURE: string;

function program(): Command {
  const root = new Command('posetrail').exitOverride();
  registerConvert(root.command('models').exitOverride()).exitOverride();
  return root;
}

describe('posetrail models convert', () => {
  let dir: string;
  const savedStore = process.env.POSETRAIL_MODELS_DIR;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-convert-cli-'));
    FIXTURE = (await writeHrnetCheckpoints(dir)).zip;
    process.env.POSETRAIL_MODELS_DIR = path.join(dir, 'store');
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    if (savedStore === undefined) delete process.env.POSETRAIL_MODELS_DIR;
    else process.env.POSETRAIL_MODELS_DIR = savedStore;
    await rm(dir, { recursive: true, force: true });
  });

  const run = (...args: string[]) => program().parseAsync(['node', 'posetrail', 'models', 'convert', ...args]);

  it('parses architectures and HEIGHTxWIDTH input sizes', () => {
    expect(parseArch('hrnet-w48')).toBe('hrnet-w48');
    expect(parseArch('hrnet-w18')).toEqual({ width: 18 });
    expect(parseArch('rtmpose-m')).toBe('rtmpose-m');
    expect(() => parseArch('rtmpose-x')).toThrow('Invalid --arch rtmpose-x.');
    expect(() => parseArch('resnet50')).toThrow(
      'Invalid --arch resnet50. Should be one of hrnet-w32, hrnet-w48, rtmpose-t, rtmpose-s, rtmpose-m, rtmpose-l (or hrnet-w<width>).',
    );
    expect(parseInputSize('384x288')).toEqual({ inputHeight: 384, inputWidth: 288 });
    expect(() => parseInputSize('384')).toThrow(
      'Invalid --input 384. Should be HEIGHTxWIDTH, e.g. 256x192 or 384x288.',
    );
  });

  it('writes an ONNX file with --out', async () => {
    const out = path.join(dir, 'c2.onnx');
    await run(FIXTURE, '--arch', 'hrnet-w2', '--input', '64x32', '--out', out);
    const bytes = readFileSync(out);
    expect(bytes.length).toBeGreaterThan(4 * 400_000); // ~451 k float32 parameters
    expect(bytes.includes(Buffer.from('hrnet-w2'))).toBe(true); // architecture metadata
  });

  it('installs into the model store with --as, taking the input size from the manifest', async () => {
    await run(FIXTURE, '--as', 'hrnet-w32-coco-256x192', '--arch', 'hrnet-w2');
    const store = path.join(dir, 'store');
    expect(existsSync(path.join(store, 'hrnet_w32_coco_256x192.onnx'))).toBe(true);
    const index = JSON.parse(readFileSync(path.join(store, 'index.json'), 'utf8'));
    expect(index.models['hrnet-w32-coco-256x192']).toMatchObject({
      origin: 'convert',
      file: 'hrnet_w32_coco_256x192.onnx',
    });
  });

  it('explains wrong or missing options', async () => {
    await expect(run(FIXTURE, '--arch', 'hrnet-w2')).rejects.toThrow(
      'Give exactly one of --as <model-id> (install into the model store) or --out <file.onnx>.',
    );
    await expect(run(FIXTURE, '--arch', 'hrnet-w2', '--out', path.join(dir, 'x.onnx'))).rejects.toThrow(
      '--input is required with --out',
    );
    await expect(run(FIXTURE, '--as', 'hrnet-w48-coco-384x288', '--input', '256x192')).rejects.toThrow(
      '--input 256x192 does not match hrnet-w48-coco-384x288, which takes 384x288.',
    );
    await expect(run(FIXTURE, '--as', 'no-such-model')).rejects.toThrow('Unknown model id no-such-model.');
    await expect(
      run(FIXTURE, '--arch', 'hrnet-w2', '--input', '60x32', '--out', path.join(dir, 'y.onnx')),
    ).rejects.toThrow('Invalid inputHeight 60. Should be a positive multiple of 32');
  });
});
