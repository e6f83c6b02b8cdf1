import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeTrackingResult, writeTrackingResult } from '../../../core/export/write';
import { readTrackingResult } from '../../../core/export/read';
import { PoseTrack18OutputSchema } from '../../../core/export/schemas/posetrack18';
import type { TrackJoin, TrackingResult } from '../../../core/types';
import { makeResult } from './fixtures';

const PUBLISHED_GT = path.join(__dirname, '../../fixtures/published/posetrack18_gt_000342_mpii_test.json');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-joins-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Track 3 (frames 1, 2, 4) was stitched: the piece tracked as 9 continues it from frame 4. */
const JOIN: TrackJoin = {
  trackId: 3,
  pieceId: 9,
  endFrame: 2,
  startFrame: 4,
  gapFrames: 1,
  distance: 0.12,
  appearance: 0.87,
  cost: 0.18,
};
const joined = (): TrackingResult => ({ ...makeResult(), joins: [JOIN] });

type Annotation = { image_id: number; track_id: number; posetrail: { piece_id?: number } } & Record<string, unknown>;

/** The document without our `posetrail` objects: what PoseTrack's own tools look at. */
function withoutPosetrail(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPosetrail);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'posetrail')
      .map(([key, v]) => [key, withoutPosetrail(v)]),
  );
}

describe('joined identities in PoseTrack 2018 files', () => {
  it('name each pose’s piece and list the joins inside the posetrail objects only', () => {
    const json = JSON.parse(serializeTrackingResult(joined(), { format: 'posetrack18' }));
    const parsed = PoseTrack18OutputSchema.safeParse(json);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    const pieces = (json.annotations as Annotation[]).map((a) => [a.image_id, a.track_id, a.posetrail.piece_id]);
    expect(pieces).toEqual([
      [1, 3, 3],
      [1, 7, undefined],
      [2, 3, 3],
      [2, 7, undefined],
      [4, 3, 9],
      [4, 7, undefined],
    ]);
    expect(json.posetrail.joins).toEqual([
      {
        track_id: 3,
        piece_id: 9,
        end_frame: 2,
        start_frame: 4,
        gap_frames: 1,
        distance: 0.12,
        appearance: 0.87,
        cost: 0.18,
      },
    ]);
    // What the official evaluation reads is the same as without joins.
    const plain = JSON.parse(serializeTrackingResult(makeResult(), { format: 'posetrack18' }));
    expect(withoutPosetrail(json)).toEqual(withoutPosetrail(plain));
    // And holds no field the published files do not have (besides the optional `score`).
    const published = JSON.parse(readFileSync(PUBLISHED_GT, 'utf8'));
    const publishedKeys = new Set([...Object.keys(published.annotations[0]), 'score', 'posetrail']);
    expect(
      (json.annotations as Annotation[]).flatMap((a) => Object.keys(a)).filter((key) => !publishedKeys.has(key)),
    ).toEqual([]);
  });

  it('reopen with their joins, in the 2018 and the 2017 format', async () => {
    for (const format of ['posetrack18', 'posetrack17'] as const) {
      const file = path.join(dir, `joined.${format}.json`);
      await writeTrackingResult(file, joined(), { format });
      const back = await readTrackingResult(file);
      expect(back.joins).toEqual([JOIN]);
      expect(back.frames.map((f) => f.poses.map((p) => p.trackId))).toEqual([
        [3, 7],
        [3, 7],
        [3, 7],
      ]);
    }
  });

  it('leave out a join that an edit undid (one side of the gap is gone)', () => {
    const result = joined();
    result.frames[2].poses = result.frames[2].poses.filter((p) => p.trackId !== 3);
    const json = JSON.parse(serializeTrackingResult(result, { format: 'posetrack18' }));
    expect(json.posetrail.joins).toBeUndefined();
    expect((json.annotations as Annotation[]).every((a) => a.posetrail.piece_id === undefined)).toBe(true);
  });
});

describe('joined identities in the long CSV', () => {
  it('adds a piece_id column after flags, the track id where nothing was joined', () => {
    const lines = serializeTrackingResult(joined(), { format: 'csv', trackNames: { 3: 'Runner' } })
      .trimEnd()
      .split('\n');
    expect(lines[0]).toBe('frame,time_ms,track_id,keypoint,x,y,score,flags,piece_id,track_name');
    const rows = lines.slice(1).map((l) => l.split(','));
    const pieceOf = (frame: number, track: number) => [
      ...new Set(rows.filter((r) => r[0] === String(frame) && r[2] === String(track)).map((r) => r[8])),
    ];
    expect(pieceOf(1, 3)).toEqual(['3']);
    expect(pieceOf(2, 3)).toEqual(['3']);
    expect(pieceOf(4, 3)).toEqual(['9']);
    expect(pieceOf(4, 7)).toEqual(['7']);
    expect(rows.filter((r) => r[2] === '3').every((r) => r[9] === 'Runner')).toBe(true);
  });

  it('keeps the usual columns when nothing was joined', () => {
    const header = serializeTrackingResult(makeResult(), { format: 'csv' }).split('\n', 1)[0];
    expect(header).toBe('frame,time_ms,track_id,keypoint,x,y,score,flags');
  });
});
