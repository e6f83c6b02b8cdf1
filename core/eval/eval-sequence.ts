import { cocoToPoseTrack } from '../export/coco-to-posetrack';
import type { PtDocument, PtPerson } from '../export/posetrack-document';
import type { Keypoint } from '../types';
import { EVAL_JOINT_TO_SLOT, HEAD_SIZE_FACTOR, MISSING_JOINT_SCORE } from './joints';
import { pointInPolygon } from './point-in-polygon';

export interface EvalJoint {
  x: number;
  y: number;
  score: number;
}

export interface EvalPerson {
  trackId: number;
  /** By evaluation joint id (0–14); null where not annotated / not predicted. */
  joints: (EvalJoint | null)[];
  /** Ground truth only: 0.6 × head box diagonal, in pixels (NaN for a person without joints). */
  headSize: number;
}

export interface EvalFrame {
  name: string;
  /** People as the file lists them, including those with no joint (they still make a frame labelled). */
  people: EvalPerson[];
  ignoreRegions: [number, number][][];
}

/**
 * A PoseTrack document as the evaluation sees it: 15 joints per person (COCO-layout predictions
 * get their head points derived the same way the exporter does). A 2017 person without any
 * `annopoints[0].point` list is left out, as the official evaluation does; people with an empty
 * list stay (a ground-truth frame that lists people is evaluated even when none has a joint).
 */
export function toEvalFrames(doc: PtDocument, role: 'ground truth' | 'prediction'): EvalFrame[] {
  return doc.frames.map((frame, frameIndex) => ({
    name: frame.name,
    ignoreRegions: frame.ignoreRegions,
    people: frame.people.flatMap((person, i) =>
      person.noPointList ? [] : [toEvalPerson(doc, role, frameIndex, i, person)],
    ),
  }));
}

function toEvalPerson(doc: PtDocument, role: string, frameIndex: number, index: number, person: PtPerson): EvalPerson {
  const where = `${doc.file}: frame ${frameIndex} (${doc.frames[frameIndex].name}), person ${index}`;
  if (person.trackId === undefined)
    throw new Error(`${where}: the ${role} has no track_id, which tracking evaluation needs.`);
  let slots = person.keypoints;
  if (doc.schema === 'coco17') {
    const converted = cocoToPoseTrack(slots.map((k) => k ?? ([0, 0, 0] as Keypoint)));
    slots = converted.map((k) => (k[0] === 0 && k[1] === 0 && k[2] === 0 ? null : k));
  }
  // A predicted joint without a confidence ranks below every scored one, as in the official code.
  const scoreOf = (k: Keypoint) => (role === 'prediction' && !person.jointScores ? MISSING_JOINT_SCORE : k[2]);
  const joints = EVAL_JOINT_TO_SLOT.map((slot) => {
    const k = slots[slot];
    return k ? { x: k[0], y: k[1], score: scoreOf(k) } : null;
  });
  let headSize = NaN;
  if (role === 'ground truth' && joints.some((j) => j)) {
    if (!person.headBox)
      throw new Error(`${where}: the ground truth has no head box (bbox_head or x1..y2), which PCKh needs.`);
    const [, , w, h] = person.headBox;
    headSize = HEAD_SIZE_FACTOR * Math.hypot(w, h);
    if (!(headSize > 0))
      throw new Error(`${where}: the ground truth head box [${person.headBox.join(', ')}] is empty.`);
  }
  return { trackId: person.trackId, joints, headSize };
}

/**
 * Drops joints strictly inside the frame's ignore regions, and then every person left without a
 * joint (including people who had none to begin with), as the official evaluation does in frames
 * that have ignore regions. Frames without regions are returned unchanged.
 */
export function dropIgnored(people: EvalPerson[], regions: [number, number][][]): EvalPerson[] {
  if (regions.length === 0) return people;
  return people
    .map((p) => ({
      ...p,
      joints: p.joints.map((j) => (j && regions.some((r) => pointInPolygon(j.x, j.y, r)) ? null : j)),
    }))
    .filter((p) => p.joints.some((j) => j !== null));
}
