import type { FramePoses, TrackedPose, TrackingResult } from '../../../core/types';

/** A pose whose keypoints all sit at (x, y): enough to tell poses apart after an edit. */
export function pose(trackId: number, x: number, y = 100): TrackedPose {
  return {
    trackId,
    keypoints: Array.from({ length: 17 }, () => [x, y, 0.9] as [number, number, number]),
    box: { x: x - 10, y: y - 20, w: 20, h: 40, score: 0.95 },
    score: 0.8,
  };
}

/**
 * A result built from a script: `frames[i]` lists [trackId, x] pairs present in frame i.
 * e.g. [[[0, 10], [1, 50]], [[0, 11]]] → frame 0 has tracks 0 and 1, frame 1 only track 0.
 */
export function resultOf(script: Array<Array<[trackId: number, x: number]>>): TrackingResult {
  const frames: FramePoses[] = script.map((entries, frameIndex) => ({
    frameIndex,
    timestampMs: (frameIndex * 1000) / 30,
    poses: entries.map(([trackId, x]) => pose(trackId, x)),
  }));
  return {
    video: {
      path: '/videos/clip.mp4',
      kind: 'video',
      width: 640,
      height: 480,
      fps: { num: 30, den: 1 },
      frameCount: script.length,
      durationMs: (script.length * 1000) / 30,
      codec: 'h264',
      pixelFormat: 'yuv420p',
      rotationDeg: 0,
      variableFrameRate: false,
      frameTimesMs: script.map((_, i) => (i * 1000) / 30),
    },
    schema: 'coco17',
    frames,
    models: { detector: 'yolox-nano', pose: 'simplepose-nano' },
  };
}

/** `frame → [[trackId, x]…]` view of a result, for compact assertions. */
export function scriptOf(result: TrackingResult): Array<Array<[number, number]>> {
  return result.frames.map((frame) => frame.poses.map((p) => [p.trackId, p.keypoints[0][0]] as [number, number]));
}
