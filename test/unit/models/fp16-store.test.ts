/** `models convert --as <id> --fp16` installs the fp16 variant beside the fp32 model, which stays. */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertIntoModelStore } from '../../../core/models/convert-into-store';
import { getManifest } from '../../../core/models/registry';
import { loadModel } from '../../../core/models/load-model';
import { writeHrnetCheckpoints } from '../../helpers/hrnet-checkpoints';

let dir: string;
let checkpoint: string;
const savedStore = process.env.POSETRAIL_MODELS_DIR;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-fp16-store-'));
  process.env.POSETRAIL_MODELS_DIR = path.join(dir, 'store');
  checkpoint = (await writeHrnetCheckpoints(dir)).zip;
});

afterAll(async () => {
  if (savedStore === undefined) delete process.env.POSETRAIL_MODELS_DIR;
  else process.env.POSETRAIL_MODELS_DIR = savedStore;
  await rm(dir, { recursive: true, force: true });
});

describe('fp16 variant in the model store', () => {
  it('sits beside the fp32 file without touching it or its record; the CPU keeps loading fp32', async () => {
    const manifest = getManifest('hrnet-w32-coco-256x192');
    const store = path.join(dir, 'store');
    const fp32 = await convertIntoModelStore(checkpoint, manifest, { arch: { width: 2 } });
    const recordBefore = readFileSync(path.join(store, 'index.json'), 'utf8');
    const fp16 = await convertIntoModelStore(checkpoint, manifest, { arch: { width: 2 }, float16: true });
    expect(fp32).toBe(path.join(store, 'hrnet_w32_coco_256x192.onnx'));
    expect(fp16).toBe(path.join(store, 'hrnet_w32_coco_256x192.fp16.onnx'));
    expect(existsSync(fp32) && existsSync(fp16)).toBe(true);
    expect(readFileSync(fp16).length).toBeLessThan(readFileSync(fp32).length);
    expect(readFileSync(path.join(store, 'index.json'), 'utf8')).toBe(recordBefore);
    const loaded = await loadModel('hrnet-w32-coco-256x192', { device: 'cpu', threads: 1 });
    try {
      expect(loaded.path).toBe(fp32);
    } finally {
      await loaded.session.dispose();
    }
  });
});
