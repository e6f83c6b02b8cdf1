import type { TrackingResult, TrackedPose, VideoInfo } from '../../core/types';
import { writeProjectFile } from '../../core/project/project-file';
import { EMPTY_HISTORY } from '../../core/project/history';
import type { TrackEdit } from '../../core/api/pose-api';

/** A pose of `trackId` around (x, y), 17 confident keypoints in a small box. */
export function fixturePose(trackId: number, x: number, y: number): TrackedPose {
  const keypoints = Array.from(
    { length: 17 },
    (_, k) => [x + (k % 4) * 5, y + Math.floor(k / 4) * 10, 0.9] as [number, number, number],
  );
  return { trackId, keypoints, box: { x: x - 5, y: y - 5, w: 40, h: 60, score: 0.9 }, score: 0.9 };
}

/** A result of `frameCount` frames with people 0..peoplePerFrame-1 on every frame, for `video`. */
export function fixtureResult(video: VideoInfo, frameCount: number, peoplePerFrame = 2): TrackingResult {
  const frames = Array.from({ length: frameCount }, (_, frameIndex) => ({
    frameIndex,
    timestampMs: (frameIndex * 1000 * video.fps.den) / video.fps.num,
    poses: Array.from({ length: peoplePerFrame }, (_, id) => fixturePose(id, 100 + id * 200, 100)),
  }));
  return { video, schema: 'coco17', frames, models: { detector: 'fixture', pose: 'fixture' } };
}

/** Writes `<video>.posetrail.json` beside the video as the app would; returns its path. */
export function writeFixtureProject(
  videoPath: string,
  baseResult: TrackingResult,
  dataDir: string,
  edits: TrackEdit[] = [],
): Promise<string> {
  const history = edits.length ? { edits, cursor: edits.length } : EMPTY_HISTORY;
  return writeProjectFile({ videoPath, baseResult, history, revision: 1 }, [], dataDir);
}
