import type { FramePoses, TrackJoin } from '../types';
import { minCostAssignment } from '../util/min-cost-assignment';
import type { Appearance } from './appearance';
import { compareAppearance, type AppearanceThresholds } from './appearance-verdict';
import { predictBox } from './motion';
import { poseShapeSimilarity } from './pose-shape';
import { relinkCost, type RelinkCostOptions } from './relink-cost';
import { trackPieces, type TrackPiece } from './track-pieces';
import { backwardScore, headingsOppose, leftAndReturnedAtEdge } from './stitch-gates';

export interface StitchOptions extends RelinkCostOptions, AppearanceThresholds {
  /** Pieces further apart than this many unseen frames are never joined. */
  maxGapFrames: number;
  motionDampingPerFrame: number;
  minKeypointScore: number;
  /** The picture's [width, height]: someone who leaves at a border may come back there the other way round. */
  pictureSizePx?: readonly [number, number];
  /** The colours of each track id, when the tracker saw pixels. */
  appearanceOf?: (trackId: number) => Appearance | undefined;
}

export interface StitchResult {
  frames: FramePoses[];
  joins: TrackJoin[];
}

interface Candidate {
  end: number;
  start: number;
  join: Omit<TrackJoin, 'trackId'>;
}

/**
 * Joins track pieces that belong to one person after a run: every (end of one piece, start of a
 * later one) pair separated by at most maxGapFrames unseen frames is scored by relinkCost (the
 * earlier piece's damped motion extrapolated over the gap, pose shape, appearance), and one global
 * minimum-cost assignment picks the joins — each end continues at most one start and the other
 * way round, and leaving an end unjoined costs relinkMaxCost. Pieces that overlap in time are
 * never joined. A chain of joined pieces takes the id of its earliest piece.
 *
 * The assignment is solved per connected group of candidate pairs, so a long video costs little
 * more than its pieces' local neighbourhoods.
 */
export function stitchTracks(frames: readonly FramePoses[], options: StitchOptions): StitchResult {
  const pieces = trackPieces(frames);
  const candidates = candidatePairs(pieces, options);
  const chosen = new Map<number, Candidate>(); // start piece → its join
  for (const group of connectedGroups(candidates)) {
    for (const pick of assignGroup(group, options.relinkMaxCost)) chosen.set(pick.start, pick);
  }
  if (chosen.size === 0) return { frames: [...frames], joins: [] };
  const rootOf = (piece: number): number => {
    let p = piece;
    for (let join = chosen.get(p); join; join = chosen.get(p)) p = join.end;
    return pieces[p].trackId;
  };
  const newId = new Map<number, number>();
  pieces.forEach((piece, i) => newId.set(piece.trackId, rootOf(i)));
  const joins = [...chosen.values()]
    .map((c) => ({ trackId: rootOf(c.end), ...c.join }))
    .sort((a, b) => a.startFrame - b.startFrame || a.trackId - b.trackId);
  const relabelled = frames.map((frame) =>
    frame.poses.some((pose) => newId.get(pose.trackId) !== pose.trackId)
      ? { ...frame, poses: frame.poses.map((pose) => ({ ...pose, trackId: newId.get(pose.trackId)! })) }
      : frame,
  );
  return { frames: relabelled, joins };
}

/** Cost added for a gap of the full maximum length (proportionally less for shorter ones). */
const GAP_COST = 0.1;

function candidatePairs(pieces: readonly TrackPiece[], options: StitchOptions): Candidate[] {
  const byStart = pieces.map((_, i) => i).sort((a, b) => pieces[a].startFrame - pieces[b].startFrame);
  const candidates: Candidate[] = [];
  pieces.forEach((earlier, e) => {
    const appearanceA = options.appearanceOf?.(earlier.trackId);
    for (let k = firstStartAfter(byStart, pieces, earlier.endFrame); k < byStart.length; k++) {
      const s = byStart[k];
      const later = pieces[s];
      const gapFrames = later.startFrame - earlier.endFrame - 1;
      if (gapFrames > options.maxGapFrames) break;
      const appearanceB = options.appearanceOf?.(later.trackId);
      // Different people by appearance are never joined (relinkCost's veto).
      const appearance = compareAppearance(appearanceA, appearanceB, 'long', options);
      // From the earlier piece's last whole view: a piece that ends behind an occluder ends on
      // boxes cut by its edge, and both pieces' joints near the occluder are guesses.
      const framesSinceWhole = later.startFrame - earlier.lastWholeFrame;
      const shape = poseShapeSimilarity(
        earlier.lastWholePose.keypoints,
        later.firstWholePose.keypoints,
        options.minKeypointScore,
      );
      const forward = relinkCost(
        {
          predictedBox: predictBox(
            earlier.lastWholePose.box,
            earlier.endMotion,
            framesSinceWhole,
            options.motionDampingPerFrame,
          ),
          fromBox: earlier.lastWholePose.box,
          box: later.firstPose.box,
          heightPx: earlier.endHeightPx,
          returningHeightPx: later.startHeightPx,
          gapFrames: framesSinceWhole - 1,
          shape,
          appearance,
        },
        options,
      );
      // The later piece's own motion must lead back to where the earlier one ended (see backwardScore).
      const backward = backwardScore(earlier, later, shape, appearance, options);
      const turnedOutside = leftAndReturnedAtEdge(earlier, later, options.pictureSizePx);
      if (!forward || !backward || (headingsOppose(earlier, later) && !turnedOutside)) continue;
      const score = forward.cost >= backward.cost ? forward : backward;
      // Longer gaps are less sure: the cost grows with the share of the maximum gap used.
      const cost = score.cost + GAP_COST * (gapFrames / Math.max(options.maxGapFrames, 1));
      if (cost >= options.relinkMaxCost) continue;
      candidates.push({
        end: e,
        start: s,
        join: {
          pieceId: later.trackId,
          endFrame: earlier.endFrame,
          startFrame: later.startFrame,
          gapFrames,
          distance: score.distance,
          appearance: appearance?.similarity ?? null,
          cost,
        },
      });
    }
  });
  return candidates;
}

/** Index in byStart of the first piece starting after `frame` (binary search). */
function firstStartAfter(byStart: readonly number[], pieces: readonly TrackPiece[], frame: number): number {
  let lo = 0;
  let hi = byStart.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pieces[byStart[mid]].startFrame > frame) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Candidate pairs grouped so that no end or start appears in two groups (union–find). */
function connectedGroups(candidates: readonly Candidate[]): Candidate[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  for (const c of candidates) {
    const a = find(`e${c.end}`);
    const b = find(`s${c.start}`);
    parent.set(a, a);
    if (a !== b) parent.set(b, a);
  }
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const root = find(`e${c.end}`);
    const group = groups.get(root);
    if (group) group.push(c);
    else groups.set(root, [c]);
  }
  return [...groups.values()];
}

/** Minimum total cost over one group, where each end may also stay unjoined at `unjoinedCost`. */
function assignGroup(group: readonly Candidate[], unjoinedCost: number): Candidate[] {
  const ends = [...new Set(group.map((c) => c.end))];
  const starts = [...new Set(group.map((c) => c.start))];
  const byPair = new Map(group.map((c) => [`${c.end}:${c.start}`, c]));
  const cost = ends.map((end, r) => [
    ...starts.map((start) => byPair.get(`${end}:${start}`)?.join.cost ?? NaN),
    ...ends.map((_, k) => (k === r ? unjoinedCost : NaN)),
  ]);
  return minCostAssignment(cost).flatMap(([r, c]) =>
    c < starts.length ? [byPair.get(`${ends[r]}:${starts[c]}`)!] : [],
  );
}
