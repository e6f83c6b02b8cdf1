import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli as run } from '../../helpers/cli';
import { SHARED_MODELS_DIR, sharedAsset } from '../../helpers/assets';

const MODELS = ['--pose-model', 'simplepose-nano', '--detector', 'yolox-nano-416', '--device', 'cpu', '--threads', '2'];
let outDir: string;

beforeAll(async () => {
  outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-coco-out-'));
  process.env.POSETRAIL_MODEL_PATH = SHARED_MODELS_DIR;
});
afterAll(async () => {
  await fs.rm(outDir, { recursive: true, force: true });
});

describe('posetrail pose --coco-out, then eval --coco', () => {
  const images = () => path.dirname(sharedAsset('images/coco/test_coco.json'));
  const gt = () => sharedAsset('images/coco/test_coco.json');

  it('writes COCO results for the 4 COCO photos with ground-truth boxes, ids from the ground truth', async () => {
    const out = path.join(outDir, 'gt-boxes.json');
    const r = await run('pose', images(), '--coco-out', out, '--coco-gt', gt(), '--gt-boxes', ...MODELS);
    expect(r.code, r.stderr).toBe(0);
    const results = JSON.parse(await fs.readFile(out, 'utf8')) as {
      image_id: number;
      category_id: number;
      keypoints: number[];
      score: number;
    }[];
    // One pose per annotated person with keypoints: 12 in the 4 photos.
    expect(results).toHaveLength(12);
    expect(new Set(results.map((x) => x.image_id))).toEqual(new Set([785, 40083, 196141, 197388]));
    for (const x of results) {
      expect(x.category_id).toBe(1);
      expect(x.keypoints).toHaveLength(51);
      expect(x.score).toBeGreaterThan(0);
    }
    const evalRun = await run('eval', '--coco', '--gt', gt(), '--pred', out, '--json');
    expect(evalRun.code, evalRun.stderr).toBe(0);
    const report = JSON.parse(evalRun.stdout);
    // The tiny model still puts most joints of these well-lit, large people in place.
    expect(report.ap).toBeGreaterThan(0.4);
    expect(report.ap50).toBeGreaterThan(report.ap75);
  });

  it('with the detector: image ids from numeric file names without ground truth', async () => {
    const out = path.join(outDir, 'detected.json');
    const r = await run('pose', path.join(images(), '000000000785.jpg'), '--coco-out', out, ...MODELS);
    expect(r.code, r.stderr).toBe(0);
    const results = JSON.parse(await fs.readFile(out, 'utf8')) as { image_id: number }[];
    expect(results.length).toBeGreaterThanOrEqual(1);
    expect(results.every((x) => x.image_id === 785)).toBe(true);
  });

  it("keeps the detector's low-scoring boxes for COCO results unless --min-score is given", async () => {
    const results = async (name: string, ...extra: string[]) => {
      const out = path.join(outDir, name);
      const r = await run('pose', images(), '--coco-out', out, '--coco-gt', gt(), ...MODELS, ...extra);
      expect(r.code, r.stderr).toBe(0);
      const evalRun = await run('eval', '--coco', '--gt', gt(), '--pred', out, '--json');
      return {
        count: (JSON.parse(await fs.readFile(out, 'utf8')) as unknown[]).length,
        ap: JSON.parse(evalRun.stdout).ap,
      };
    };
    const tracking = await results('at-0.3.json', '--min-score', '0.3');
    const coco = await results('default.json');
    // 11 boxes of the 4 photos score ≥ 0.3 and 16 score ≥ 0.05; the extra ones rank last.
    expect(tracking.count).toBe(11);
    expect(coco.count).toBeGreaterThan(tracking.count);
    expect(coco.ap).toBeGreaterThanOrEqual(tracking.ap);
  });

  it('runs RTMDet at a 640 input (--det-size) and refuses it for the fixed-size YOLOX file', async () => {
    const out = path.join(outDir, 'rtmdet640.json');
    const rtm = [
      '--pose-model',
      'simplepose-nano',
      '--detector',
      'rtmdet-nano',
      '--det-size',
      '640',
      '--device',
      'cpu',
      '--threads',
      '2',
    ];
    const r = await run('pose', images(), '--coco-out', out, '--coco-gt', gt(), ...rtm);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse((await run('eval', '--coco', '--gt', gt(), '--pred', out, '--json')).stdout);
    expect(report.detections).toBeGreaterThanOrEqual(10);
    expect(report.ap).toBeGreaterThan(0.4);
    const fixed = await run('pose', images(), '--coco-out', out, ...MODELS, '--det-size', '640');
    expect(fixed.code).toBe(1);
    expect(fixed.stderr).toContain('Model yolox-nano-416 takes a fixed 416×416 input');
    const bad = await run('pose', images(), '--coco-out', out, ...MODELS, '--det-size', '600');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('Invalid detector input size 600.');
  });

  it('rejects --gt-boxes without ground truth, and --coco-out with --draw', async () => {
    const noGt = await run('pose', images(), '--coco-out', path.join(outDir, 'x.json'), '--gt-boxes', ...MODELS);
    expect(noGt.code).toBe(2);
    expect(noGt.stderr).toContain(
      '--gt-boxes takes the person boxes from the ground truth: give --coco-gt <annotations.json>.',
    );
    const withDraw = await run(
      'pose',
      images(),
      '--coco-out',
      path.join(outDir, 'x.json'),
      '--draw',
      path.join(outDir, 'd'),
      ...MODELS,
    );
    expect(withDraw.code).toBe(2);
    expect(withDraw.stderr).toContain('--coco-out works on images one by one');
  });
});
