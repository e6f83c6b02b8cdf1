import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importModel, listModelEntries, resolveModelFile, verifyModels } from '../../../core/models/store';
import { readStoreIndex } from '../../../core/models/store-index';
import { SHARED_MODELS_DIR } from '../../helpers/assets';

const SIMPLEPOSE = path.join(SHARED_MODELS_DIR, 'simplepose_nano_256x192.onnx');
const YOLOX = path.join(SHARED_MODELS_DIR, 'yolox_nano_416.onnx');
let root: string;
let storeDir: string;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-store-'));
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
  delete process.env.POSETRAIL_MODELS_DIR;
  delete process.env.POSETRAIL_MODEL_PATH;
});
beforeEach(async () => {
  storeDir = await fs.mkdtemp(path.join(root, 'store-'));
  process.env.POSETRAIL_MODELS_DIR = storeDir;
  process.env.POSETRAIL_MODEL_PATH = [path.join(root, 'nowhere'), SHARED_MODELS_DIR].join(path.delimiter);
});

describe('resolveModelFile', () => {
  it('finds a model in the search folders, and the store copy first once there is one', async () => {
    expect(await resolveModelFile('simplepose-nano')).toBe(SIMPLEPOSE);
    await importModel(SIMPLEPOSE, 'simplepose-nano');
    expect(await resolveModelFile('simplepose-nano')).toBe(path.join(storeDir, 'simplepose_nano_256x192.onnx'));
  });

  it('explains how to install a missing model, without touching the network unasked', async () => {
    await expect(resolveModelFile('yolox-tiny')).rejects.toThrow(
      /^Model yolox-tiny is not installed \(looked for yolox_tiny\.onnx in .*\); run `posetrail models download yolox-tiny` \(needs internet; offline, copy yolox_tiny\.onnx from another machine and run `posetrail models import <file> --as yolox-tiny`\) or set POSETRAIL_MODEL_PATH/,
    );
    delete process.env.POSETRAIL_MODEL_PATH;
    await expect(resolveModelFile('rtmdet-nano')).rejects.toThrow(
      'it cannot be downloaded: run `posetrail models import <file> --as rtmdet-nano`',
    );
  });
});

describe('importModel', () => {
  it('copies a verified file into the store and records its checksum', async () => {
    const file = await importModel(SIMPLEPOSE, 'simplepose-nano');
    expect(file).toBe(path.join(storeDir, 'simplepose_nano_256x192.onnx'));
    expect((await fs.stat(file)).size).toBe(2400118);
    expect((await readStoreIndex(storeDir))['simplepose-nano']).toMatchObject({ origin: 'import', sizeBytes: 2400118 });
    expect((await fs.readdir(storeDir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a different file for a model with a published checksum, naming the file and the cause', async () => {
    await expect(importModel(YOLOX, 'simplepose-nano')).rejects.toThrow(
      `Cannot import ${YOLOX} as simplepose-nano: size is 3660092 bytes, expected 2400118.`,
    );
    expect(existsSync(path.join(storeDir, 'simplepose_nano_256x192.onnx'))).toBe(false);
  });

  it('refuses an ONNX file whose inputs and outputs do not fit the manifest', async () => {
    await expect(importModel(SIMPLEPOSE, 'hrnet-w48-coco-384x288')).rejects.toThrow(
      `Cannot import ${SIMPLEPOSE} as hrnet-w48-coco-384x288: the file does not match the hrnet-w48-coco-384x288 manifest: input "input" [?,3,384,288] is missing (the file has "data" [1,3,256,192])`,
    );
    expect(existsSync(path.join(storeDir, 'hrnet_w48_coco_384x288.onnx'))).toBe(false);
  });

  it('refuses a file that is not a model, and a file that does not exist', async () => {
    const junk = path.join(root, 'junk.onnx');
    await fs.writeFile(junk, 'definitely not protobuf');
    await expect(importModel(junk, 'hrnet-w32-coco-256x192')).rejects.toThrow(
      `Cannot import ${junk} as hrnet-w32-coco-256x192: it is not a loadable ONNX model`,
    );
    await expect(importModel(path.join(root, 'absent.onnx'), 'simplepose-nano')).rejects.toThrow(
      `Cannot import ${path.join(root, 'absent.onnx')}: no such file.`,
    );
    await expect(importModel(SIMPLEPOSE, 'simplepose')).rejects.toThrow('Unknown model "simplepose". Known models:');
  });
});

describe('verifyModels and listModelEntries', () => {
  it('reports installed, missing and corrupt models', async () => {
    const stored = await importModel(SIMPLEPOSE, 'simplepose-nano');
    const bytes = await fs.readFile(stored);
    bytes[bytes.length - 10] ^= 0xff;
    await fs.writeFile(stored, bytes);
    const statuses = await verifyModels(['simplepose-nano', 'rtmdet-nano', 'yolox-s']);
    expect(statuses.map((s) => [s.id, s.status])).toEqual([
      ['simplepose-nano', 'corrupt'],
      ['rtmdet-nano', 'ok'],
      ['yolox-s', 'not-installed'],
    ]);
    expect(statuses[0].detail).toMatch(
      /^SHA-256 is [0-9a-f]{64}, expected 50cee2c2.* \(against the manifest checksum\)$/,
    );
    expect(statuses[1]).toMatchObject({
      location: 'search-path',
      path: path.join(SHARED_MODELS_DIR, 'rtmdet_nano_320.onnx'),
      sizeBytes: 4038157,
    });
  });

  it('lists every known model with where it is installed', async () => {
    const entries = await listModelEntries();
    expect(entries).toHaveLength(17);
    expect(entries.find((e) => e.id === 'yolox-nano-416')).toMatchObject({
      installed: true,
      path: YOLOX,
      sizeBytes: 3660092,
      downloadable: false,
      task: 'person-detector',
    });
    expect(entries.find((e) => e.id === 'yolox-nano')).toMatchObject({
      installed: false,
      path: null,
      sizeBytes: 3659407,
      downloadable: true,
    });
    expect(entries.find((e) => e.id === 'hrnet-w48-coco-384x288')).toMatchObject({
      installed: false,
      sizeBytes: null,
      downloadable: true,
      task: 'pose-topdown-heatmap',
    });
  });
});
