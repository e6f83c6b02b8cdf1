import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AddedPose, TrackEdit } from '../../../core/api/pose-api';
import { TrackEditSchema } from '../../../core/api/schemas';
import { serializeTrackingResult } from '../../../core/export/write';
import { ProjectManager } from '../../../core/project/project-manager';
import { projectFileCandidates } from '../../../core/project/project-file';
import { applyTrackEdit, initialState } from '../../../core/project/project-state';
import { replayEdits } from '../../../core/project/replay';
import { KEYPOINT_FLAG } from '../../../core/types';
import { resultOf, scriptOf } from './fixtures';
import { useTempFolder, videoIn } from './temp-folder';

const colorOf = () => '#e6194b';
const temp = useTempFolder('posetrail-added-');

/** Track 0 everywhere, track 1 in frames 0 and 3 only: the person the detector missed in frames 1–2. */
const tracked = resultOf([
  [
    [0, 10],
    [1, 90],
  ],
  [[0, 20]],
  [[0, 30]],
  [
    [0, 40],
    [1, 70],
  ],
]);

function added(frameIndex: number, x: number): AddedPose {
  return {
    frameIndex,
    box: { x: x - 15, y: 70, w: 30, h: 60 },
    keypoints: Array.from({ length: 17 }, (_, k) => [x, 100 + k, 0.6] as [number, number, number]),
    score: 0.6,
  };
}

const addBoth: TrackEdit = { kind: 'addPoses', poses: [added(1, 85), added(2, 80)] };

describe('addPoses edit', () => {
  it('adds the poses to a new track, flagged added, with the keypoints as given', () => {
    const state = applyTrackEdit(initialState(tracked), addBoth);
    expect(scriptOf(state.result)).toEqual([
      [
        [0, 10],
        [1, 90],
      ],
      [
        [0, 20],
        [2, 85],
      ],
      [
        [0, 30],
        [2, 80],
      ],
      [
        [0, 40],
        [1, 70],
      ],
    ]);
    const pose = state.result.frames[2].poses[1];
    expect(pose.keypoints[16]).toEqual([80, 116, 0.6]);
    expect(pose.box).toEqual({ x: 65, y: 70, w: 30, h: 60, score: 1 });
    expect(pose.keypointFlags).toEqual(new Array(17).fill(KEYPOINT_FLAG.added));
    expect(state.maxTrackId).toBe(2);
    expect(tracked.frames[1].poses).toHaveLength(1);
  });

  it('adds to a chosen track where it is absent, and refuses where it is present or the frame was not tracked', () => {
    const state = applyTrackEdit(initialState(tracked), { ...addBoth, trackId: 1 });
    expect(scriptOf(state.result).map((frame) => frame.filter(([id]) => id === 1).map(([, x]) => x))).toEqual([
      [90],
      [85],
      [80],
      [70],
    ]);
    expect(() =>
      applyTrackEdit(initialState(tracked), { kind: 'addPoses', trackId: 1, poses: [added(2, 80), added(3, 75)] }),
    ).toThrow('Track 1 already has a pose in 1 of these frames (first 3)');
    expect(() => applyTrackEdit(initialState(tracked), { kind: 'addPoses', poses: [added(7, 80)] })).toThrow(
      'Frame 7 was not tracked in this result',
    );
    expect(() =>
      applyTrackEdit(initialState(tracked), { kind: 'addPoses', poses: [added(1, 80), added(1, 81)] }),
    ).toThrow('Frame 1 is given two added poses');
    const short = { ...added(1, 80), keypoints: added(1, 80).keypoints.slice(0, 5) };
    expect(() => applyTrackEdit(initialState(tracked), { kind: 'addPoses', poses: [short] })).toThrow(
      "has 5 keypoints; this result's poses have 17",
    );
  });

  it('replays to the same state as the reducer, after identity edits too', () => {
    const edits: TrackEdit[] = [{ kind: 'delete', trackId: 1 }, addBoth, { kind: 'split', trackId: 0, frameIndex: 2 }];
    const reduced = edits.reduce(applyTrackEdit, initialState(tracked));
    const replayed = replayEdits(tracked, edits);
    expect(scriptOf(replayed.result)).toEqual(scriptOf(reduced.result));
    // The deleted track's id is not reused: the added person is 2, the split piece 3.
    expect(scriptOf(replayed.result)).toEqual([
      [[0, 10]],
      [
        [0, 20],
        [2, 85],
      ],
      [
        [3, 30],
        [2, 80],
      ],
      [[3, 40]],
    ]);
    expect(replayed.result.frames[1].poses[1].keypointFlags).toEqual(new Array(17).fill(KEYPOINT_FLAG.added));
  });

  it('goes through undo, redo and a restart of the project file', async () => {
    const video = await videoIn(path.join(temp.dir, 'history'));
    const dataDir = path.join(temp.dir, 'data');
    const manager = new ProjectManager({ dataDir, colorOf });
    await manager.replaceResult(video, tracked);
    const after = await manager.edit(video, addBoth);
    expect(after.tracks.map((t) => t.trackId)).toEqual([0, 1, 2]);
    expect((await manager.undo(video)).tracks.map((t) => t.trackId)).toEqual([0, 1]);
    expect(scriptOf((await manager.redo(video)).result)).toEqual(scriptOf(after.result));
    const saved = JSON.parse(await fs.readFile(projectFileCandidates(video, dataDir)[0], 'utf8'));
    expect(saved.edits[0]).toMatchObject({ kind: 'addPoses', poses: [{ frameIndex: 1 }, { frameIndex: 2 }] });
    const reopened = await new ProjectManager({ dataDir, colorOf }).load(video);
    expect(reopened!.result.frames[2].poses[1]).toMatchObject({
      trackId: 2,
      keypointFlags: new Array(17).fill(KEYPOINT_FLAG.added),
    });
    expect(reopened!.canUndo).toBe(true);
  });

  it('is checked at the API boundary: scores in 0..1, finite numbers, at least one pose', () => {
    expect(TrackEditSchema.safeParse(addBoth).success).toBe(true);
    expect(TrackEditSchema.safeParse({ kind: 'addPoses', poses: [] }).success).toBe(false);
    expect(TrackEditSchema.safeParse({ kind: 'addPoses', poses: [{ ...added(1, 80), score: 2 }] }).success).toBe(false);
    expect(
      TrackEditSchema.safeParse({ kind: 'addPoses', poses: [{ ...added(1, 80), box: { x: 0, y: 0, w: 0, h: 5 } }] })
        .success,
    ).toBe(false);
  });

  it('exports flag the added poses: "added" in CSV, bit 16 in PoseTrack with the legend', () => {
    const result = applyTrackEdit(initialState(tracked), addBoth).result;
    const rows = serializeTrackingResult(result, { format: 'csv' })
      .trimEnd()
      .split('\n')
      .map((line) => line.split(','));
    const flagColumn = rows[0].indexOf('flags');
    expect(rows.filter((r) => r[0] === '1' && r[2] === '2').map((r) => r[flagColumn])).toEqual(
      new Array(17).fill('added'),
    );
    expect(rows.filter((r) => r[0] === '1' && r[2] === '0').every((r) => r[flagColumn] === '')).toBe(true);
    const doc = JSON.parse(serializeTrackingResult(result, { format: 'posetrack18' }));
    expect(doc.posetrail.keypoint_flag_bits.added).toBe(16);
    const annotation = doc.annotations.find(
      (a: { image_id: number; track_id: number }) => a.track_id === 2 && a.image_id === 2,
    );
    expect(annotation.posetrail.keypoints_coco_flags).toEqual(new Array(17).fill(16));
  });
});
