import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getManifest, listManifests, manifestFileNames, parseManifest } from '../../../core/models/registry';
import { REPO_ROOT, SHARED_ASSETS } from '../../helpers/assets';

const EXPECTED_IDS = [
  'yolox-nano', 'yolox-tiny', 'yolox-s', 'yolox-nano-416', 'rtmdet-nano', 'simplepose-nano',
  'hrnet-w32-coco-256x192', 'hrnet-w32-coco-384x288', 'hrnet-w48-coco-256x192', 'hrnet-w48-coco-384x288',
  'osnet-x0-25-msmt17',
];

describe('model registry', () => {
  it('loads and validates every manifest in models/', () => {
    const onDisk = readdirSync(path.join(REPO_ROOT, 'models')).filter((f) => f.endsWith('.json')).sort();
    expect([...manifestFileNames()].sort()).toEqual(onDisk);
    expect(listManifests().map((m) => m.id).sort()).toEqual([...EXPECTED_IDS].sort());
  });

  it('describes the published OSNet-x0.25 re-ID file: fixed batch of 16 crops of 256×128, 512 values each', () => {
    const m = getManifest('osnet-x0-25-msmt17');
    expect(m.task).toBe('person-reid');
    expect(m.source).toMatchObject({
      url: 'https://huggingface.co/kornia/osnet/resolve/main/osnet_x0_25_msmt17.onnx',
      sizeBytes: 907169,
      sha256: 'e78604f4ccda49b8f41cd0f8f7303800ce75d2361895ebb0729513c1bf53d277',
    });
    expect(m.input).toMatchObject({ name: 'input', width: 128, height: 256, colorOrder: 'RGB', resize: 'stretch', batch: 16 });
    expect(m.output).toMatchObject({ decoder: 'embedding', names: ['output'], embeddingSize: 512 });
  });

  it('describes the official YOLOX-Nano release exactly', () => {
    const m = getManifest('yolox-nano');
    expect(m.source).toMatchObject({
      url: 'https://github.com/Megvii-BaseDetection/YOLOX/releases/download/0.1.1rc0/yolox_nano.onnx',
      sizeBytes: 3659407,
      sha256: 'c789161ed43c8269fcd4e67c67eeeb4e80c622da2eb296a20bc6007bd18a0b7d',
    });
    expect(m.input).toMatchObject({ width: 416, height: 416, colorOrder: 'BGR', resize: 'letterbox-topleft', padValue: 114 });
    expect(getManifest('yolox-s').input.width).toBe(640);
  });

  it('ties each HRNet checkpoint prefix to the 8 hex digits in its published file name', () => {
    const hrnets = listManifests().filter((m) => m.source.format === 'pytorch-checkpoint');
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

  it('pins the shared models to the checksums of the shared files', () => {
    const sums = readFileSync(path.join(SHARED_ASSETS, 'SHA256SUMS'), 'utf8');
    for (const id of ['yolox-nano-416', 'rtmdet-nano', 'simplepose-nano']) {
      const m = getManifest(id);
      expect(m.source.localImportOnly).toBe(true);
      // The list names files as `models/x` or `./models/x`, depending on the tool that wrote it.
      expect(sums).toMatch(new RegExp(`^${m.source.sha256}  (\\./)?models/${m.file.replace(/\./g, '\\.')}$`, 'm'));
    }
    expect(getManifest('simplepose-nano')).toMatchObject({ keypointSchema: 'coco17', output: { heatmapSize: [48, 64] }, input: { batch: 1 } });
  });

  it('lists the known ids when an id is unknown', () => {
    expect(() => getManifest('hrnet-w64')).toThrow(`Unknown model "hrnet-w64". Known models: ${EXPECTED_IDS.join(', ')}.`);
  });

  it('names the file and the field of an invalid manifest', () => {
    const raw = JSON.parse(readFileSync(path.join(REPO_ROOT, 'models/yolox-nano.json'), 'utf8'));
    expect(() => parseManifest({ ...raw, task: 'segmenter' }, 'yolox-nano.json')).toThrow(/^Invalid model manifest models\/yolox-nano\.json: task: /);
    expect(() => parseManifest(raw, 'other.json')).toThrow('id "yolox-nano" does not match the file name');
    expect(() => parseManifest({ ...raw, source: { format: 'onnx' } }, 'yolox-nano.json')).toThrow('must set source.localImportOnly');
  });
});
