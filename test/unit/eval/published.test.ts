import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { evaluate } from '../../../core/eval/evaluate';
import { EVAL_JOINT_NAMES } from '../../../core/eval/joints';
import { readTrackingResult } from '../../../core/export/read';
import { tempDir, writeJson } from './fixtures';

/**
 * Ground truth shaped like the published PoseTrack files (test/fixtures/published): 6 images with
 * 11-digit ids, frames 1–4 labelled, `scores: []`, ears never labelled, an ignore region in frame 2
 * (x 900–1250), a person without keypoints in frame 3 and B's left ankle unlabelled there.
 * People A (track 0) and B (track 1) are in every labelled frame.
 */
const FIXTURES = path.join(__dirname, '../../fixtures/published');
const GT18 = path.join(FIXTURES, 'posetrack18_gt_000342_mpii_test.json');
const GT17 = path.join(FIXTURES, 'posetrack17_gt_000342_mpii_test.json');

interface Annotation {
  image_id: number;
  track_id: number;
  keypoints: number[];
  scores: number[];
  num_keypoints: number;
  bbox_head: number[];
}
interface Doc18 {
  images: { id: number }[];
  annotations: Annotation[];
}

const load18 = (): Doc18 => JSON.parse(readFileSync(GT18, 'utf8'));
const WRISTS_18 = [9, 10];

/** A prediction made from the ground truth: every labelled joint scored 0.9, people without joints left out. */
function prediction18(edit?: (doc: Doc18) => void): Doc18 {
  const doc = load18();
  doc.annotations = doc.annotations.filter((a) => a.num_keypoints > 0);
  for (const a of doc.annotations)
    a.scores = Array.from({ length: 17 }, (_, k) => (a.keypoints[3 * k + 2] > 0 ? 0.9 : 0));
  edit?.(doc);
  return doc;
}

let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function score(groundTruth: string, prediction: object | string) {
  const file =
    typeof prediction === 'string' ? prediction : await writeJson(path.join(dir, `pred-${n++}.json`), prediction);
  return evaluate([{ groundTruth, prediction: file }]);
}

const everyJoint = (value: number) => Object.fromEntries(EVAL_JOINT_NAMES.map((name) => [name, value]));

describe('evaluation of published-shape PoseTrack ground truth', () => {
  it('scores a prediction identical to the ground truth at AP 100 and MOTA 100 (2018 and 2017 ground truth)', async () => {
    for (const gt of [GT18, GT17]) {
      const report = await score(gt, prediction18());
      expect(report.ap.perJoint).toEqual(everyJoint(100));
      expect(report.mota.perJoint).toEqual(everyJoint(100));
      expect(report.sequences[0]).toMatchObject({ frames: 6, evaluatedFrames: 4 });
      // MOT counts frames 1–3 (the official evaluation skips a sequence's last labelled frame):
      // 2 people × 3 frames × 15 joints, less B's unlabelled left ankle in frame 3.
      expect(report.motCounts).toMatchObject({
        objects: 89,
        detections: 89,
        misses: 0,
        falsePositives: 0,
        switches: 0,
      });
    }
  });

  it('reads the ground truth itself as a prediction (no scores at all): AP 100, MOTA 100', async () => {
    const report = await score(GT18, GT18);
    expect(report.ap.total).toBe(100);
    expect(report.mota.total).toBe(100);
  });

  it('a prediction without any wrist: wrist AP 0 and every other joint 100', async () => {
    const report = await score(
      GT18,
      prediction18((doc) => {
        for (const a of doc.annotations) for (const k of WRISTS_18) a.keypoints.splice(3 * k, 3, 0, 0, 0);
      }),
    );
    expect(report.ap.perJoint).toEqual({ ...everyJoint(100), left_wrist: 0, right_wrist: 0 });
    expect(report.ap.perGroup.Wri).toBe(0);
    expect(report.ap.total).toBeCloseTo((13 * 100) / 15, 10);
    // Every wrist is missed: MOTA 1 − 6/6 = 0.
    expect(report.mota.perJoint.left_wrist).toBe(0);
    expect(report.mota.perJoint.nose).toBe(100);
  });

  it('a person inside an ignore region counts for nothing; the same person outside one is a false positive', async () => {
    const stray = (imageIndex: number) => (doc: Doc18) => {
      const keypoints = load18()
        .annotations.find((a) => a.track_id === 0)!
        .keypoints.map((v, i) => (i % 3 === 0 && v > 0 ? v + 750 : v));
      doc.annotations.push({
        ...doc.annotations[0],
        image_id: doc.images[imageIndex].id,
        track_id: 9,
        keypoints,
        scores: new Array(17).fill(0.99),
      });
    };
    // Frame 2's ignore region spans x 900–1250: the stray person (x 1000–1100) lies inside it.
    const inside = await score(GT18, prediction18(stray(2)));
    expect(inside.ap.total).toBe(100);
    expect(inside.mota.total).toBe(100);
    expect(inside.motCounts.falsePositives).toBe(0);
    // In frame 1 (no region) the same stray person is a false positive ranked first on every joint.
    const outside = await score(GT18, prediction18(stray(1)));
    expect(outside.ap.total).toBeLessThan(100);
    expect(outside.motCounts.falsePositives).toBe(15);
  });

  it('one identity switch lowers MOTA by exactly one switch per joint', async () => {
    const report = await score(
      GT18,
      prediction18((doc) => {
        // A is predicted as track 7 from frame 3 on.
        for (const a of doc.annotations) if (a.track_id === 0 && a.image_id >= doc.images[3].id) a.track_id = 7;
      }),
    );
    expect(report.motCounts.switches).toBe(15);
    // Per joint 6 objects in frames 1–3 → MOTA 1 − 1/6; the left ankle has 5 (B's is unlabelled in frame 3).
    const expected = {
      ...Object.fromEntries(EVAL_JOINT_NAMES.map((name) => [name, expect.closeTo(100 * (1 - 1 / 6), 10)])),
      left_ankle: expect.closeTo(80, 10),
    };
    expect(report.mota.perJoint).toEqual(expected);
    expect(report.ap.total).toBe(100);
  });
});

describe('import of published-shape ground truth as a track layer', () => {
  for (const [format, file] of [
    ['2018', GT18],
    ['2017', GT17],
  ] as const) {
    it(`reads PoseTrack ${format} ground truth: labelled frames, tracks, unlabelled joints empty`, async () => {
      const result = await readTrackingResult(file);
      expect(result.schema).toBe('posetrack18');
      expect(result.video.frameCount).toBe(6);
      expect(result.frames.map((f) => f.frameIndex)).toEqual([1, 2, 3, 4]);
      expect(result.frames.map((f) => f.poses.map((p) => p.trackId))).toEqual([
        [0, 1],
        [0, 1],
        [0, 1, 2],
        [0, 1],
      ]);
      const a = result.frames[0].poses[0];
      expect(a.keypoints[0]).toEqual([305, 150, 1]); // nose
      expect(a.keypoints[3]).toEqual([0, 0, 0]); // ears are never labelled
      expect(result.frames[2].poses[1].keypoints[15]).toEqual([0, 0, 0]); // B's left ankle in frame 3
    });
  }
});
