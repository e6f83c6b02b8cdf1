import { describe, expect, it } from 'vitest';
import type { TrackSettings } from '../../../core/api/pose-api';
import { DEFAULT_TRACK_SETTINGS } from '../../../core/settings/run-settings';
import { settingsHash } from '../../../core/batch';
import { batchIdFor, mapPath, parsePathMapping, type TrackJobData } from '../../../core/queue';
import { validateJobData } from '../../../core/queue/job-schema';

/** Issue 25, item 8: jobs from Redis are checked, on the paths as the worker will use them. */

const settings: TrackSettings = {
  ...DEFAULT_TRACK_SETTINGS,
  detector: 'yolox-nano-416',
  poseModel: 'simplepose-nano',
  device: 'cpu',
  detIntervalFrames: 1,
  minBoxScore: 0.3,
  minKeypointScore: 0.3,
  flipTest: false,
};

function job(folder: string, outDir: string, input: string, output: string): TrackJobData {
  const hash = settingsHash(settings, 'posetrack18', null);
  return {
    batchId: batchIdFor(folder, outDir, hash),
    folder,
    outDir,
    input,
    output,
    relativePath: 'a.mp4',
    inputSizeBytes: 10,
    inputMtimeMs: 1,
    settings,
    settingsHash: hash,
    format: 'posetrack18',
    keypoints: null,
  };
}

describe('queue job validation', () => {
  const mapping = [parsePathMapping('Z:\\lab=/data/lab')];
  const local = (file: string) => mapPath(file, mapping);

  it("accepts a Windows submitter's job on a Linux worker through --path-map", () => {
    const data = job('Z:\\lab\\videos', 'Z:\\lab\\poses', 'Z:\\lab\\videos\\a.mp4', 'Z:\\lab\\poses\\a.json');
    expect(validateJobData(data, 'j1', local)).toEqual(data);
  });

  it('refuses an output that climbs out of the output folder, and a hash that does not match', () => {
    const climbing = job(
      'Z:\\lab\\videos',
      'Z:\\lab\\poses',
      'Z:\\lab\\videos\\a.mp4',
      'Z:\\lab\\poses\\..\\..\\home\\.bashrc',
    );
    expect(() => validateJobData(climbing, 'j2', local)).toThrow(
      "Job j2 names an output outside the batch's output folder /data/lab/poses; refusing it.",
    );
    const forged = { ...job('/v', '/o', '/v/a.mp4', '/o/a.json'), settings: { ...settings, minBoxScore: 0.9 } };
    expect(() => validateJobData(forged, 'j3')).toThrow('Job j3 does not match its settings hash; refusing it.');
    expect(() => validateJobData({ ...forged, settings: { ...settings, threads: 1e6 } }, 'j4')).toThrow(
      /^Job j4 in the queue is malformed \(settings\.threads/,
    );
  });
});
