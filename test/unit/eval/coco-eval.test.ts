import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { evaluateCoco, evaluateCocoFiles } from '../../../core/eval/coco/evaluate-coco';
import type { CocoGroundTruth, CocoResult } from '../../../core/eval/coco/coco-files';
import { COCO17 } from '../../../core/keypoints/schema';
import { sharedAsset } from '../../helpers/assets';
import { tempDir, writeJson } from './fixtures';

/** A standing person's 17 COCO keypoints around (x, y), all labelled visible (v = 2). */
function person(x: number, y: number): number[] {
  const offsets = [
    [0, 0],
    [-4, -4],
    [4, -4],
    [-8, 0],
    [8, 0],
    [-20, 25],
    [20, 25],
    [-28, 55],
    [28, 55],
    [-30, 85],
    [30, 85],
    [-12, 95],
    [12, 95],
    [-13, 140],
    [13, 140],
    [-14, 185],
    [14, 185],
  ];
  return offsets.flatMap(([dx, dy]) => [x + dx, y + dy, 2]);
}

let nextId = 1;
/** A ground-truth annotation shaped as in COCO's person_keypoints files. */
function annotation(
  imageId: number,
  keypoints: number[],
  extra: { area?: number; iscrowd?: 0 | 1; bbox?: number[] } = {},
) {
  const labelled = keypoints.filter((_, i) => i % 3 === 2 && keypoints[i] > 0).length;
  return {
    segmentation: [[0, 0, 1, 0, 1, 1]],
    num_keypoints: labelled,
    area: extra.area ?? 10_000,
    iscrowd: extra.iscrowd ?? 0,
    keypoints,
    image_id: imageId,
    bbox: extra.bbox ?? [0, 0, 100, 200],
    category_id: 1,
    id: nextId++,
  };
}

function groundTruth(annotations: ReturnType<typeof annotation>[], imageIds = [1]): CocoGroundTruth {
  return {
    images: imageIds.map((id) => ({
      license: 1,
      file_name: `${String(id).padStart(12, '0')}.jpg`,
      height: 480,
      width: 640,
      id,
    })),
    annotations,
    categories: [
      { supercategory: 'person', id: 1, name: 'person', keypoints: [...COCO17.names], skeleton: [[16, 14]] },
    ],
  } as unknown as CocoGroundTruth;
}

const result = (imageId: number, keypoints: number[], score: number): CocoResult => ({
  image_id: imageId,
  category_id: 1,
  keypoints: keypoints.map((v, i) => (i % 3 === 2 ? 1 : v)),
  score,
});

/** 1 as pycocotools computes it for one true positive: tp / (tp + fp + np.spacing(1)). */
const ONE = expect.closeTo(1, 12);

/** Moves keypoint k by √(2·area·(2σ_k)²·ln(1/oks)) along x, so that every term and their mean equal `oks`. */
function withOks(keypoints: number[], area: number, oks: number): number[] {
  return keypoints.map((v, i) =>
    i % 3 === 0 ? v + Math.sqrt(2 * area * (2 * COCO17.sigmas[i / 3]) ** 2 * Math.log(1 / oks)) : v,
  );
}

describe('COCO keypoint evaluation (pycocotools semantics)', () => {
  it('an exact result scores AP 1 and AR 1; the empty medium range is −1', () => {
    const gt = groundTruth([annotation(1, person(100, 50))]);
    const r = evaluateCoco(gt, [result(1, person(100, 50), 0.9)]);
    expect(r).toMatchObject({
      ap: ONE,
      ap50: ONE,
      ap75: ONE,
      apLarge: ONE,
      apMedium: -1,
      ar: 1,
      arMedium: -1,
      groundTruthPeople: 1,
    });
  });

  it('finding 1 of 2 people: precision 1 up to recall ½ → AP = 51/101 (recall points 0, 0.01, …, 0.50)', () => {
    const gt = groundTruth([annotation(1, person(100, 50)), annotation(1, person(300, 50))]);
    const r = evaluateCoco(gt, [result(1, person(100, 50), 0.9)]);
    expect(r.ap).toBeCloseTo(51 / 101, 12);
    expect(r.ar).toBeCloseTo(0.5, 12);
  });

  it('a result at OKS 0.72 matches at thresholds 0.50–0.70 only: AP 0.5, AP50 1, AP75 0', () => {
    const gt = groundTruth([annotation(1, person(100, 50))]);
    const r = evaluateCoco(gt, [result(1, withOks(person(100, 50), 10_000, 0.72), 0.9)]);
    expect(r.ap).toBeCloseTo(0.5, 12);
    expect(r.ap50).toBeCloseTo(1, 12);
    expect(r.ap75).toBe(0);
    expect(r.ar).toBeCloseTo(0.5, 12);
  });

  it('a crowd region or a person without keypoints absorbs a result without counting as missed', () => {
    const exact = result(1, person(100, 50), 0.9);
    // A higher-scored result lying in the box of a person annotated without keypoints.
    const onUnlabelled = result(1, person(420, 60), 0.95);
    const unlabelled = annotation(1, new Array(51).fill(0), { bbox: [380, 40, 80, 200] });
    const ignored = evaluateCoco(groundTruth([annotation(1, person(100, 50)), unlabelled]), [onUnlabelled, exact]);
    expect(ignored).toMatchObject({ ap: ONE, ar: 1, groundTruthPeople: 1 });
    const crowd = annotation(1, person(420, 60), { iscrowd: 1 });
    expect(evaluateCoco(groundTruth([annotation(1, person(100, 50)), crowd]), [onUnlabelled, exact]).ap).toBeCloseTo(
      1,
      12,
    );
    // Without that annotation the same result is a false positive ranked first: precision ½ at recall 1.
    expect(evaluateCoco(groundTruth([annotation(1, person(100, 50))]), [onUnlabelled, exact]).ap).toBeCloseTo(0.5, 12);
  });

  it('keeps only the 20 best-scored results per image', () => {
    const gt = groundTruth([annotation(1, person(100, 50))]);
    const far = (i: number) => result(1, person(2000 + 100 * i, 50), 0.9 - i * 0.01);
    const exact = result(1, person(100, 50), 0.1);
    // 19 false positives above the true result: precision 1/20 at recall 1.
    expect(evaluateCoco(gt, [...Array.from({ length: 19 }, (_, i) => far(i)), exact]).ap).toBeCloseTo(0.05, 12);
    // 20 above it: the true result is cut, nothing is found.
    expect(evaluateCoco(gt, [...Array.from({ length: 20 }, (_, i) => far(i)), exact]).ap).toBe(0);
  });

  it('sorts people into the medium (32²–96²) and large (> 96²) ranges by annotated area', () => {
    const gt = groundTruth([annotation(1, person(100, 50), { area: 2500 })]);
    const r = evaluateCoco(gt, [result(1, person(100, 50), 0.9)]);
    expect(r).toMatchObject({ apMedium: ONE, apLarge: -1, arMedium: 1 });
  });

  describe('files', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await tempDir();
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('scores the shared COCO and OCHuman ground truth against itself at AP 1', async () => {
      for (const gtFile of [
        sharedAsset('images/coco/test_coco.json'),
        sharedAsset('images/ochuman/test_ochuman.json'),
      ]) {
        const gt = JSON.parse(readFileSync(gtFile, 'utf8')) as CocoGroundTruth;
        const results = gt.annotations
          .filter((a) => a.num_keypoints > 0 && !a.iscrowd)
          .map((a) => result(a.image_id, a.keypoints, 1));
        const file = await writeJson(path.join(dir, `self-${path.basename(gtFile)}`), results);
        const report = await evaluateCocoFiles(gtFile, file);
        expect(report.ap).toBe(1);
        expect(report.ar).toBe(1);
        expect(report.groundTruthPeople).toBe(results.length);
      }
    });

    it('names the file and field of a malformed results file, and unknown image ids', async () => {
      const gtFile = sharedAsset('images/coco/test_coco.json');
      const badScore = await writeJson(path.join(dir, 'bad-score.json'), [
        { image_id: 785, category_id: 1, keypoints: new Array(51).fill(1), score: 'high' },
      ]);
      await expect(evaluateCocoFiles(gtFile, badScore)).rejects.toThrow(
        `${badScore}: not a valid COCO keypoint results file: [0].score:`,
      );
      const unknown = await writeJson(path.join(dir, 'unknown.json'), [
        { image_id: 7, category_id: 1, keypoints: new Array(51).fill(1), score: 1 },
      ]);
      await expect(evaluateCocoFiles(gtFile, unknown)).rejects.toThrow(
        `${unknown}: [0].image_id 7 is not an image of the ground truth.`,
      );
      const notList = await writeJson(path.join(dir, 'not-list.json'), { annotations: [] });
      await expect(evaluateCocoFiles(gtFile, notList)).rejects.toThrow(`${notList}: not COCO keypoint results`);
    });
  });
});
