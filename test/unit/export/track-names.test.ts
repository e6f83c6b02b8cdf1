import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeTrackingResult, writeTrackingResult } from '../../../core/export';
import { readPoseTrackDocument } from '../../../core/export/posetrack-document';
import { existingFileKind } from '../../../core/export/existing-output';
import { exportedNames, withoutHiddenTracks } from '../../../core/project/export-tracks';
import type { TrackMeta } from '../../../core/api/pose-api';
import { makeResult } from './fixtures';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-names-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const result = makeResult();
const ids = [...new Set(result.frames.flatMap((f) => f.poses.map((p) => p.trackId)))];
const [first, second] = ids;
const tracks: TrackMeta[] = [
  { trackId: first, name: 'Man on roof, "left"', hidden: false, colorHex: '#fff' },
  { trackId: second, name: `Track ${second}`, hidden: true, colorHex: '#000' },
];

describe('track names and hidden tracks in exports', () => {
  it('names only tracks someone named, and leaves hidden tracks out on request', () => {
    expect(exportedNames(result, tracks)).toEqual({ [first]: 'Man on roof, "left"', [second]: '' });
    const shown = withoutHiddenTracks(result, tracks);
    expect(shown.frames).toHaveLength(result.frames.length);
    expect(shown.frames.flatMap((f) => f.poses.map((p) => p.trackId)).every((id) => id === first)).toBe(true);
    expect(exportedNames(shown, tracks)).toEqual({ [first]: 'Man on roof, "left"' });
  });

  it('writes a quoted track_name column in CSV', () => {
    const lines = serializeTrackingResult(result, { format: 'csv', trackNames: exportedNames(result, tracks) })
      .trimEnd()
      .split('\n');
    expect(lines[0]).toBe('frame,time_ms,track_id,keypoint,x,y,score,flags,track_name');
    const row = lines.find((l) => l.split(',')[2] === String(first))!;
    expect(row.endsWith(',"Man on roof, ""left"""')).toBe(true);
    const unnamed = lines.find((l) => l.split(',')[2] === String(second))!;
    expect(unnamed.endsWith(',')).toBe(true);
  });

  it('writes posetrail.track_names in PoseTrack 2018 and 2017 files, which read back', async () => {
    for (const format of ['posetrack18', 'posetrack17'] as const) {
      const file = path.join(dir, `clip.${format}.json`);
      await writeTrackingResult(file, result, { format, trackNames: { [first]: 'Woman' } });
      const doc = await readPoseTrackDocument(file);
      expect(doc.info?.track_names).toEqual({ [String(first)]: 'Woman' });
      expect(await existingFileKind(file)).toBe('posetrail-output');
    }
  });

  it("tells our outputs from someone else's file", async () => {
    const csv = path.join(dir, 'ours.csv');
    await writeTrackingResult(csv, result, { format: 'csv' });
    expect(await existingFileKind(csv)).toBe('posetrail-output');
    for (const [name, format] of [
      ['ours.analysis.h5', 'sleap-analysis'],
      ['ours.dlc.csv', 'dlc'],
      ['ours.nwb', 'nwb'],
    ] as const) {
      await writeTrackingResult(path.join(dir, name), result, { format });
      expect(await existingFileKind(path.join(dir, name))).toBe('posetrail-output');
    }
    const notes = path.join(dir, 'notes.json');
    await fs.writeFile(notes, JSON.stringify({ images: [], annotations: [], note: 'hand-made ground truth' }));
    expect(await existingFileKind(notes)).toBe('other');
    expect(await existingFileKind(path.join(dir, 'absent.csv'))).toBeNull();
    await expect(existingFileKind(dir)).rejects.toThrow('is a folder');
  });
});
