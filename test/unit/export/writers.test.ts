import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { formatFromPath, serializeTrackingResult, writeTrackingResult } from '../../../core/export/write';
import { PoseTrack18OutputSchema } from '../../../core/export/schemas/posetrack18';
import { PoseTrack17OutputSchema } from '../../../core/export/schemas/posetrack17';
import { cocoToPoseTrack } from '../../../core/export/coco-to-posetrack';
import { POSETRACK18 } from '../../../core/keypoints/schema';
import { makeResult } from './fixtures';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-export-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('PoseTrack 2018 writer', () => {
  it('matches the output schema: one image per video frame, labelled where processed', async () => {
    const file = path.join(dir, 'clip.json');
    await writeTrackingResult(file, makeResult(), { format: 'posetrack18' });
    const json = JSON.parse(await readFile(file, 'utf8'));
    const parsed = PoseTrack18OutputSchema.safeParse(json);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(json.images.map((i: { is_labeled: boolean }) => i.is_labeled)).toEqual([false, true, true, false, true]);
    expect(json.images[3]).toEqual({
      id: 3,
      file_name: 'images/clip/000003.jpg',
      vid_id: 'clip',
      frame_id: 3,
      nframes: 5,
      is_labeled: false,
    });
    expect(json.annotations.length).toBe(6);
    expect(new Set(json.annotations.map((a: { id: number }) => a.id)).size).toBe(6);
    // No temp file left behind by the atomic write.
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes PoseTrack keypoints with derived head points, marks them, and keeps the raw COCO output', () => {
    const result = makeResult();
    const json = JSON.parse(serializeTrackingResult(result, { format: 'posetrack18' }));
    expect(json.categories[0].keypoints).toEqual(POSETRACK18.names);
    expect(json.categories[0].skeleton).toContainEqual([2, 3]); // head_bottom–head_top, 1-based
    expect(json.posetrail).toMatchObject({
      keypoint_schema: 'posetrack18',
      source_schema: 'coco17',
      derived_keypoints: ['head_bottom', 'head_top'],
    });
    const a = json.annotations[0];
    const pose = result.frames[0].poses[0];
    const converted = cocoToPoseTrack(pose.keypoints);
    expect(a.keypoints.slice(3, 9)).toEqual([converted[1][0], converted[1][1], 1, converted[2][0], converted[2][1], 1]);
    // Ears: never annotated in PoseTrack, written as (0, 0, 0).
    expect(a.keypoints.slice(9, 15)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(a.scores).toEqual(converted.map((k) => k[2]));
    expect(a.posetrail.keypoints_coco).toEqual(pose.keypoints.flat());
    expect(a.bbox).toEqual([pose.box.x, pose.box.y, pose.box.w, pose.box.h]);
    expect(a).toMatchObject({ image_id: 1, track_id: 3, category_id: 1, score: 0.8 });
    // The head box spans head_bottom..head_top: its height equals their distance.
    expect(a.bbox_head[3]).toBeCloseTo(
      Math.hypot(converted[2][0] - converted[1][0], converted[2][1] - converted[1][1]),
      9,
    );
    // A joint with score 0 is written with v = 0.
    const missing = json.annotations.find(
      (x: { image_id: number; track_id: number }) => x.image_id === 2 && x.track_id === 7,
    );
    expect(missing.keypoints.slice(27, 30)).toEqual([0, 0, 0]);
  });

  it("writes the model's COCO keypoints as they are with keypoints: 'coco'", () => {
    const result = makeResult();
    const json = JSON.parse(serializeTrackingResult(result, { format: 'posetrack18', keypoints: 'coco' }));
    expect(json.categories[0].keypoints[1]).toBe('left_eye');
    expect(json.posetrail.derived_keypoints).toEqual([]);
    expect(json.annotations[0].keypoints.slice(0, 3)).toEqual([
      result.frames[0].poses[0].keypoints[0][0],
      result.frames[0].poses[0].keypoints[0][1],
      1,
    ]);
    expect(json.annotations[0].posetrail.keypoints_coco).toBeUndefined();
    expect(PoseTrack18OutputSchema.safeParse(json).success).toBe(true);
  });

  it('refuses duplicate or out-of-range track ids, naming the frame', () => {
    const dup = makeResult();
    dup.frames[1].poses[1].trackId = 3;
    expect(() => serializeTrackingResult(dup, { format: 'posetrack18' })).toThrow(
      'Frame 2: track id 3 appears twice; ids must be unique per frame.',
    );
    const big = makeResult();
    big.frames[2].poses[0].trackId = 10_000;
    expect(() => serializeTrackingResult(big, { format: 'csv' })).toThrow(
      /Frame 4: track id 10000 is not an integer in 0..9999/,
    );
  });
});

describe('PoseTrack 2017 writer', () => {
  it('matches the output schema: one-element lists, joint ids 0–14, head box in x1..y2', () => {
    const result = makeResult();
    const json = JSON.parse(serializeTrackingResult(result, { format: 'posetrack17' }));
    const parsed = PoseTrack17OutputSchema.safeParse(json);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(json.annolist.length).toBe(5);
    expect(json.annolist.map((f: { is_labeled: number[] }) => f.is_labeled[0])).toEqual([0, 1, 1, 0, 1]);
    expect(json.annolist[1].image).toEqual([{ name: 'images/clip/000001.jpg' }]);
    expect(json.annolist[1].imgnum).toEqual([2]);
    const rect = json.annolist[1].annorect[0];
    expect(rect.track_id).toEqual([3]);
    const points = rect.annopoints[0].point;
    expect(points.length).toBe(15);
    const converted = cocoToPoseTrack(result.frames[0].poses[0].keypoints);
    // id 13 = nose (slot 0), id 0 = right ankle (slot 16), id 12 = head_bottom (slot 1).
    expect(points.find((p: { id: number[] }) => p.id[0] === 13)).toEqual({
      id: [13],
      x: [converted[0][0]],
      y: [converted[0][1]],
      score: [converted[0][2]],
    });
    expect(points.find((p: { id: number[] }) => p.id[0] === 0).x).toEqual([converted[16][0]]);
    expect(points.find((p: { id: number[] }) => p.id[0] === 12).y).toEqual([converted[1][1]]);
    // Track 7's left wrist (id 11) is missing in frame 2: 14 points.
    expect(json.annolist[2].annorect[1].annopoints[0].point.some((p: { id: number[] }) => p.id[0] === 11)).toBe(false);
    expect(json.annolist[2].annorect[1].annopoints[0].point.length).toBe(14);
  });
});

describe('CSV writer', () => {
  it('writes one row per keypoint in long form, in the model layout by default', async () => {
    const file = path.join(dir, 'clip.csv');
    const result = makeResult();
    await writeTrackingResult(file, result, { format: formatFromPath(file) });
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(lines[0]).toBe('frame,time_ms,track_id,keypoint,x,y,score,flags');
    // 3 frames × 2 people × 17 keypoints, minus the one empty wrist.
    expect(lines.length).toBe(1 + 3 * 2 * 17 - 1);
    const [x, y] = result.frames[0].poses[0].keypoints[0];
    expect(lines[1]).toBe(`1,40,3,nose,${Math.round(x * 1000) / 1000},${Math.round(y * 1000) / 1000},0.8,`);
    expect(lines.filter((l) => l.startsWith('4,160,7,'))).toHaveLength(17);
  });

  it("uses PoseTrack names and skips the empty ear slots with keypoints: 'posetrack'", () => {
    const lines = serializeTrackingResult(makeResult(), { format: 'csv', keypoints: 'posetrack' })
      .trimEnd()
      .split('\n');
    expect(lines.length).toBe(1 + 3 * 2 * 15 - 1);
    expect(lines.some((l) => l.includes(',head_top,'))).toBe(true);
    expect(lines.some((l) => l.includes('_ear,'))).toBe(false);
  });
});

describe('formatFromPath and option errors', () => {
  it('maps .json and .csv, and names the path it cannot map', () => {
    expect(formatFromPath('/out/a.JSON')).toBe('posetrack18');
    expect(formatFromPath('b.csv')).toBe('csv');
    expect(() => formatFromPath('/out/c.xml')).toThrow('Cannot tell the export format from "/out/c.xml"');
  });

  it('rejects COCO keypoints for PoseTrack 2017 and for PoseTrack-layout results', () => {
    expect(() => serializeTrackingResult(makeResult(), { format: 'posetrack17', keypoints: 'coco' })).toThrow(
      /PoseTrack 2017 files have no COCO layout/,
    );
    expect(() =>
      serializeTrackingResult(makeResult('posetrack18'), { format: 'posetrack18', keypoints: 'coco' }),
    ).toThrow(/uses the posetrack18 layout/);
  });

  it('names the folder it cannot write to', async () => {
    const blocker = path.join(dir, 'a-file');
    await writeFile(blocker, 'not a folder');
    await expect(
      writeTrackingResult(path.join(blocker, 'x.json'), makeResult(), { format: 'posetrack18' }),
    ).rejects.toThrow(`Output folder ${blocker} is not writable`);
  });
});
