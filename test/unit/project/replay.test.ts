import { describe, expect, it } from 'vitest';
import type { TrackEdit } from '../../../core/api/pose-api';
import { applyTrackEdit, initialState, type EditedState } from '../../../core/project/project-state';
import { MAX_REPLAY_POSE_VISITS, replayEdits } from '../../../core/project/replay';
import { seededRandom } from '../../../core/util/random';
import type { TrackingResult, VideoInfo } from '../../../core/types';
import { fixtureResult } from '../../helpers/project-fixture';

const video = { path: '/clip.mp4', width: 640, height: 480, fps: { num: 30, den: 1 }, frameCount: 8000 } as VideoInfo;

/** What replay must equal: the pure reducer, edit after edit (or the error it stops at). */
function reduceAll(base: TrackingResult, edits: TrackEdit[]): EditedState | Error {
  try {
    return edits.reduce(applyTrackEdit, initialState(base));
  } catch (error) {
    return error as Error;
  }
}

function randomEdit(random: () => number, frames: number, tracks: number): TrackEdit {
  const id = () => Math.floor(random() * (tracks + 2));
  const frame = () => Math.floor(random() * frames);
  const pick = random();
  if (pick < 0.3)
    return {
      kind: 'swap',
      trackIdA: id(),
      trackIdB: id(),
      frameIndex: frame(),
      ...(random() < 0.4 && { toFrameIndex: frame() }),
    };
  if (pick < 0.45) return { kind: 'split', trackId: id(), frameIndex: frame() };
  if (pick < 0.5) return { kind: 'delete', trackId: id() };
  if (pick < 0.6) return { kind: 'rename', trackId: id(), name: ` P${id()} ` };
  if (pick < 0.65) return { kind: 'setHidden', trackId: id(), hidden: random() < 0.5 };
  if (pick < 0.75)
    return { kind: 'merge', targetId: id(), sourceId: id(), overlap: random() < 0.5 ? 'keep-source' : 'drop-source' };
  if (pick < 0.85) return { kind: 'deleteRange', trackId: id(), fromFrameIndex: frame(), toFrameIndex: frame() };
  return { kind: 'givePose', frameIndex: frame(), fromTrackId: id(), toTrackId: id() };
}

describe('replayEdits', () => {
  it('gives what the pure reducer gives, errors included, over random edit lists', () => {
    const random = seededRandom(25);
    for (let round = 0; round < 300; round++) {
      const frames = 3 + Math.floor(random() * 12);
      const base = fixtureResult({ ...video, frameCount: frames }, frames, 1 + Math.floor(random() * 3));
      // Gaps: some people are missing on some frames.
      for (const frame of base.frames) frame.poses = frame.poses.filter(() => random() < 0.8);
      const edits = Array.from({ length: 1 + Math.floor(random() * 8) }, () => randomEdit(random, frames, 3));
      const before = structuredClone(base);
      const expected = reduceAll(base, edits);
      if (expected instanceof Error) expect(() => replayEdits(base, edits)).toThrow(expected.message);
      else expect(replayEdits(base, edits)).toEqual(expected);
      expect(base, 'the tracked result is never changed').toEqual(before);
    }
  });

  it('replays 8000 swaps over 8000 frames visiting each affected pose once', () => {
    const base = fixtureResult(video, 8000);
    const edits: TrackEdit[] = Array.from({ length: 8000 }, (_, frameIndex) => ({
      kind: 'swap',
      trackIdA: 0,
      trackIdB: 1,
      frameIndex,
    }));
    const stats = { posesVisited: 0 };
    const started = performance.now();
    const state = replayEdits(base, edits, {}, stats);
    const elapsedMs = performance.now() - started;
    // Swap i touches frames i…7999 (2 poses each), plus reading and writing the 16000 ids back.
    expect(stats.posesVisited).toBe(8000 * 8001 + 3 * 16_000);
    // About 0.15 s on an idle 2-core machine; the old replay took over 100 s. The bound leaves room for a loaded machine.
    expect(elapsedMs).toBeLessThan(10_000);
    // Frame f is swapped by the f + 1 swaps from frames 0…f: back to its own ids when that is even.
    expect(state.result.frames[7999].poses.map((p) => p.trackId)).toEqual([0, 1]);
    expect(state.result.frames[7998].poses.map((p) => p.trackId)).toEqual([1, 0]);
  });

  it('refuses a file whose edits would take longer than the bound, naming it', () => {
    const base = fixtureResult({ ...video, frameCount: 100_000 }, 100_000);
    const swaps = Math.ceil(MAX_REPLAY_POSE_VISITS / 200_000) + 1;
    const edits: TrackEdit[] = Array.from({ length: swaps }, () => ({
      kind: 'swap',
      trackIdA: 0,
      trackIdB: 1,
      frameIndex: 0,
    }));
    expect(() => replayEdits(base, edits, { source: 'Project file clip.posetrail.json' })).toThrow(
      `Project file clip.posetrail.json has more edits than can be replayed over its 100000 frames (over ${MAX_REPLAY_POSE_VISITS} pose visits); the file is damaged or hostile.`,
    );
  });
});
