import type { FramePoses, Keypoint, TrackedPose, TrackingResult, VideoInfo } from '../types';
import { denseIndex, givenNames, schemaFromNodeNames, type DenseInfo, type DenseTracks } from './dense-tracks';

/** Frame rate assumed when an array format carries no timing (SLEAP, DeepLabCut). */
export const DENSE_ASSUMED_FPS = 30;

/** Score given to a point a file holds without a confidence (SLEAP's hand-placed points). */
const SCORE_OF_UNSCORED_POINT = 1;

export interface ReadResult {
  result: TrackingResult;
  /** Names the file gave tracks, by id (only names other than `track_<id>`). */
  trackNames: Record<number, string>;
  /**
   * False when the file does not say how many frames its video has (a SLEAP file from SLEAP ends
   * at its last labelled frame): `result.video.frameCount` is then only a lower bound.
   */
  frameCountRecorded: boolean;
}

export interface DenseSource {
  file: string;
  /** Posetrail's own record, when Posetrail wrote the file. */
  info?: DenseInfo;
  /** The video the file names, when it names one. */
  videoPath?: string;
  /** Per-frame times the file holds, used when there is no Posetrail record. */
  frameTimesMs?: number[];
  /** The file has a row for every frame of its video (DeepLabCut). */
  spansVideo?: boolean;
}

/** Dense arrays back into a result: a pose for every frame × track with a point in it. */
export function denseToResult(dense: DenseTracks, source: DenseSource): ReadResult {
  const schema = schemaFromNodeNames(source.file, dense.nodeNames);
  const video = source.info?.video ?? synthesizeVideo(dense, source);
  const [first, last] = source.info?.processed_frames ?? [0, dense.frameCount - 1];
  const frames: FramePoses[] = [];
  for (let frameIndex = first; frameIndex <= last; frameIndex++) {
    const poses = dense.trackIds.flatMap((trackId, track) => poseAt(dense, frameIndex, track, trackId));
    const timestampMs = video.frameTimesMs[frameIndex] ?? (frameIndex * 1000) / DENSE_ASSUMED_FPS;
    frames.push({ frameIndex, timestampMs, poses });
  }
  return {
    result: { video, schema, frames, models: source.info?.models ?? { detector: 'unknown', pose: 'unknown' } },
    trackNames: givenNames(dense.trackIds, dense.trackNames),
    frameCountRecorded: source.info !== undefined || source.spansVideo === true,
  };
}

function poseAt(dense: DenseTracks, frameIndex: number, track: number, trackId: number): TrackedPose[] {
  if (frameIndex >= dense.frameCount) return [];
  const keypoints: Keypoint[] = dense.nodeNames.map((_, node) => {
    const at = denseIndex(dense, frameIndex, track, node);
    const [x, y, s] = [dense.x[at], dense.y[at], dense.score[at]];
    if (Number.isNaN(x) || Number.isNaN(y)) return [0, 0, 0];
    return [x, y, Number.isNaN(s) ? SCORE_OF_UNSCORED_POINT : s];
  });
  const present = keypoints.filter((k) => !(k[0] === 0 && k[1] === 0 && k[2] === 0));
  if (present.length === 0) return [];
  const stored = dense.poseScore[frameIndex * dense.trackIds.length + track];
  const score = Number.isNaN(stored) ? present.reduce((sum, k) => sum + k[2], 0) / present.length : stored;
  const xs = present.map((k) => k[0]);
  const ys = present.map((k) => k[1]);
  const [x0, y0] = [Math.min(...xs), Math.min(...ys)];
  return [
    { keypoints, box: { x: x0, y: y0, w: Math.max(...xs) - x0, h: Math.max(...ys) - y0, score }, score, trackId },
  ];
}

function synthesizeVideo(dense: DenseTracks, source: DenseSource): VideoInfo {
  const frameTimesMs =
    source.frameTimesMs ?? Array.from({ length: dense.frameCount }, (_, i) => (i * 1000) / DENSE_ASSUMED_FPS);
  const step = frameTimesMs.length > 1 ? frameTimesMs[1] - frameTimesMs[0] : 1000 / DENSE_ASSUMED_FPS;
  return {
    path: source.videoPath || source.file,
    kind: 'video',
    width: 0,
    height: 0,
    fps: { num: Math.round((1000 / step) * 1000), den: 1000 },
    frameCount: dense.frameCount,
    durationMs: frameTimesMs.length ? frameTimesMs[frameTimesMs.length - 1] + step : 0,
    codec: 'unknown',
    pixelFormat: 'unknown',
    rotationDeg: 0,
    variableFrameRate: false,
    frameTimesMs,
  };
}

/** The Posetrail record array formats carry, built from the result they were written from. */
export function denseInfoOf(result: TrackingResult, trackIds: number[]): DenseInfo {
  const frames = result.frames;
  return {
    format_version: 1,
    track_ids: trackIds,
    video: result.video,
    models: result.models,
    processed_frames: frames.length ? [frames[0].frameIndex, frames[frames.length - 1].frameIndex] : null,
  };
}
