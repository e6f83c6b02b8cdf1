import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { providerPreference } from '../../../core/devices';
import { availableDevices, createSession, type ModelSession } from '../../../core/models/onnx';
import { SHARED_MODELS_DIR } from '../../helpers/assets';

const POSE_MODEL = path.join(SHARED_MODELS_DIR, 'simplepose_nano_256x192.onnx');
const RTMDET_MODEL = path.join(SHARED_MODELS_DIR, 'rtmdet_nano_320.onnx');

describe('providerPreference', () => {
  it('puts CUDA and WebGPU before the platform API and CPU last for auto', () => {
    expect(providerPreference('auto', 'linux')).toEqual(['cuda', 'webgpu', 'cpu']);
    expect(providerPreference('auto', 'win32')).toEqual(['cuda', 'webgpu', 'dml', 'cpu']);
    expect(providerPreference('auto', 'darwin')).toEqual(['cuda', 'webgpu', 'coreml', 'cpu']);
  });
  it('keeps CPU as the fallback of an explicit GPU device', () => {
    expect(providerPreference('webgpu', 'linux')).toEqual(['webgpu', 'cpu']);
    expect(providerPreference('cpu', 'linux')).toEqual(['cpu']);
  });
});

describe('availableDevices', () => {
  it('always lists cpu first and only known devices', () => {
    const devices = availableDevices();
    expect(devices[0]).toBe('cpu');
    for (const d of devices) expect(['cpu', 'cuda', 'webgpu', 'dml', 'coreml']).toContain(d);
  });
});

describe('createSession', () => {
  let session: ModelSession;
  let tmp: string;
  beforeAll(async () => {
    session = await createSession(POSE_MODEL, { device: 'cpu', threads: 1 });
    tmp = await mkdtemp(path.join(os.tmpdir(), 'posetrail-onnx-'));
  });
  afterAll(async () => {
    await session.dispose();
    await rm(tmp, { recursive: true, force: true });
  });

  it('reads names and shapes from the file and reports the provider it got', () => {
    expect(session.provider).toBe('cpu');
    expect(session.warnings).toEqual([]);
    expect(session.inputNames).toEqual(['data']);
    expect(session.inputShapes.data).toEqual([1, 3, 256, 192]);
    expect(session.outputNames).toEqual(['hybridsequential0_conv7_fwd']);
    expect(session.outputShapes.hybridsequential0_conv7_fwd).toEqual([1, 17, 64, 48]);
  });

  it('runs plain typed arrays and returns plain typed arrays', async () => {
    const data = new Float32Array(3 * 256 * 192).fill(0.5);
    const out = await session.run({ data: { type: 'float32', data, dims: [1, 3, 256, 192] } });
    const heatmaps = out.hybridsequential0_conv7_fwd;
    expect(heatmaps.type).toBe('float32');
    expect(heatmaps.dims).toEqual([1, 17, 64, 48]);
    expect(heatmaps.data).toBeInstanceOf(Float32Array);
    expect(heatmaps.data.length).toBe(17 * 64 * 48);
  });

  it('rejects a feed with the wrong shape or name, listing what the model expects', async () => {
    const wrong = { type: 'float32' as const, data: new Float32Array(3 * 192 * 256), dims: [1, 3, 192, 256] };
    await expect(session.run({ data: wrong })).rejects.toThrow(
      'has shape [1,3,192,256]; the model expects [1,3,256,192]',
    );
    await expect(session.run({ image: wrong })).rejects.toThrow(
      'Missing input "data" for simplepose_nano_256x192.onnx; expected inputs: data',
    );
    const short = { type: 'float32' as const, data: new Float32Array(10), dims: [1, 3, 256, 192] };
    await expect(session.run({ data: short })).rejects.toThrow('has 10 values but dims [1,3,256,192] need 147456');
  });

  it('keeps symbolic dims as names and reads int64 outputs', async () => {
    const rtmdet = await createSession(RTMDET_MODEL, { device: 'cpu', threads: 1 });
    try {
      expect(rtmdet.inputShapes.input).toEqual(['batch', 3, 'height', 'width']);
      expect(rtmdet.outputNames).toEqual(['dets', 'labels']);
      const out = await rtmdet.run({
        input: { type: 'float32', data: new Float32Array(3 * 320 * 320), dims: [1, 3, 320, 320] },
      });
      expect(out.labels.type).toBe('int64');
      expect(out.labels.data).toBeInstanceOf(BigInt64Array);
      expect(out.dets.dims[2]).toBe(5);
      expect(out.dets.dims[1]).toBe(out.labels.dims[1]);
    } finally {
      await rtmdet.dispose();
    }
  });

  it('falls back to CPU with a warning when the requested provider is not available', async () => {
    const missing = process.platform === 'win32' ? 'coreml' : 'dml';
    const warnings: string[] = [];
    const fallback = await createSession(POSE_MODEL, {
      device: missing,
      threads: 1,
      onWarning: (m) => warnings.push(m),
    });
    try {
      expect(fallback.provider).toBe('cpu');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(`The requested ${missing} execution provider could not be used`);
      expect(warnings[0]).toContain('running on CPU');
      expect(fallback.warnings).toEqual(warnings);
    } finally {
      await fallback.dispose();
    }
  });

  it('names the file when it is missing, empty or not a model', async () => {
    const missing = path.join(tmp, 'nope.onnx');
    await expect(createSession(missing)).rejects.toThrow(`Model file ${missing} does not exist.`);
    const empty = path.join(tmp, 'empty.onnx');
    await writeFile(empty, '');
    await expect(createSession(empty)).rejects.toThrow(`Model file ${empty} is empty.`);
    const garbage = path.join(tmp, 'garbage.onnx');
    await writeFile(garbage, 'this is not a protobuf model at all');
    await expect(createSession(garbage, { device: 'cpu' })).rejects.toThrow(`Cannot load model file ${garbage}:`);
  });

  it('rejects a bad thread count', async () => {
    await expect(createSession(POSE_MODEL, { threads: 0 })).rejects.toThrow(
      'Invalid threads 0. Should be a positive integer.',
    );
  });
});
