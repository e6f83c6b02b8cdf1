/**
 * Generated scenes for the analysis tests: people walking on straight lines with a fixed body
 * shape and keypoint noise, and tracker errors put in on purpose at known frames (identities
 * swapped where two people cross), so a test knows exactly what a detector of problems should find.
 */
import type { FramePoses, Keypoint, TrackedPose, TrackingResult } from '../../../core/types';
import { seededRandom } from '../../../core/util/random';

/** A standing person 200 px tall, keypoints relative to the hip centre, COCO-17 order. */
const BODY: [number, number][] = [
  [0, -170],
  [-6, -176],
  [6, -176],
  [-14, -172],
  [14, -172],
  [-30, -130],
  [30, -130],
  [-38, -80],
  [38, -80],
  [-42, -35],
  [42, -35],
  [-18, 0],
  [18, 0],
  [-20, 55],
  [20, 55],
  [-22, 110],
  [22, 110],
];

export interface Walker {
  /** Hip centre at frame 0 and velocity in px/frame. */
  x0: number;
  y0: number;
  vx: number;
  vy: number;
  firstFrame?: number;
  lastFrame?: number;
}

export interface SceneOptions {
  walkers: Walker[];
  frames: number;
  noisePx: number;
  seed: number;
  /** Frames at which the identities of two tracks are exchanged from then on (a tracker's ID switch). */
  swaps?: { frameIndex: number; trackIds: [number, number] }[];
  width?: number;
  height?: number;
  fps?: number;
}

export function walkerPose(
  w: Walker,
  frameIndex: number,
  random: () => number,
  noisePx: number,
  trackId: number,
): TrackedPose {
  const cx = w.x0 + w.vx * frameIndex;
  const cy = w.y0 + w.vy * frameIndex;
  const gauss = () => (random() + random() + random() - 1.5) * 2 * noisePx;
  const keypoints: Keypoint[] = BODY.map(([dx, dy]) => [cx + dx + gauss(), cy + dy + gauss(), 0.85 + 0.1 * random()]);
  const xs = keypoints.map((k) => k[0]);
  const ys = keypoints.map((k) => k[1]);
  const box = {
    x: Math.min(...xs) - 10,
    y: Math.min(...ys) - 10,
    w: Math.max(...xs) - Math.min(...xs) + 20,
    h: Math.max(...ys) - Math.min(...ys) + 20,
    score: 0.9,
  };
  return { keypoints, box, score: 0.85, trackId };
}

export function makeScene(options: SceneOptions): TrackingResult {
  const { width = 1280, height = 720, fps = 25 } = options;
  const random = seededRandom(options.seed);
  const frameMs = 1000 / fps;
  const frames: FramePoses[] = [];
  const idOf = options.walkers.map((_, i) => i);
  for (let f = 0; f < options.frames; f++) {
    for (const swap of options.swaps ?? []) {
      if (swap.frameIndex !== f) continue;
      const [a, b] = swap.trackIds.map((id) => idOf.indexOf(id));
      [idOf[a], idOf[b]] = [idOf[b], idOf[a]];
    }
    const poses = options.walkers.flatMap((w, i) =>
      f < (w.firstFrame ?? 0) || f > (w.lastFrame ?? Infinity)
        ? []
        : [walkerPose(w, f, random, options.noisePx, idOf[i])],
    );
    frames.push({ frameIndex: f, timestampMs: f * frameMs, poses });
  }
  return {
    video: {
      path: '/videos/scene.mp4',
      kind: 'video',
      width,
      height,
      fps: { num: fps, den: 1 },
      frameCount: options.frames,
      durationMs: options.frames * frameMs,
      codec: 'h264',
      pixelFormat: 'yuv420p',
      rotationDeg: 0,
      variableFrameRate: false,
      frameTimesMs: frames.map((f) => f.timestampMs),
    },
    schema: 'coco17',
    frames,
    models: { detector: 'scene', pose: 'scene' },
  };
}
