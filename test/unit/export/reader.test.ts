import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readTrackingResult } from '../../../core/export/read';
import { writeTrackingResult } from '../../../core/export/write';
import { cocoToPoseTrack } from '../../../core/export/coco-to-posetrack';
import { makeResult } from './fixtures';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-import-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeJson(name: string, value: unknown): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

describe('readTrackingResult', () => {
  it('round-trips our PoseTrack 2018 files exactly, raw COCO keypoints included', async () => {
    const result = makeResult('coco17');
    const file = path.join(dir, 'roundtrip.json');
    await writeTrackingResult(file, result, { format: 'posetrack18' });
    expect(await readTrackingResult(file)).toEqual(result);
  });

  it('round-trips PoseTrack-layout results and COCO exports exactly', async () => {
    const posetrack = makeResult('posetrack18');
    const a = path.join(dir, 'pt.json');
    await writeTrackingResult(a, posetrack, { format: 'posetrack18' });
    expect(await readTrackingResult(a)).toEqual(posetrack);
    const coco = makeResult('coco17');
    const b = path.join(dir, 'coco.json');
    await writeTrackingResult(b, coco, { format: 'posetrack18', keypoints: 'coco' });
    expect(await readTrackingResult(b)).toEqual(coco);
  });

  it('reads our PoseTrack 2017 files back in the PoseTrack layout', async () => {
    const result = makeResult('coco17');
    const file = path.join(dir, 'pt17.json');
    await writeTrackingResult(file, result, { format: 'posetrack17' });
    const back = await readTrackingResult(file);
    expect(back.schema).toBe('posetrack18');
    expect(back.video).toEqual(result.video);
    expect(back.frames.map((f) => [f.frameIndex, f.timestampMs, f.poses.map((p) => p.trackId)])).toEqual([
      [1, 40, [3, 7]],
      [2, 80, [3, 7]],
      [4, 160, [3, 7]],
    ]);
    expect(back.frames[0].poses[0].keypoints).toEqual(cocoToPoseTrack(result.frames[0].poses[0].keypoints));
  });

  it('reads a generic PoseTrack 2018 ground-truth file (no scores, no posetrail info)', async () => {
    const keypoints = new Array(51).fill(0);
    keypoints.splice(0, 3, 100, 50, 1); // nose
    keypoints.splice(3, 3, 100, 80, 1); // head_bottom
    const file = await writeJson('000342_mpii_test.json', {
      images: [
        {
          id: 10003420000,
          file_name: 'images/val/000342_mpii_test/000000.jpg',
          vid_id: '000342',
          frame_id: 10003420000,
          nframes: 2,
          is_labeled: true,
        },
        {
          id: 10003420001,
          file_name: 'images/val/000342_mpii_test/000001.jpg',
          vid_id: '000342',
          frame_id: 10003420001,
          nframes: 2,
          is_labeled: false,
        },
      ],
      annotations: [
        {
          id: 1,
          image_id: 10003420000,
          category_id: 1,
          track_id: 0,
          bbox_head: [90, 20, 20, 30],
          bbox: [50, 20, 100, 200],
          keypoints,
        },
      ],
      categories: [
        {
          id: 1,
          name: 'person',
          keypoints: [
            'nose',
            'head_bottom',
            'head_top',
            'left_ear',
            'right_ear',
            'left_shoulder',
            'right_shoulder',
            'left_elbow',
            'right_elbow',
            'left_wrist',
            'right_wrist',
            'left_hip',
            'right_hip',
            'left_knee',
            'right_knee',
            'left_ankle',
            'right_ankle',
          ],
        },
      ],
    });
    const result = await readTrackingResult(file);
    expect(result.schema).toBe('posetrack18');
    expect(result.video.frameCount).toBe(2);
    expect(result.frames.length).toBe(1);
    const pose = result.frames[0].poses[0];
    expect(pose.trackId).toBe(0);
    expect(pose.keypoints[0]).toEqual([100, 50, 1]);
    expect(pose.keypoints[1]).toEqual([100, 80, 1]);
    expect(pose.keypoints[5]).toEqual([0, 0, 0]);
    expect(pose.box).toEqual({ x: 50, y: 20, w: 100, h: 200, score: 1 });
  });

  it('names the file and the bad field', async () => {
    const badField = await writeJson('bad-field.json', {
      images: [{ id: 0, file_name: 'a.jpg' }],
      annotations: [{ image_id: 'zero', keypoints: [] }],
    });
    await expect(readTrackingResult(badField)).rejects.toThrow(
      `${badField}: not a valid PoseTrack 2018 file: annotations[0].image_id:`,
    );
    const badImage = await writeJson('bad-image.json', {
      images: [{ id: 0, file_name: 'a.jpg' }],
      annotations: [{ image_id: 5, track_id: 0, keypoints: new Array(51).fill(0) }],
    });
    await expect(readTrackingResult(badImage)).rejects.toThrow(
      `${badImage}: annotations[0].image_id 5 names no image in "images".`,
    );
    const badScores = await writeJson('bad-scores.json', {
      images: [{ id: 0, file_name: 'a.jpg' }],
      annotations: [{ image_id: 0, track_id: 0, keypoints: new Array(51).fill(1), scores: [0.5, 0.5] }],
    });
    await expect(readTrackingResult(badScores)).rejects.toThrow(
      `${badScores}: annotations[0].scores has 2 values for 17 joints.`,
    );
    const bad17 = await writeJson('bad17.json', {
      annolist: [
        {
          image: [{ name: 'x.jpg' }],
          annorect: [{ track_id: [0], annopoints: [{ point: [{ id: [15], x: [1], y: [2] }] }] }],
        },
      ],
    });
    await expect(readTrackingResult(bad17)).rejects.toThrow(
      `${bad17}: not a valid PoseTrack 2017 file: annolist[0].annorect[0].annopoints[0].point[0].id[0]:`,
    );
    const notJson = await writeJson('broken.json', '{"images": [');
    await expect(readTrackingResult(notJson)).rejects.toThrow(
      `${notJson} is not valid JSON (ends early at line 1, column 13).`,
    );
    const other = await writeJson('other.json', { hello: 1 });
    await expect(readTrackingResult(other)).rejects.toThrow(`${other}: not a PoseTrack file`);
    await expect(readTrackingResult(path.join(dir, 'missing.json'))).rejects.toThrow(
      `${path.join(dir, 'missing.json')}: cannot read (ENOENT)`,
    );
  });
});
