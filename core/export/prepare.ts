import path from 'node:path';
import { COCO17, POSETRACK18, getSchema } from '../keypoints/schema';
import type { Keypoint, TrackingResult, TrackedPose } from '../types';
import { MAX_TRACK_ID_EXCLUSIVE } from './schemas/posetrack18';
import { cocoToPoseTrack, DERIVED_POSETRACK_SLOTS } from './coco-to-posetrack';
import { headBoxFromPoseTrack } from './head-box';
import { cocoFlagsToPoseTrack, FLAG_LEGEND, poseFlags } from './flags';
import type { PosetrailInfo, PosetrailJoin } from './schemas/posetrail-info';
import { liveJoins, pieceLookup } from './pieces';

/** Which keypoint layout an export writes: PoseTrack's (derived head points) or the model's COCO output. */
export type KeypointExport = 'posetrack' | 'coco';

export interface PreparedPose {
  pose: TrackedPose;
  /** Keypoints in the exported layout. */
  keypoints: Keypoint[];
  /** The model's COCO output when `keypoints` were converted from it (kept for reopening). */
  rawCoco?: Keypoint[];
  /** [x, y, w, h]; from the PoseTrack head points, or the pose box's top when they are missing. */
  headBox: [number, number, number, number];
  /** KEYPOINT_FLAG bits per slot of `keypoints` (and of `rawCoco` in `rawCocoFlags`). */
  flags: number[];
  rawCocoFlags?: number[];
  /** For a pose of a joined identity: the id of the piece it was tracked in (see pieceLookup). */
  pieceId?: number;
}

export interface PreparedExport {
  videoStem: string;
  /** Frames in the video: every one gets an image entry, processed or not. */
  frameCount: number;
  keypointNames: readonly string[];
  /** 0-based skeleton edges of the exported layout. */
  skeleton: readonly (readonly [number, number])[];
  /** frame index → its poses, for processed frames. */
  posesByFrame: Map<number, PreparedPose[]>;
  info: PosetrailInfo;
}

/** The head of a person with no head points: the top sixth of the box, full width (a rough guess, never empty). */
const FALLBACK_HEAD_FRACTION_OF_BOX = 1 / 6;

/** `images/<stem>/000042.jpg`: PoseTrack's frame naming. */
export function imageFileName(videoStem: string, frameIndex: number): string {
  return `images/${videoStem}/${String(frameIndex).padStart(6, '0')}.jpg`;
}

/** Checks what every format relies on and converts the keypoints once for all writers. */
export function prepareExport(result: TrackingResult, keypoints: KeypointExport): PreparedExport {
  const schema = getSchema(result.schema);
  const convert = keypoints === 'posetrack' && schema.id === 'coco17';
  const exported = keypoints === 'coco' ? COCO17 : POSETRACK18;
  if (keypoints === 'coco' && schema.id !== 'coco17') {
    throw new Error(
      `Cannot export COCO keypoints: the result uses the ${schema.id} layout, which has no eyes or ears.`,
    );
  }
  const lastIndex = result.frames.length ? result.frames[result.frames.length - 1].frameIndex : -1;
  const frameCount = Math.max(result.video.frameCount, lastIndex + 1);
  const posesByFrame = new Map<number, PreparedPose[]>();
  const pieceOf = pieceLookup(result);
  let previousIndex = -1;
  for (const frame of result.frames) {
    if (!Number.isInteger(frame.frameIndex) || frame.frameIndex <= previousIndex) {
      throw new Error(`Frame indices must be increasing integers; frame ${frame.frameIndex} follows ${previousIndex}.`);
    }
    previousIndex = frame.frameIndex;
    checkTrackIds(frame.frameIndex, frame.poses);
    posesByFrame.set(
      frame.frameIndex,
      frame.poses.map((pose) =>
        withPiece(
          preparePose(frame.frameIndex, pose, schema.id === 'coco17', convert),
          pieceOf(pose.trackId, frame.frameIndex),
        ),
      ),
    );
  }
  const videoStem = path.parse(result.video.path).name || 'video';
  return {
    videoStem,
    frameCount,
    keypointNames: exported.names,
    skeleton: exported.skeleton,
    posesByFrame,
    info: {
      format_version: 1,
      keypoint_schema: exported.id,
      source_schema: schema.id,
      derived_keypoints: convert ? [...DERIVED_POSETRACK_SLOTS] : [],
      video: result.video,
      models: result.models,
      ...(result.executionProvider ? { execution_provider: result.executionProvider } : {}),
      keypoint_flag_bits: FLAG_LEGEND,
      ...joinsInfo(result),
    },
  };
}

function withPiece(prepared: PreparedPose, pieceId: number | undefined): PreparedPose {
  return pieceId === undefined ? prepared : { ...prepared, pieceId };
}

/** The live joins as the files' `posetrail.joins`, when there are any. */
function joinsInfo(result: TrackingResult): { joins?: PosetrailJoin[] } {
  const joins = liveJoins(result);
  if (joins.length === 0) return {};
  return {
    joins: joins.map((j) => ({
      track_id: j.trackId,
      piece_id: j.pieceId,
      end_frame: j.endFrame,
      start_frame: j.startFrame,
      gap_frames: j.gapFrames,
      distance: j.distance,
      appearance: j.appearance,
      cost: j.cost,
    })),
  };
}

function checkTrackIds(frameIndex: number, poses: readonly TrackedPose[]): void {
  const seen = new Set<number>();
  for (const { trackId } of poses) {
    if (!Number.isInteger(trackId) || trackId < 0 || trackId >= MAX_TRACK_ID_EXCLUSIVE) {
      throw new Error(
        `Frame ${frameIndex}: track id ${trackId} is not an integer in 0..${MAX_TRACK_ID_EXCLUSIVE - 1} (PoseTrack's limit).`,
      );
    }
    if (seen.has(trackId))
      throw new Error(`Frame ${frameIndex}: track id ${trackId} appears twice; ids must be unique per frame.`);
    seen.add(trackId);
  }
}

/** `fromCoco`: the pose uses COCO-17 (head points derived for the head box); `convert`: export them. */
function preparePose(frameIndex: number, pose: TrackedPose, fromCoco: boolean, convert: boolean): PreparedPose {
  if (pose.keypoints.length !== 17) {
    throw new Error(`Frame ${frameIndex}, track ${pose.trackId}: expected 17 keypoints, got ${pose.keypoints.length}.`);
  }
  for (const [x, y, s] of pose.keypoints) {
    if (![x, y, s].every(Number.isFinite)) {
      throw new Error(`Frame ${frameIndex}, track ${pose.trackId}: keypoint [${x}, ${y}, ${s}] is not finite.`);
    }
  }
  const posetrackLayout = fromCoco ? cocoToPoseTrack(pose.keypoints) : pose.keypoints;
  const keypoints = convert ? posetrackLayout : pose.keypoints.map((k) => [...k] as Keypoint);
  const headBox = headBoxFromPoseTrack(posetrackLayout) ?? fallbackHeadBox(pose);
  const ownFlags = poseFlags(pose);
  const flags = convert ? cocoFlagsToPoseTrack(ownFlags) : ownFlags;
  return { pose, keypoints, headBox, flags, ...(convert ? { rawCoco: pose.keypoints, rawCocoFlags: ownFlags } : {}) };
}

function fallbackHeadBox(pose: TrackedPose): [number, number, number, number] {
  const { x, y, w, h } = pose.box;
  return [x, y, w, h * FALLBACK_HEAD_FRACTION_OF_BOX];
}
