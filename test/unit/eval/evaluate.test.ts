import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { evaluate } from '../../../core/eval/evaluate';
import { pairSequences } from '../../../core/eval/pairing';
import { EVAL_JOINT_NAMES } from '../../../core/eval/joints';
import { posetrack17, posetrack18, tempDir, writeJson, type Frame } from './fixtures';

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Two people, A (track 0) and B (track 1), far apart, in `n` labelled frames. */
const twoPeople = (n: number, score?: number): Frame[] =>
  Array.from({ length: n }, () => ({
    people: [
      { track: 0, x: 100, y: 100, score },
      { track: 1, x: 600, y: 100, score },
    ],
  }));

let counter = 0;
async function run(gt: Frame[], pred: Frame[], format: 'posetrack18' | 'posetrack17' = 'posetrack18') {
  const write = format === 'posetrack18' ? posetrack18 : posetrack17;
  const id = counter++;
  const gtFile = await writeJson(path.join(dir, `gt-${id}.json`), write(gt));
  const predFile = await writeJson(path.join(dir, `pred-${id}.json`), write(pred));
  return evaluate([{ groundTruth: gtFile, prediction: predFile }]);
}

const everyJoint = (value: number) => Object.fromEntries(EVAL_JOINT_NAMES.map((n) => [n, value]));

describe('evaluate', () => {
  for (const format of ['posetrack18', 'posetrack17'] as const) {
    it(`scores a ${format} ground truth against itself at AP 100 and MOTA 100`, async () => {
      const gt = twoPeople(3);
      const report = await run(gt, gt, format);
      expect(report.ap.perJoint).toEqual(everyJoint(100));
      expect(report.ap.total).toBe(100);
      expect(report.mota.total).toBe(100);
      expect(report.motp.total).toBe(100);
      expect(report.precision.total).toBe(100);
      expect(report.recall.total).toBe(100);
      // MOT leaves out the last labelled frame, as the official evaluation does.
      expect(report.motCounts).toMatchObject({ objects: 2 * 2 * 15, misses: 0, falsePositives: 0, switches: 0 });
    });
  }

  it('one missed joint: nose AP 75 over both frames, MOTA 50 over the first', async () => {
    const pred = twoPeople(2, 0.9);
    pred[0].people[0].without = [13]; // A's nose in frame 0
    const report = await run(twoPeople(2), pred);
    // Nose: 4 ground-truth noses, 3 predicted, all correct → precision 1 up to recall 3/4 → AP 75.
    expect(report.ap.perJoint.nose).toBeCloseTo(75, 10);
    expect(report.ap.perJoint.head_top).toBe(100);
    // Total = (14 × 100 + 75) / 15 = 98.333…; Head group = (100 + 100 + 75) / 3 = 91.666…
    expect(report.ap.total).toBeCloseTo(1475 / 15, 10);
    expect(report.ap.perGroup.Head).toBeCloseTo(275 / 3, 10);
    // MOT sees frame 0 only (the last frame is skipped): nose MOTA = 1 − 1 miss / 2 = 50 %.
    expect(report.mota.perJoint.nose).toBeCloseTo(50, 10);
    expect(report.mota.total).toBeCloseTo(1450 / 15, 10);
    expect(report.recall.perJoint.nose).toBeCloseTo(50, 10);
    expect(report.precision.total).toBe(100);
    expect(report.motCounts.misses).toBe(1);
  });

  it('one false positive scored above the true poses: AP 80, MOTA 50 on every joint', async () => {
    const pred = twoPeople(2, 0.9);
    pred[0].people.push({ track: 5, x: 100, y: 600, score: 0.95 });
    const report = await run(twoPeople(2), pred);
    // Per joint the ranking is FP, TP, TP, TP, TP: precision 0, ½, ⅔, ¾, ⅘ at recall 0, ¼, ½, ¾, 1.
    // Made monotone from the right, precision is ⅘ at every recall step → AP = 0.8 × 1 = 80.
    expect(report.ap.perJoint).toEqual(everyJoint(80));
    expect(report.ap.total).toBeCloseTo(80, 10);
    // MOT per joint (frame 0): 2 objects, 2 matched, 1 false positive → MOTA 1 − ½ = 50, precision ⅔.
    expect(report.mota.total).toBeCloseTo(50, 10);
    expect(report.precision.total).toBeCloseTo(200 / 3, 10);
    expect(report.recall.total).toBe(100);
    expect(report.motCounts.falsePositives).toBe(15);
  });

  it('one id switch: MOTA 83.33 on every joint, AP unaffected', async () => {
    const pred = twoPeople(4, 0.9);
    pred[2].people[0].track = 12; // A continues under a new id from frame 2 on
    pred[3].people[0].track = 12;
    const report = await run(twoPeople(4), pred);
    // Per joint: 6 objects in frames 0–2 (frame 3 is the last), 1 switch → MOTA = 1 − 1/6 = 83.33 %.
    expect(report.mota.perJoint).toEqual(
      Object.fromEntries(EVAL_JOINT_NAMES.map((n) => [n, expect.closeTo(500 / 6, 10)])),
    );
    expect(report.motCounts.switches).toBe(15);
    expect(report.ap.total).toBe(100);
    expect(report.precision.total).toBe(100);
  });

  it('a frame with no prediction books one placeholder miss and false positive per joint, as poseval', async () => {
    const pred = twoPeople(2, 0.9);
    pred[0].people = [];
    const report = await run(twoPeople(2), pred);
    // MOT (frame 0): object 0 against hypothesis 0 that may not match → 1 object, 1 miss, 1 FP.
    expect(report.motCounts).toMatchObject({ objects: 15, misses: 15, falsePositives: 15 });
    expect(report.mota.total).toBeCloseTo(-100, 10);
    // AP: frame 1's 2 joints found out of 4 → precision 1 up to recall ½ → 50.
    expect(report.ap.total).toBeCloseTo(50, 10);
  });

  it('counts a joint beyond half the head size as wrong', async () => {
    const pred = twoPeople(2, 0.9);
    // B (scored 0.8) shifted 5 px right: beyond the 0.5 × 8.485 = 4.24 px radius on every joint.
    for (const frame of pred) Object.assign(frame.people[1], { x: 605, score: 0.8 });
    const report = await run(twoPeople(2), pred);
    // Per joint: A's two joints right, then B's two wrong: precision 1 up to recall ½ → AP 50.
    // MOT (frame 0): B is a miss and a false positive → MOTA 1 − 2/2 = 0.
    expect(report.ap.total).toBeCloseTo(50, 10);
    expect(report.mota.total).toBeCloseTo(0, 10);
    // 3 px is within the radius: correct, and MOTP = 100 · (1 − mean distance / head size).
    const near = twoPeople(2, 0.9);
    near[0].people[1].x += 3;
    const report2 = await run(twoPeople(2), near);
    expect(report2.ap.total).toBe(100);
    const headSize = 0.6 * Math.hypot(10, 10);
    expect(report2.motp.total).toBeCloseTo(100 * (1 - 3 / headSize / 2), 10);
  });

  it('drops points inside ignore regions on both sides and skips unlabelled frames', async () => {
    const gt = twoPeople(3);
    // Frame 1: B (x 600..880, y 100..240) and the stray pose (up to 900, 250) lie in an ignore region.
    gt[1].ignore = [
      [
        [590, 90],
        [950, 90],
        [950, 300],
        [590, 300],
      ],
    ];
    // Frame 2 is not labelled: nothing there counts.
    gt[2] = { people: [], labeled: false };
    const pred = twoPeople(3, 0.9);
    pred[1].people = [pred[1].people[0], { track: 9, x: 620, y: 110, score: 0.99 }]; // B missed, a stray pose in the region
    pred[2].people.push({ track: 7, x: 300, y: 700, score: 0.99 });
    const report = await run(gt, pred);
    expect(report.ap.total).toBe(100);
    expect(report.mota.total).toBe(100);
    expect(report.sequences[0]).toMatchObject({ frames: 3, evaluatedFrames: 2 });
  });

  it('names the prediction file when frame counts differ, and duplicate track ids', async () => {
    await expect(run(twoPeople(3), twoPeople(2, 0.9))).rejects.toThrow(
      /pred-\d+\.json: 2 frames, but the ground truth .*gt-\d+\.json has 3/,
    );
    const dup = twoPeople(2, 0.9);
    dup[1].people[1].track = 0;
    await expect(run(twoPeople(2), dup)).rejects.toThrow(/pred-\d+\.json: frame 1 has track id 0 twice/);
  });
});

describe('pairSequences', () => {
  it('pairs folders by file name and names a missing prediction', async () => {
    const gtDir = path.join(dir, 'gt');
    const predDir = path.join(dir, 'pred');
    await mkdir(gtDir);
    await mkdir(predDir);
    await writeJson(path.join(gtDir, 'b.json'), posetrack18(twoPeople(2)));
    await writeJson(path.join(gtDir, 'a.json'), posetrack18(twoPeople(2)));
    await writeJson(path.join(predDir, 'a.json'), posetrack18(twoPeople(2, 0.5)));
    await expect(pairSequences(gtDir, predDir)).rejects.toThrow(
      `No prediction for ${path.join(gtDir, 'b.json')}: ${path.join(predDir, 'b.json')} does not exist.`,
    );
    await writeJson(path.join(predDir, 'b.json'), posetrack18(twoPeople(2, 0.5)));
    const pairs = await pairSequences(gtDir, predDir);
    expect(pairs.map((p) => path.basename(p.groundTruth))).toEqual(['a.json', 'b.json']);
    const report = await evaluate(pairs);
    expect(report.sequences.length).toBe(2);
    expect(report.mota.total).toBe(100);
    await expect(pairSequences(gtDir, path.join(predDir, 'a.json'))).rejects.toThrow(
      /is a folder but --pred .* is a file/,
    );
    await expect(pairSequences(path.join(dir, 'nope'), predDir)).rejects.toThrow(
      `--gt ${path.join(dir, 'nope')} does not exist.`,
    );
  });
});
