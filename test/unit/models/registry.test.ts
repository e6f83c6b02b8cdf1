import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getManifest, listManifests, manifestFileNames, parseManifest } from '../../../core/models/registry';
import { REPO_ROOT, SHARED_ASSETS } from '../../helpers/assets';

const EXPECTED_IDS = [
  'yolox-nano',
  'yolox-tiny',
  'yolox-s',
  'yolox-nano-416',
  'rtmdet-nano',
  'simplepose-nano',
  'hrnet-w32-coco-256x192',
  'hrnet-w32-coco-384x288',
  'hrnet-w48-coco-256x192',
  'hrnet-w48-coco-384x288',
  'rtmpose-t-coco-256x192',
  'rtmpose-s-coco-256x192',
  'rtmpose-m-coco-256x192',
  'rtmpose-l-coco-256x192',
  'rtmpose-m-coco-384x288',
  'rtmpose-l-coco-384x288',
  'osnet-x0-25-msmt17',
];

describe('model registry', () => {
  it('loads and validates every manifest in models/', () => {
    const onDisk = readdirSync(path.join(REPO_ROOT, 'models'))
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect([...manifestFileNames()].sort()).toEqual(onDisk);
    expect(
      listManifests()
        .map((m) => m.id)
        .sort(),
    ).toEqual([...EXPECTED_IDS].sort());
  });

  it('describes the published OSNet-x0.25 re-ID file: fixed batch of 16 crops of 256×128, 512 values each', () => {
    const m = getManifest('osnet-x0-25-msmt17');
    expect(m.task).toBe('person-reid');
    expect(m.source).toMatchObject({
      url: 'https://huggingface.co/kornia/osnet/resolve/main/osnet_x0_25_msmt17.onnx',
      sizeBytes: 907169,
      sha256: 'e78604f4ccda49b8f41cd0f8f7303800ce75d2361895ebb0729513c1bf53d277',
    });
    expect(m.input).toMatchObject({
      name: 'input',
      width: 128,
      height: 256,
      colorOrder: 'RGB',
      resize: 'stretch',
      batch: 16,
    });
    expect(m.output).toMatchObject({ decoder: 'embedding', names: ['output'], embeddingSize: 512 });
  });

  it('describes the official YOLOX-Nano release exactly', () => {
    const m = getManifest('yolox-nano');
    expect(m.source).toMatchObject({
      url: 'https://github.com/Megvii-BaseDetection/YOLOX/releases/download/0.1.1rc0/yolox_nano.onnx',
      sizeBytes: 3659407,
      sha256: 'c789161ed43c8269fcd4e67c67eeeb4e80c622da2eb296a20bc6007bd18a0b7d',
    });
    expect(m.input).toMatchObject({
      width: 416,
      height: 416,
      colorOrder: 'BGR',
      resize: 'letterbox-topleft',
      padValue: 114,
    });
    expect(getManifest('yolox-s').input.width).toBe(640);
  });

  it('ties each HRNet checkpoint prefix to the 8 hex digits in its published file name', () => {
    const hrnets = listManifests().filter((m) => m.convert?.arch.startsWith('hrnet-'));
    expect(hrnets).toHaveLength(4);
    for (const m of hrnets) {
      const name = path.basename(m.source.url ?? '');
      expect(name).toMatch(/^hrnet_w(32|48)_coco_(256x192|384x288)-[0-9a-f]{8}_\d{8}\.pth$/);
      expect(name.split('-')[1].slice(0, 8)).toBe(m.source.sha256Prefix);
      expect(m.input.batch).toBe('dynamic');
      expect(m.output.heatmapSize).toEqual([m.input.width / 4, m.input.height / 4]);
    }
    expect(getManifest('hrnet-w48-coco-384x288').source.sha256Prefix).toBe('314c8528');
    expect(getManifest('hrnet-w48-coco-384x288').params).toEqual({ millions: 63.6, gflops: 32.9 });
    expect(getManifest('hrnet-w32-coco-256x192').params).toEqual({ millions: 28.5, gflops: 7.1 });
  });

  it('describes the published RTMPose AIC+COCO checkpoints, their SimCC outputs and MMPose pre-processing', () => {
    const rtmposes = listManifests().filter((m) => m.convert?.arch.startsWith('rtmpose-'));
    expect(rtmposes.map((m) => m.id)).toEqual(EXPECTED_IDS.filter((id) => id.startsWith('rtmpose-')));
    for (const m of rtmposes) {
      const name = path.basename(m.source.url ?? '');
      const size = m.id.slice(-7);
      expect(m.source.url).toBe(`https://download.openmmlab.com/mmpose/v1/projects/rtmposev1/${name}`);
      expect(name).toMatch(
        new RegExp(`^rtmpose-(tiny|s|m|l)_simcc-aic-coco_pt-aic-coco_420e-${size}-[0-9a-f]{8}_\\d{8}\\.pth$`),
      );
      expect(name.slice(-21, -13)).toBe(m.source.sha256Prefix);
      expect(m.convert?.arch).toBe(`rtmpose-${m.id.split('-')[1]}`);
      expect(`${m.input.height}x${m.input.width}`).toBe(size);
      // RTMPose's configs: PoseDataPreprocessor on RGB, 0–255 mean/std; SimCCLabel with split ratio 2.
      expect(m.input).toMatchObject({
        colorOrder: 'RGB',
        scale: 1,
        mean: [123.675, 116.28, 103.53],
        std: [58.395, 57.12, 57.375],
        resize: 'affine',
        padValue: 0,
        batch: 'dynamic',
      });
      expect(m.output).toEqual({ decoder: 'simcc', names: ['simcc_x', 'simcc_y'], splitRatio: 2 });
      expect(m.keypointSchema).toBe('coco17');
    }
    // Published COCO val AP (as the description's 0.xxx), params (M) and GFLOPs, from MMPose's RTMPose README.
    const published = rtmposes.map((m) => [
      m.id,
      Number(/AP (0\.\d{3})/.exec(m.description)?.[1]),
      m.params?.millions,
      m.params?.gflops,
    ]);
    expect(published).toEqual([
      ['rtmpose-t-coco-256x192', 0.685, 3.34, 0.36],
      ['rtmpose-s-coco-256x192', 0.722, 5.47, 0.68],
      ['rtmpose-m-coco-256x192', 0.758, 13.59, 1.93],
      ['rtmpose-l-coco-256x192', 0.765, 27.66, 4.16],
      ['rtmpose-m-coco-384x288', 0.77, 13.72, 4.33],
      ['rtmpose-l-coco-384x288', 0.773, 27.79, 9.35],
    ]);
    expect(getManifest('rtmpose-m-coco-256x192').source.sha256Prefix).toBe('63eb25f7');
  });

  it('refuses a SimCC pose manifest without a split ratio or with one output', () => {
    const raw = JSON.parse(readFileSync(path.join(REPO_ROOT, 'models/rtmpose-m-coco-256x192.json'), 'utf8'));
    const file = 'rtmpose-m-coco-256x192.json';
    expect(() => parseManifest({ ...raw, output: { decoder: 'simcc', names: ['simcc_x', 'simcc_y'] } }, file)).toThrow(
      'a SimCC pose model needs output.splitRatio',
    );
    expect(() =>
      parseManifest({ ...raw, output: { decoder: 'simcc', names: ['simcc'], splitRatio: 2 } }, file),
    ).toThrow('two output.names (x, y)');
    expect(() => parseManifest({ ...raw, output: { decoder: 'yolox', names: ['output'] } }, file)).toThrow(
      'a top-down pose model needs output.decoder "heatmap" or "simcc"',
    );
  });

  it('pins the shared models to the checksums of the shared files', () => {
    const sums = readFileSync(path.join(SHARED_ASSETS, 'SHA256SUMS'), 'utf8');
    for (const id of ['yolox-nano-416', 'rtmdet-nano', 'simplepose-nano']) {
      const m = getManifest(id);
      expect(m.source.localImportOnly).toBe(true);
      // The list names files as `models/x` or `./models/x`, depending on the tool that wrote it.
      expect(sums).toMatch(new RegExp(`^${m.source.sha256}  (\\./)?models/${m.file.replace(/\./g, '\\.')}$`, 'm'));
    }
    expect(getManifest('simplepose-nano')).toMatchObject({
      keypointSchema: 'coco17',
      output: { heatmapSize: [48, 64] },
      input: { batch: 1 },
    });
  });

  it('lists the known ids when an id is unknown', () => {
    expect(() => getManifest('hrnet-w64')).toThrow(
      `Unknown model "hrnet-w64". Known models: ${EXPECTED_IDS.join(', ')}.`,
    );
  });

  it('names the file and the field of an invalid manifest', () => {
    const raw = JSON.parse(readFileSync(path.join(REPO_ROOT, 'models/yolox-nano.json'), 'utf8'));
    expect(() => parseManifest({ ...raw, task: 'segmenter' }, 'yolox-nano.json')).toThrow(
      /^Invalid model manifest models\/yolox-nano\.json: task: /,
    );
    expect(() => parseManifest(raw, 'other.json')).toThrow('id "yolox-nano" does not match the file name');
    expect(() => parseManifest({ ...raw, source: { format: 'onnx' } }, 'yolox-nano.json')).toThrow(
      'must set source.localImportOnly',
    );
  });
});
