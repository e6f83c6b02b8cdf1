import { z } from 'zod';
import { COCO17, POSETRACK18 } from '../keypoints/schema';
import type { KeypointSchemaId, TrackingResult } from '../types';
import { prepareExport, type KeypointExport } from './prepare';
import { VideoInfoSchema } from './schemas/posetrail-info';

/**
 * Poses as the array formats (SLEAP's analysis file, DeepLabCut's table, NWB's series) hold them:
 * one slot per frame × track × keypoint, NaN where a track has no pose or a keypoint is missing.
 * Index with `denseIndex`; frames run from 0 to `frameCount − 1`.
 */
export interface DenseTracks {
  frameCount: number;
  trackIds: number[];
  /** One unique name per track: the name given in the app, else `track_<id>`. */
  trackNames: string[];
  nodeNames: readonly string[];
  /** 0-based keypoint index pairs. */
  edges: readonly (readonly [number, number])[];
  /** [frame][track][node], pixels; NaN where missing. */
  x: Float64Array;
  y: Float64Array;
  /** [frame][track][node], 0..1; NaN where missing. */
  score: Float64Array;
  /** [frame][track]: the pose score; NaN where the track has no pose. */
  poseScore: Float64Array;
}

/** What only Posetrail reads back from an array format: ids, timing, models, the processed span. */
export const DenseInfoSchema = z.object({
  format_version: z.literal(1),
  track_ids: z.array(z.number().int().nonnegative()),
  video: VideoInfoSchema,
  models: z.object({ detector: z.string(), pose: z.string() }),
  /** First and last processed frame (frames without poses in between were processed too). */
  processed_frames: z.tuple([z.number().int(), z.number().int()]).nullable(),
});
export type DenseInfo = z.infer<typeof DenseInfoSchema>;

export function denseIndex(
  d: Pick<DenseTracks, 'trackIds' | 'nodeNames'>,
  frame: number,
  track: number,
  node = 0,
): number {
  return (frame * d.trackIds.length + track) * d.nodeNames.length + node;
}

/** The name a track without a given name gets, which reading turns back into its id. */
export function defaultDenseName(trackId: number): string {
  return `track_${trackId}`;
}

export interface DenseOptions {
  keypoints: KeypointExport;
  trackNames?: Record<number, string>;
  /** 'last-pose': frames up to the last one with a pose (SLEAP); 'video': every frame of the video. */
  span: 'last-pose' | 'video';
}

/** A result as dense arrays: only tracks that have poses, ordered by id. */
export function toDenseTracks(result: TrackingResult, opts: DenseOptions): DenseTracks {
  const prepared = prepareExport(result, opts.keypoints);
  const ids = new Set<number>();
  let lastPoseFrame = -1;
  for (const [frameIndex, poses] of prepared.posesByFrame) {
    for (const p of poses) ids.add(p.pose.trackId);
    if (poses.length) lastPoseFrame = Math.max(lastPoseFrame, frameIndex);
  }
  const trackIds = [...ids].sort((a, b) => a - b);
  const frameCount = opts.span === 'video' ? prepared.frameCount : lastPoseFrame + 1;
  const dense: DenseTracks = {
    frameCount,
    trackIds,
    trackNames: uniqueNames(trackIds, opts.trackNames ?? {}),
    nodeNames: prepared.keypointNames,
    edges: prepared.skeleton,
    ...emptyArrays(frameCount, trackIds.length, prepared.keypointNames.length),
  };
  const column = new Map(trackIds.map((id, i) => [id, i]));
  for (const [frameIndex, poses] of prepared.posesByFrame) {
    for (const p of poses) {
      const track = column.get(p.pose.trackId)!;
      dense.poseScore[frameIndex * trackIds.length + track] = p.pose.score;
      p.keypoints.forEach(([x, y, s], node) => {
        if (s === 0 && x === 0 && y === 0) return;
        const at = denseIndex(dense, frameIndex, track, node);
        [dense.x[at], dense.y[at], dense.score[at]] = [x, y, s];
      });
    }
  }
  return dense;
}

export function emptyArrays(
  frames: number,
  tracks: number,
  nodes: number,
): Pick<DenseTracks, 'x' | 'y' | 'score' | 'poseScore'> {
  const filled = (n: number) => new Float64Array(n).fill(NaN);
  return {
    x: filled(frames * tracks * nodes),
    y: filled(frames * tracks * nodes),
    score: filled(frames * tracks * nodes),
    poseScore: filled(frames * tracks),
  };
}

function uniqueNames(trackIds: number[], given: Record<number, string>): string[] {
  const names = trackIds.map((id) => given[id]?.trim() || defaultDenseName(id));
  return names.map((name, i) => (names.indexOf(name) === i ? name : `${name} (${defaultDenseName(trackIds[i])})`));
}

/** The keypoint layout named by a file's node names, or an error naming the file. */
export function schemaFromNodeNames(file: string, nodeNames: readonly string[]): KeypointSchemaId {
  // A file without any keypoint columns (nobody tracked) holds no pose to lay out.
  if (nodeNames.length === 0) return COCO17.id;
  for (const schema of [COCO17, POSETRACK18]) {
    if (schema.names.length === nodeNames.length && schema.names.every((name, i) => name === nodeNames[i]))
      return schema.id;
  }
  throw new Error(
    `${file}: its keypoints (${nodeNames.join(', ')}) are neither COCO-17's nor PoseTrack 2018's 17 keypoints in order, which Posetrail needs.`,
  );
}

/** Track ids for names read from a file: `track_<id>` gives its id, other names the next free ids. */
export function idsFromNames(names: readonly string[]): number[] {
  const parsed = names.map((name) => /^track_(\d+)$/.exec(name));
  const used = new Set(parsed.flatMap((m) => (m ? [Number(m[1])] : [])));
  let next = used.size ? Math.max(...used) + 1 : 0;
  return parsed.map((m, i) => (m && parsed.findIndex((o) => o?.[1] === m[1]) === i ? Number(m[1]) : next++));
}

/** Names given in the app, by id: every name that is not the default one. */
export function givenNames(trackIds: readonly number[], names: readonly string[]): Record<number, string> {
  const given: Record<number, string> = {};
  trackIds.forEach((id, i) => {
    if (names[i] !== defaultDenseName(id)) given[id] = names[i];
  });
  return given;
}
