import type { Keypoint, Pose } from '../../core/types';
import { seededRandom } from '../../core/util/random';

/**
 * Generated tracking scenarios with known identities: people walking on straight paths that cross,
 * with keypoint noise, dropped detections, short occlusions and false positives, from a seeded
 * random generator (same seed → same scenario). Used by the tracker benchmark and by a unit test
 * that holds a MOTA floor.
 */

/** COCO-17 keypoints of a person standing upright, in units of body height, origin at the box centre. */
const STANDING_COCO17: readonly (readonly [number, number])[] = [
  [0, -0.44],
  [-0.02, -0.46],
  [0.02, -0.46],
  [-0.05, -0.45],
  [0.05, -0.45],
  [-0.11, -0.32],
  [0.11, -0.32],
  [-0.14, -0.16],
  [0.14, -0.16],
  [-0.15, -0.02],
  [0.15, -0.02],
  [-0.08, 0.0],
  [0.08, 0.0],
  [-0.08, 0.24],
  [0.08, 0.24],
  [-0.08, 0.48],
  [0.08, 0.48],
];

/** Box width as a fraction of body height: wide enough for swinging arms. */
const BOX_ASPECT_W_OVER_H = 0.45;

/**
 * A standing person centred at (cx, cy), `heightPx` tall, every keypoint at `score`. The box is the
 * person's extent. `phase` swings arms and legs (radians), so a walker's pose changes over time.
 */
export function standingPose(cx: number, cy: number, heightPx: number, score = 0.9, phase = 0): Pose {
  const swing = Math.sin(phase) * 0.05;
  const keypoints: Keypoint[] = STANDING_COCO17.map(([x, y], i) => {
    const limbSwing = i === 9 || i === 16 ? swing : i === 10 || i === 15 ? -swing : 0;
    return [cx + (x + limbSwing) * heightPx, cy + y * heightPx, score];
  });
  const w = BOX_ASPECT_W_OVER_H * heightPx;
  return { keypoints, box: { x: cx - w / 2, y: cy - heightPx / 2, w, h: heightPx, score }, score };
}

function gaussian(random: () => number): number {
  // Box–Muller; 1 − u avoids log(0).
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export interface ScenarioOptions {
  seed: number;
  frameCount: number;
  peopleCount: number;
  imageSize: [width: number, height: number];
  /** Person height range in pixels. */
  heightPx: [min: number, max: number];
  /** Walking speed range in pixels per frame. */
  speedPxPerFrame: [min: number, max: number];
  /** Keypoint position noise, standard deviation as a fraction of body height. */
  keypointNoise: number;
  /** Probability that a present person's detection is dropped in a frame. */
  dropRate: number;
  /** Probability per person and frame that a 3–6 frame occlusion starts. */
  occlusionRate: number;
  /** Expected number of false-positive poses per frame. */
  falsePositivesPerFrame: number;
  /**
   * People hide each other: a person whose box is covered more than MUTUAL_HIDDEN_FRACTION by
   * the box of someone in front (lower in the picture, so nearer the camera) is not detected.
   */
  mutualOcclusion: boolean;
}

/** Share of a person's box that someone in front must cover to hide them (see mutualOcclusion). */
export const MUTUAL_HIDDEN_FRACTION = 0.5;

export const DEFAULT_SCENARIO: Readonly<ScenarioOptions> = Object.freeze({
  seed: 1,
  frameCount: 300,
  peopleCount: 8,
  imageSize: [1280, 720] as [number, number],
  heightPx: [160, 320] as [number, number],
  speedPxPerFrame: [2, 7] as [number, number],
  keypointNoise: 0.01,
  dropRate: 0.03,
  occlusionRate: 0.01,
  falsePositivesPerFrame: 0.3,
  mutualOcclusion: false,
});

export interface GroundTruthPerson {
  id: number;
  pose: Pose;
}

export interface ScenarioFrame {
  frameIndex: number;
  /** Every person in view, at their true pose (including those whose detection was dropped). */
  truth: GroundTruthPerson[];
  /** What a detector + pose estimator would hand the tracker, shuffled. */
  detections: Pose[];
  /** Per detection: the true person id, or null for a false positive. */
  detectionTruthIds: (number | null)[];
}

interface Walker {
  id: number;
  start: [number, number];
  velocity: [number, number];
  heightPx: number;
  enterFrame: number;
  exitFrame: number;
  occludedUntilFrame: number;
}

/** People walk between points on opposite sides of the image, so their paths cross in the middle. */
function makeWalkers(o: ScenarioOptions, random: () => number): Walker[] {
  const [width, height] = o.imageSize;
  const between = (min: number, max: number) => min + (max - min) * random();
  return Array.from({ length: o.peopleCount }, (_, id) => {
    const leftToRight = id % 2 === 0;
    const heightPx = between(o.heightPx[0], o.heightPx[1]);
    const startX = leftToRight ? between(0, width * 0.2) : between(width * 0.8, width);
    const start: [number, number] = [startX, between(height * 0.35, height * 0.65)];
    const endX = leftToRight ? between(width * 0.8, width) : between(0, width * 0.2);
    const end: [number, number] = [endX, between(height * 0.35, height * 0.65)];
    const speed = between(o.speedPxPerFrame[0], o.speedPxPerFrame[1]);
    const distance = Math.hypot(end[0] - start[0], end[1] - start[1]);
    const durationFrames = Math.max(1, Math.round(distance / speed));
    const enterFrame = Math.floor(between(0, Math.max(1, o.frameCount - durationFrames / 2)));
    const velocity: [number, number] = [(end[0] - start[0]) / durationFrames, (end[1] - start[1]) / durationFrames];
    return {
      id,
      start,
      velocity,
      heightPx,
      enterFrame,
      exitFrame: enterFrame + durationFrames,
      occludedUntilFrame: -1,
    };
  });
}

function noisy(pose: Pose, sigmaPx: number, random: () => number): Pose {
  const keypoints = pose.keypoints.map(
    ([x, y, s]) => [x + gaussian(random) * sigmaPx, y + gaussian(random) * sigmaPx, s] as Keypoint,
  );
  return {
    ...pose,
    keypoints,
    box: { ...pose.box, x: pose.box.x + gaussian(random) * sigmaPx, y: pose.box.y + gaussian(random) * sigmaPx },
  };
}

/** Generates the whole scenario; deterministic for a given seed and options. */
export function generateScenario(overrides: Partial<ScenarioOptions> = {}): ScenarioFrame[] {
  const o: ScenarioOptions = { ...DEFAULT_SCENARIO, ...overrides };
  const random = seededRandom(o.seed);
  const walkers = makeWalkers(o, random);
  const frames: ScenarioFrame[] = [];
  for (let f = 0; f < o.frameCount; f++) {
    const truth: GroundTruthPerson[] = [];
    const detected: { pose: Pose; id: number | null }[] = [];
    const present = walkers.filter((w) => f >= w.enterFrame && f < w.exitFrame);
    const poses = present.map((w) => {
      const t = f - w.enterFrame;
      return standingPose(w.start[0] + w.velocity[0] * t, w.start[1] + w.velocity[1] * t, w.heightPx, 0.9, t * 0.3);
    });
    present.forEach((w, i) => {
      const pose = poses[i];
      truth.push({ id: w.id, pose });
      if (f > w.occludedUntilFrame && random() < o.occlusionRate)
        w.occludedUntilFrame = f + 2 + Math.floor(random() * 4);
      if (f <= w.occludedUntilFrame || random() < o.dropRate) return;
      if (o.mutualOcclusion && hiddenByOthers(pose, poses)) return;
      detected.push({ pose: noisy(pose, o.keypointNoise * w.heightPx, random), id: w.id });
    });
    // Poisson-ish false positives: a Bernoulli trial per expected tenth.
    for (let k = 0; k < 10; k++) {
      if (random() >= o.falsePositivesPerFrame / 10) continue;
      const h = o.heightPx[0] + random() * (o.heightPx[1] - o.heightPx[0]);
      detected.push({ pose: standingPose(random() * o.imageSize[0], random() * o.imageSize[1], h, 0.4), id: null });
    }
    // Shuffle (Fisher–Yates) so detection order says nothing about identity.
    for (let i = detected.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [detected[i], detected[j]] = [detected[j], detected[i]];
    }
    frames.push({
      frameIndex: f,
      truth,
      detections: detected.map((d) => d.pose),
      detectionTruthIds: detected.map((d) => d.id),
    });
  }
  return frames;
}

/** Whether someone in front (box bottom lower in the picture) covers more than MUTUAL_HIDDEN_FRACTION of the pose's box. */
function hiddenByOthers(pose: Pose, everyone: readonly Pose[]): boolean {
  const b = pose.box;
  const bottom = b.y + b.h;
  return everyone.some((other) => {
    const o = other.box;
    if (other === pose || o.y + o.h <= bottom) return false;
    const w = Math.min(b.x + b.w, o.x + o.w) - Math.max(b.x, o.x);
    const h = Math.min(bottom, o.y + o.h) - Math.max(b.y, o.y);
    return w > 0 && h > 0 && (w * h) / (b.w * b.h) > MUTUAL_HIDDEN_FRACTION;
  });
}
