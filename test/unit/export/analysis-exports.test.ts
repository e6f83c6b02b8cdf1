import { describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { applyFilters } from '../../../core/analysis/apply-filters';
import { DEFAULT_FILTERS } from '../../../core/analysis/filter-settings';
import { JOINT_ANGLES, jointAngleDeg } from '../../../core/analysis/angles';
import { COCO17 } from '../../../core/keypoints/schema';
import { serializeTrackingResult } from '../../../core/export/write';
import { readTrackingResult } from '../../../core/export/read';
import { KEYPOINT_FLAG, type Keypoint, type TrackingResult } from '../../../core/types';
import { makeScene } from '../analysis/scene';

/** Two people over 12 frames; track 1 is missing on frames 4–5 and nobody is seen on frame 8. */
function sceneWithGaps(): TrackingResult {
  const result = makeScene({
    walkers: [
      { x0: 200, y0: 400, vx: 3, vy: 0 },
      { x0: 900, y0: 420, vx: -3, vy: 0 },
    ],
    frames: 12,
    noisePx: 1,
    seed: 5,
  });
  result.frames = result.frames.map((f) =>
    f.frameIndex === 8
      ? { ...f, poses: [] }
      : f.frameIndex === 4 || f.frameIndex === 5
        ? { ...f, poses: f.poses.filter((p) => p.trackId !== 1) }
        : f,
  );
  return result;
}

const filled = () => applyFilters(sceneWithGaps(), { ...DEFAULT_FILTERS, maxGapFrames: 3 });
const parseCsv = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => line.split(','));

describe('filled values are flagged in every format', () => {
  it('PoseTrack 2018: keypoint_flags per slot, the legend at the top, and they survive a round trip', async () => {
    const doc = JSON.parse(serializeTrackingResult(filled(), { format: 'posetrack18' }));
    expect(doc.posetrail.keypoint_flag_bits).toEqual({ edited: 1, filled: 2, smoothed: 4, occluded: 8, added: 16 });
    const made = doc.annotations.filter(
      (a: { image_id: number; track_id: number }) => a.track_id === 1 && (a.image_id === 4 || a.image_id === 5),
    );
    expect(made).toHaveLength(2);
    // PoseTrack layout: ears (3, 4) are never annotated, every other slot was filled.
    expect(made[0].posetrail.keypoint_flags).toEqual([2, 2, 2, 0, 0, ...new Array(12).fill(2)]);
    expect(made[0].posetrail.keypoints_coco_flags).toEqual(new Array(17).fill(KEYPOINT_FLAG.filled));
    const measured = doc.annotations.find(
      (a: { image_id: number; track_id: number }) => a.track_id === 1 && a.image_id === 3,
    );
    expect(measured.posetrail.keypoint_flags).toBeUndefined();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-flags-'));
    try {
      const file = path.join(dir, 'clip.json');
      await writeFile(file, JSON.stringify(doc));
      const reread = await readTrackingResult(file);
      expect(reread.frames[4].poses.find((p) => p.trackId === 1)!.keypointFlags).toEqual(
        new Array(17).fill(KEYPOINT_FLAG.filled),
      );
      expect(reread.frames[3].poses.find((p) => p.trackId === 1)!.keypointFlags).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('PoseTrack 2017: posetrail_flags on each made-up point', () => {
    const doc = JSON.parse(serializeTrackingResult(filled(), { format: 'posetrack17' }));
    const rects = doc.annolist[4].annorect;
    const made = rects.find((r: { track_id: number[] }) => r.track_id[0] === 1);
    expect(
      made.annopoints[0].point.every(
        (p: { posetrail_flags?: number[] }) => p.posetrail_flags?.[0] === KEYPOINT_FLAG.filled,
      ),
    ).toBe(true);
    const measured = rects.find((r: { track_id: number[] }) => r.track_id[0] === 0);
    expect(measured.annopoints[0].point.some((p: { posetrail_flags?: number[] }) => p.posetrail_flags)).toBe(false);
  });

  it('long CSV: a flags column naming what was made up', () => {
    const rows = parseCsv(serializeTrackingResult(filled(), { format: 'csv' }));
    expect(rows[0].at(-1)).toBe('flags');
    const frame4Track1 = rows.filter((r) => r[0] === '4' && r[2] === '1');
    expect(frame4Track1).toHaveLength(17);
    expect(frame4Track1.every((r) => r[7] === 'filled')).toBe(true);
    expect(rows.filter((r) => r[0] === '3').every((r) => r[7] === '')).toBe(true);
  });

  it('COCO results: the published shape, with keypoint_flags on made-up poses', () => {
    const results = JSON.parse(serializeTrackingResult(filled(), { format: 'coco' }));
    for (const r of results) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(['image_id', 'category_id', 'keypoints', 'score']));
      expect(r.category_id).toBe(1);
      expect(r.keypoints).toHaveLength(51);
    }
    // 24 poses: the 2 + 2 missing ones (frames 4–5 for track 1, frame 8 for both) were filled.
    expect(results).toHaveLength(2 * 12);
    expect(
      results.find((r: { image_id: number; track_id: number }) => r.image_id === 5 && r.track_id === 1).keypoint_flags,
    ).toEqual(new Array(17).fill(2));
  });
});

describe('csv-wide', () => {
  it('has one row per frame of the span, empty frames included, and four columns per track × keypoint', () => {
    const rows = parseCsv(serializeTrackingResult(sceneWithGaps(), { format: 'csv-wide' }));
    expect(rows[0].slice(0, 6)).toEqual([
      'frame',
      'time_ms',
      'track0_nose_x',
      'track0_nose_y',
      'track0_nose_score',
      'track0_nose_flags',
    ]);
    expect(rows[0]).toHaveLength(2 + 2 * 17 * 4);
    expect(rows.slice(1).map((r) => r[0])).toEqual(Array.from({ length: 12 }, (_, i) => String(i)));
    expect(rows[9].slice(2).every((c) => c === '')).toBe(true);
    expect(rows[9][1]).toBe('320');
    const track1 = rows[0].indexOf('track1_nose_x');
    expect(rows[5][track1]).toBe('');
    expect(Number(rows[4][track1])).toBeGreaterThan(800);
  });

  it('flags filled cells in the flags columns', () => {
    const rows = parseCsv(serializeTrackingResult(filled(), { format: 'csv-wide' }));
    const col = rows[0].indexOf('track1_left_wrist_flags');
    expect(rows[5][col]).toBe('filled');
    expect(rows[4][col]).toBe('');
  });
});

describe('joint angles and the analysis CSV', () => {
  const bent: Keypoint[] = COCO17.names.map(() => [0, 0, 0.9]);
  bent[5] = [100, 100, 0.9]; // left shoulder
  bent[7] = [100, 200, 0.9]; // left elbow, straight below
  bent[9] = [200, 200, 0.9]; // left wrist, straight right of the elbow

  it('measures a right angle at the elbow and gives none for a missing keypoint', () => {
    const elbow = JOINT_ANGLES.find((a) => a.id === 'left_elbow')!;
    expect(jointAngleDeg(bent, COCO17, elbow, 0.3)).toBeCloseTo(90, 9);
    const missing = bent.map((k, i) => (i === 9 ? ([0, 0, 0] as Keypoint) : k));
    expect(jointAngleDeg(missing, COCO17, elbow, 0.3)).toBeNull();
  });

  it('writes angles and speeds per track and frame, with empty speed after a gap and flags', () => {
    const rows = parseCsv(serializeTrackingResult(filled(), { format: 'analysis-csv' }));
    expect(rows[0].slice(0, 4)).toEqual(['frame', 'time_ms', 'track_id', 'left_elbow_deg']);
    const speedCol = rows[0].indexOf('left_hip_speed_px_s');
    const row = (frame: number, track: number) => rows.find((r) => r[0] === String(frame) && r[2] === String(track))!;
    // Walking at 3 px/frame at 25 fps: about 75 px/s, plus the noise.
    expect(Number(row(2, 0)[speedCol])).toBeGreaterThan(40);
    expect(Number(row(2, 0)[speedCol])).toBeLessThan(130);
    expect(row(0, 0)[speedCol]).toBe('');
    const unfilled = parseCsv(serializeTrackingResult(sceneWithGaps(), { format: 'analysis-csv' }));
    expect(unfilled.find((r) => r[0] === '9' && r[2] === '0')![speedCol]).toBe('');
    expect(unfilled.some((r) => r[0] === '8')).toBe(false);
    expect(row(5, 1).at(-1)).toBe('filled');
    expect(row(3, 1).at(-1)).toBe('');
  });
});
