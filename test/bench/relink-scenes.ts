/**
 * Generated scenes for the re-link benchmark, rendered to pixels so the tracker's colour
 * description takes part: people in distinct clothes walk across a 960×540 picture; an
 * `occluder` scene hides everyone who passes behind a pillar, an `exits` scene has people walk
 * out at the side and come back within a chosen time. Deterministic for a seed.
 */
import { standingPose } from '../helpers/simulate-tracks';
import { seededRandom } from '../../core/util/random';
import type { Frame, Keypoint, Pose } from '../../core/types';

export const SCENE_SIZE: [width: number, height: number] = [960, 540];
export const SCENE_FPS = 30;

export interface SceneFrame {
  frame: Frame;
  /** The people in sight, at their true poses. */
  truth: { id: number; pose: Pose }[];
  detections: Pose[];
}

export interface SceneOptions {
  kind: 'occluder' | 'exits';
  seed: number;
  peopleCount: number;
  frameCount: number;
  /** Longest time a person is out of sight, in frames. */
  maxGapFrames: number;
}

interface Walker {
  id: number;
  y: number;
  heightPx: number;
  speed: number;
  x0: number;
  colour: [number, number, number];
  trousers: [number, number, number];
}

/** Where walker w is at frame f and whether they can be seen. */
function place(w: Walker, f: number, o: SceneOptions): { x: number; visible: boolean } {
  const [width] = SCENE_SIZE;
  if (o.kind === 'occluder') {
    // Back and forth across the picture; a pillar in the middle hides whoever passes behind it.
    const span = width - 120;
    const travel = (w.x0 + w.speed * f) % (2 * span);
    const x = 60 + (travel < span ? travel : 2 * span - travel);
    return { x, visible: Math.abs(x - width / 2) > PILLAR_HALF_WIDTH_PX };
  }
  // Out at the right edge and back: the turn happens outside the picture.
  const outsideFrames = Math.min(o.maxGapFrames, 60);
  const lap = (2 * (width - 100)) / w.speed + outsideFrames;
  const t = (w.x0 / w.speed + f) % lap;
  const inward = (width - 100) / w.speed;
  if (t < inward) return { x: 100 + w.speed * t, visible: true };
  if (t < inward + outsideFrames) return { x: Infinity, visible: false };
  return { x: width - w.speed * (t - inward - outsideFrames), visible: true };
}

const PILLAR_HALF_WIDTH_PX = 70;

export function generateScene(o: SceneOptions): SceneFrame[] {
  const random = seededRandom(o.seed);
  const [width, height] = SCENE_SIZE;
  const colour = (): [number, number, number] => [
    40 + Math.floor(random() * 200),
    40 + Math.floor(random() * 200),
    40 + Math.floor(random() * 200),
  ];
  const walkers: Walker[] = Array.from({ length: o.peopleCount }, (_, id) => ({
    id,
    y: 150 + (id * (height - 300)) / Math.max(1, o.peopleCount - 1) + random() * 20,
    heightPx: 150 + random() * 60,
    // Fast enough to pass behind the pillar within maxGapFrames.
    speed: Math.max(2, (2 * PILLAR_HALF_WIDTH_PX) / o.maxGapFrames) + random() * 2.5,
    x0: random() * 1500,
    colour: colour(),
    trousers: colour(),
  }));
  return Array.from({ length: o.frameCount }, (_, f) => {
    const rgb = new Uint8Array(width * height * 3).fill(110);
    const truth: SceneFrame['truth'] = [];
    const detections: Pose[] = [];
    for (const w of walkers) {
      const { x, visible } = place(w, f, o);
      if (!(x >= 0 && x <= width)) continue;
      // Someone wholly hidden is not in the truth (as MOT benchmarks leave out fully occluded people):
      // what counts is that they keep their id when they are seen again.
      if (!visible) continue;
      const pose = standingPose(x, w.y, w.heightPx, 0.9, f * 0.3);
      truth.push({ id: w.id, pose });
      paintPerson(rgb, width, height, pose, w);
      if (random() > 0.02) detections.push(o.kind === 'occluder' ? besidePillar(pose, width) : pose);
    }
    if (o.kind === 'occluder')
      paintRect(
        rgb,
        width,
        height,
        width / 2 - PILLAR_HALF_WIDTH_PX,
        0,
        2 * PILLAR_HALF_WIDTH_PX,
        height,
        [90, 90, 90],
      );
    return { frame: { index: f, timestampMs: (f * 1000) / SCENE_FPS, width, height, rgb }, truth, detections };
  });
}

/** Joints behind the pillar are guessed on its edge, this much less confidently. */
const GUESSED_JOINT_SCORE_FACTOR = 0.7;

/**
 * What a detector and pose model give for someone partly behind the pillar: the box cut at its
 * edge, and the joints behind it guessed on the edge (as they are before a real occluder). Whole
 * people come through as they are.
 */
function besidePillar(pose: Pose, width: number): Pose {
  const [left, right] = [width / 2 - PILLAR_HALF_WIDTH_PX, width / 2 + PILLAR_HALF_WIDTH_PX];
  const { x, w } = pose.box;
  if (x + w <= left || x >= right) return pose;
  const [from, to, edge] = x + w / 2 >= width / 2 ? [right, x + w, right] : [x, left, left];
  const keypoints = pose.keypoints.map(
    ([kx, ky, score]): Keypoint =>
      kx >= left && kx < right ? [edge, ky, score * GUESSED_JOINT_SCORE_FACTOR] : [kx, ky, score],
  );
  return { ...pose, keypoints, box: { ...pose.box, x: from, w: to - from } };
}

/** Shirt from the box top to the hips, trousers below. */
function paintPerson(rgb: Uint8Array, width: number, height: number, pose: Pose, w: Walker): void {
  const { x, y, w: bw, h } = pose.box;
  const hipY = pose.keypoints[11][1];
  paintRect(rgb, width, height, x, y, bw, hipY - y, w.colour);
  paintRect(rgb, width, height, x, hipY, bw, y + h - hipY, w.trousers);
}

function paintRect(
  rgb: Uint8Array,
  width: number,
  height: number,
  x: number,
  y: number,
  w: number,
  h: number,
  c: [number, number, number],
): void {
  for (let yy = Math.max(0, Math.floor(y)); yy < Math.min(height, Math.ceil(y + h)); yy++) {
    for (let xx = Math.max(0, Math.floor(x)); xx < Math.min(width, Math.ceil(x + w)); xx++)
      rgb.set(c, (yy * width + xx) * 3);
  }
}
