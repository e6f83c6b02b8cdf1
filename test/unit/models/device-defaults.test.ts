/** Default models by device, with faked lists of the providers that open sessions. */
import { describe, expect, it } from 'vitest';
import { chooseModels } from '../../../core/models/device-defaults';
import { chooseCliModels } from '../../../hosts/cli/model-choice';
import { deviceDefaultModels } from '../../../core/service/device-default-models';
import type { ExecutionDevice } from '../../../core/types';
import { getManifest, listManifests } from '../../../core/models/registry';
import { DEFAULT_POSE_MODEL_ID } from '../../../core/settings/run-defaults';

describe('chooseModels', () => {
  it('takes HRNet-W48 384×288 and YOLOX-s when a GPU provider works, naming it', () => {
    const choice = chooseModels('auto', ['cpu', 'webgpu']);
    expect(choice).toMatchObject({
      detector: 'yolox-s',
      poseModel: 'hrnet-w48-coco-384x288',
      gpu: 'webgpu',
      detectorChosenBy: 'device',
      poseModelChosenBy: 'device',
    });
    expect(choice.reason).toBe(
      'Models yolox-s + hrnet-w48-coco-384x288: the GPU defaults, because webgpu opens a session on this machine.',
    );
  });

  it('prefers CUDA over WebGPU for auto, as session creation does', () => {
    expect(chooseModels('auto', ['cpu', 'webgpu', 'cuda']).gpu).toBe('cuda');
  });

  it('takes RTMPose-m 256×192 and YOLOX-nano on CPU-only machines and when the CPU is chosen', () => {
    const cpuOnly = chooseModels('auto', ['cpu']);
    expect(cpuOnly).toMatchObject({ detector: 'yolox-nano', poseModel: 'rtmpose-m-coco-256x192', gpu: null });
    expect(cpuOnly.reason).toBe(
      'Models yolox-nano + rtmpose-m-coco-256x192: the CPU defaults, because no GPU execution provider works on this machine.',
    );
    expect(chooseModels('cpu', ['cpu', 'cuda'])).toMatchObject({ detector: 'yolox-nano', gpu: null });
    expect(chooseModels('cpu', ['cpu', 'cuda']).reason).toMatch(/because the CPU was chosen\.$/);
  });

  it('uses the CPU defaults when the requested GPU provider does not work here', () => {
    const choice = chooseModels('cuda', ['cpu', 'webgpu']);
    expect(choice).toMatchObject({ poseModel: 'rtmpose-m-coco-256x192', gpu: null });
    expect(choice.reason).toMatch(/because the requested cuda provider does not work on this machine\.$/);
    expect(chooseModels('dml', ['cpu', 'dml']).gpu).toBe('dml');
  });

  it('lets an explicit choice win, per model', () => {
    const one = chooseModels('auto', ['cpu', 'cuda'], { poseModel: 'simplepose-nano' });
    expect(one).toMatchObject({
      detector: 'yolox-s',
      poseModel: 'simplepose-nano',
      detectorChosenBy: 'device',
      poseModelChosenBy: 'user',
    });
    expect(one.reason).toBe(
      'Models yolox-s + simplepose-nano: the GPU defaults (the pose model as chosen), because cuda opens a session on this machine.',
    );
    const both = chooseModels('auto', ['cpu', 'cuda'], { detector: 'rtmdet-nano', poseModel: 'simplepose-nano' });
    expect(both.reason).toBe('Models rtmdet-nano + simplepose-nano, as chosen.');
  });
});

describe('chooseCliModels', () => {
  it('probes only when a model is left to the device, and says what it chose', async () => {
    const lines: string[] = [];
    let probes = 0;
    const fake = async (): Promise<ExecutionDevice[]> => {
      probes += 1;
      return ['cpu', 'cuda'];
    };
    const gpu = await chooseCliModels(
      { device: 'auto' },
      (line) => lines.push(line),
      fake,
      async () => true,
    );
    expect(gpu).toMatchObject({ detector: 'yolox-s', poseModel: 'hrnet-w48-coco-384x288' });
    expect(lines).toEqual([
      'posetrail: Models yolox-s + hrnet-w48-coco-384x288: the GPU defaults, because cuda opens a session on this machine.',
    ]);
    await chooseCliModels({ device: 'auto', detector: 'a', poseModel: 'b' }, (line) => lines.push(line), fake);
    const cpu = await chooseCliModels(
      { device: 'cpu' },
      (line) => lines.push(line),
      fake,
      async () => true,
    );
    expect(cpu).toMatchObject({ detector: 'yolox-nano', poseModel: 'rtmpose-m-coco-256x192' });
    // Named models still probe once more: 'auto' is settled to a device for the run.
    expect(probes).toBe(2);
    expect(lines[1]).toBe(
      'posetrail: Models yolox-nano + rtmpose-m-coco-256x192: the CPU defaults, because the CPU was chosen.',
    );
    expect(lines).toHaveLength(2);
  });
});

describe('deviceDefaultModels (app.info for the Track dialog)', () => {
  it('suggests the GPU defaults when a GPU provider works and says why', () => {
    expect(deviceDefaultModels(['cpu', 'webgpu'])).toEqual({
      detector: 'yolox-s',
      poseModel: 'hrnet-w48-coco-384x288',
      reason:
        'Models yolox-s + hrnet-w48-coco-384x288: the GPU defaults, because webgpu opens a session on this machine.',
    });
    expect(deviceDefaultModels(['cpu'])).toMatchObject({ detector: 'yolox-nano', poseModel: 'rtmpose-m-coco-256x192' });
  });
});

describe('the CPU default pose model', () => {
  it('is the lightest converted model at least as accurate as HRNet-W32 256×192 (COCO AP 0.746)', () => {
    // Measured on 2 cores (npm run bench -- --only pose-models): RTMPose-m 256×192 runs 2.7–3.9×
    // HRNet-W32's boxes/s; the README's model table has the figures. Lighter RTMPose sizes are
    // faster still but less accurate than HRNet-W32.
    const hrnetW32 = getManifest('hrnet-w32-coco-256x192');
    const atLeastAsGood = listManifests().filter((m) => m.convert && (m.cocoAp ?? 0) >= hrnetW32.cocoAp!);
    const lightest = atLeastAsGood.reduce((a, b) =>
      (b.params?.gflops ?? Infinity) < (a.params?.gflops ?? Infinity) ? b : a,
    );
    expect(lightest.id).toBe('rtmpose-m-coco-256x192');
    expect(DEFAULT_POSE_MODEL_ID).toBe(lightest.id);
    expect(getManifest(DEFAULT_POSE_MODEL_ID)).toMatchObject({ cocoAp: 0.758, params: { gflops: 1.93 } });
  });
});
