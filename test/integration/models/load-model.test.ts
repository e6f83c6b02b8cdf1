import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadModel } from '../../../core/models/load-model';
import { writeOnnxModel } from '../../../core/convert/onnx-writer';
import { SHARED_MODELS_DIR } from '../../helpers/assets';

/**
 * A tiny stand-in for simplepose-nano with the same names but half the input size: a 1×1 conv with
 * stride 4 from 3 to 17 channels, so the heatmaps come out 32×24 instead of 64×48.
 */
function halfSizePoseModel(): Uint8Array {
  return writeOnnxModel({
    inputs: [{ name: 'data', type: 'float32', shape: [1, 3, 128, 96] }],
    outputs: [{ name: 'hybridsequential0_conv7_fwd', type: 'float32', shape: [1, 17, 32, 24] }],
    nodes: [
      {
        opType: 'Conv',
        inputs: ['data', 'w'],
        outputs: ['hybridsequential0_conv7_fwd'],
        attributes: { strides: { ints: [4, 4] }, kernel_shape: { ints: [1, 1] } },
      },
    ],
    initializers: [{ name: 'w', type: 'float32', dims: [17, 3, 1, 1], data: new Float32Array(17 * 3).fill(0.1) }],
  });
}

let root: string;
beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-load-'));
  process.env.POSETRAIL_MODELS_DIR = path.join(root, 'empty-store');
  process.env.POSETRAIL_MODEL_PATH = SHARED_MODELS_DIR;
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
  delete process.env.POSETRAIL_MODELS_DIR;
  delete process.env.POSETRAIL_MODEL_PATH;
});

describe('loadModel', () => {
  it('opens a shared model by id, checked against its manifest, and runs it', async () => {
    const { manifest, session, path: file } = await loadModel('simplepose-nano', { device: 'cpu', threads: 1 });
    try {
      expect(file).toBe(path.join(SHARED_MODELS_DIR, 'simplepose_nano_256x192.onnx'));
      expect(manifest.output.heatmapSize).toEqual([48, 64]);
      expect(session.provider).toBe('cpu');
      const out = await session.run({
        data: { type: 'float32', data: new Float32Array(3 * 256 * 192), dims: [1, 3, 256, 192] },
      });
      expect(out[manifest.output.names[0]].dims).toEqual([1, 17, 64, 48]);
    } finally {
      await session.dispose();
    }
  });

  it('opens a file path whose name a manifest describes', async () => {
    const { manifest, session } = await loadModel(path.join(SHARED_MODELS_DIR, 'rtmdet_nano_320.onnx'), {
      device: 'cpu',
      threads: 1,
    });
    await session.dispose();
    expect(manifest.id).toBe('rtmdet-nano');
  });

  it('fails before any run when the file does not fit the manifest, naming model, expected and actual shapes', async () => {
    const dir = path.join(root, 'wrong');
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, 'simplepose_nano_256x192.onnx');
    await fs.writeFile(file, halfSizePoseModel());
    await expect(loadModel(file, { device: 'cpu', threads: 1 })).rejects.toThrow(
      `Model simplepose-nano (${file}) does not match its manifest: input "data" has shape [1,3,128,96], expected [1,3,256,192]; output "hybridsequential0_conv7_fwd" has shape [1,17,32,24], expected [1,17,64,48].`,
    );
  });

  it('catches a file of the wrong task by its names', async () => {
    const dir = path.join(root, 'renamed');
    await fs.mkdir(dir, { recursive: true });
    await fs.copyFile(
      path.join(SHARED_MODELS_DIR, 'yolox_nano_416.onnx'),
      path.join(dir, 'hrnet_w32_coco_256x192.onnx'),
    );
    process.env.POSETRAIL_MODEL_PATH = dir;
    try {
      await expect(loadModel('hrnet-w32-coco-256x192', { device: 'cpu', threads: 1 })).rejects.toThrow(
        /^Model hrnet-w32-coco-256x192 \(.*hrnet_w32_coco_256x192\.onnx\) does not match its manifest: input "input" \[\?,3,256,192\] is missing \(the file has "images" \[1,3,416,416\]\);/,
      );
    } finally {
      process.env.POSETRAIL_MODEL_PATH = SHARED_MODELS_DIR;
    }
  });

  it('rejects an unknown id or an undescribed file with the known ids', async () => {
    await expect(loadModel('hrnet-w64')).rejects.toThrow('Unknown model "hrnet-w64". Known models: yolox-nano,');
    const stray = path.join(root, 'stray.onnx');
    await fs.writeFile(stray, halfSizePoseModel());
    await expect(loadModel(stray)).rejects.toThrow(
      `No model manifest describes ${stray}: give a model id (yolox-nano,`,
    );
  });
});
