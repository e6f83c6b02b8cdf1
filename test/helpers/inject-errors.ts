import type { TrackingResult } from '../../core/types';

/**
 * Tracking errors put into a real result on purpose, so the problem finder can be checked against
 * known answers. Each returns a new result; the input is left as it was.
 */
function mapPoses(
  result: TrackingResult,
  fn: (
    frameIndex: number,
    poses: TrackingResult['frames'][number]['poses'],
  ) => TrackingResult['frames'][number]['poses'],
): TrackingResult {
  return {
    ...result,
    frames: result.frames.map((f) => ({
      ...f,
      poses: fn(
        f.frameIndex,
        f.poses.map((p) => ({ ...p })),
      ),
    })),
  };
}

/** Tracks `a` and `b` trade ids from `frameIndex` on: an identity swap. */
export function injectSwap(result: TrackingResult, a: number, b: number, frameIndex: number): TrackingResult {
  return mapPoses(result, (f, poses) =>
    f < frameIndex
      ? poses
      : poses.map((p) => ({ ...p, trackId: p.trackId === a ? b : p.trackId === b ? a : p.trackId })),
  );
}

/** From `frameIndex` on, `keep`'s own person is lost and `keep` follows `other`'s person: two tracks merged into one id. */
export function injectMerge(result: TrackingResult, keep: number, other: number, frameIndex: number): TrackingResult {
  return mapPoses(result, (f, poses) =>
    f < frameIndex
      ? poses
      : poses.filter((p) => p.trackId !== keep).map((p) => (p.trackId === other ? { ...p, trackId: keep } : p)),
  );
}

/** `trackId` has no pose on frames `from`–`to`: lost frames. */
export function injectDropout(result: TrackingResult, trackId: number, from: number, to: number): TrackingResult {
  return mapPoses(result, (f, poses) => (f >= from && f <= to ? poses.filter((p) => p.trackId !== trackId) : poses));
}
