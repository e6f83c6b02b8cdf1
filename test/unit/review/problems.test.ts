import { describe, expect, it } from 'vitest';
import { bySeverity, detectProblems } from '../../../core/review/problems';
import type { TrackingResult } from '../../../core/types';
import { makeScene, type Walker } from '../analysis/scene';

// Two rows of people crossing on a 1920×1080 picture. Row 1 (tracks 0, 1) meets near frame 153,
// row 2 (tracks 2, 3) near frame 184; the one walking in front is 50–60 px lower, as people are.
const ROW1: Walker[] = [
  { x0: 40, y0: 300, vx: 6, vy: 0 },
  { x0: 1880, y0: 360, vx: -6, vy: 0 },
];
const ROW2: Walker[] = [
  { x0: 40, y0: 700, vx: 5, vy: 0 },
  { x0: 1880, y0: 750, vx: -5, vy: 0 },
];

function scene(seed: number, swaps: { frameIndex: number; trackIds: [number, number] }[]): TrackingResult {
  return makeScene({ walkers: [...ROW1, ...ROW2], frames: 300, noisePx: 2, seed, swaps, width: 1920, height: 1080 });
}

const near = (frame: number, target: number) => Math.abs(frame - target) <= 1;

describe('detectProblems on generated scenes with known identity switches', () => {
  it.each([1, 2, 3, 4, 5])(
    'ranks the one true swap first, above a crossing the tracker got right (seed %i)',
    (seed) => {
      const ranked = bySeverity(detectProblems(scene(seed, [{ frameIndex: 154, trackIds: [0, 1] }])));
      expect(ranked[0].kind).toBe('likely-swap');
      expect(ranked[0].trackIds).toEqual([0, 1]);
      expect(near(ranked[0].frameIndex, 154)).toBe(true);
      const rightCrossing = ranked.findIndex((p) => p.kind === 'likely-swap' && p.trackIds.join() === '2,3');
      if (rightCrossing >= 0) expect(ranked[rightCrossing].severity).toBeLessThan(ranked[0].severity - 0.1);
    },
  );

  it('puts both true swaps of a scene in the top two', () => {
    const ranked = bySeverity(
      detectProblems(
        scene(9, [
          { frameIndex: 154, trackIds: [0, 1] },
          { frameIndex: 185, trackIds: [2, 3] },
        ]),
      ),
    );
    const top = ranked
      .slice(0, 2)
      .map((p) => `${p.kind}:${p.trackIds.join('-')}`)
      .sort();
    expect(top).toEqual(['likely-swap:0-1', 'likely-swap:2-3']);
    expect(ranked.slice(0, 2).every((p) => near(p.frameIndex, 154) || near(p.frameIndex, 185))).toBe(true);
  });

  it('reports nothing on clean straight walks apart from where people cross', () => {
    const problems = detectProblems(scene(3, []));
    expect(problems.filter((p) => p.kind !== 'likely-swap')).toEqual([]);
  });

  it('finds a fragment that starts and ends mid-picture, a jumping wrist and a confidence collapse', () => {
    const result = makeScene({
      walkers: [...ROW1, { x0: 900, y0: 700, vx: 0, vy: 0, firstFrame: 50, lastFrame: 80 }],
      frames: 120,
      noisePx: 2,
      seed: 4,
      width: 1920,
      height: 1080,
    });
    const wrist = result.frames[60].poses.find((p) => p.trackId === 0)!.keypoints[9];
    wrist[0] += 150;
    for (let f = 90; f < 95; f++) result.frames[f].poses.find((p) => p.trackId === 1)!.score = 0.2;
    const found = detectProblems(result).map((p) => `${p.kind}@${p.frameIndex}:${p.trackIds.join('-')}`);
    expect(found).toEqual(
      expect.arrayContaining(['track-start@50:2', 'track-end@80:2', 'keypoint-jump@60:0', 'confidence-drop@90:1']),
    );
    // The wrist jumps out on frame 60 and back on 61: one streak, listed once.
    expect(found.filter((p) => p.startsWith('keypoint-jump'))).toEqual(['keypoint-jump@60:0']);
    expect(found.filter((p) => p.startsWith('confidence-drop'))).toEqual(['confidence-drop@90:1']);
    expect(found.some((p) => p.startsWith('track-start@0') || p.startsWith('track-end@119'))).toBe(false);
  });

  it('lists a streak of weak matches (a person lost in glare) once, from its first frame', () => {
    const result = makeScene({ walkers: ROW1, frames: 60, noisePx: 2, seed: 6, width: 1920, height: 1080 });
    // Track 0's keypoints are garbage on frames 20–29: every one of them matches badly.
    for (let f = 20; f < 30; f++)
      for (const k of result.frames[f].poses.find((p) => p.trackId === 0)!.keypoints) k[1] += 40 * ((f % 3) - 1) + 30;
    const weak = detectProblems(result).filter((p) => p.kind === 'weak-match');
    expect(weak.map((p) => p.frameIndex)).toEqual([20]);
    expect(weak[0].detail).toMatch(/\d+× in frames 20–3[01]$/);
  });

  it('finds lost frames inside a track and a track handed to another person', () => {
    const result = makeScene({
      walkers: [...ROW1, ...ROW2],
      frames: 120,
      noisePx: 2,
      seed: 5,
      width: 1920,
      height: 1080,
    });
    for (let f = 30; f <= 35; f++) result.frames[f].poses = result.frames[f].poses.filter((p) => p.trackId !== 0);
    // From frame 90 track 2 (lower row) carries track 1's person: merged into one id, 1 ends there.
    for (let f = 90; f < 120; f++) {
      result.frames[f].poses = result.frames[f].poses
        .filter((p) => p.trackId !== 2)
        .map((p) => (p.trackId === 1 ? { ...p, trackId: 2 } : p));
    }
    const found = detectProblems(result);
    expect(found.find((p) => p.kind === 'track-gap')).toMatchObject({
      frameIndex: 30,
      lastFrameIndex: 35,
      trackIds: [0],
      detail: 'missing on 6 frames (30–35)',
    });
    expect(found.filter((p) => p.kind === 'identity-jump').map((p) => `${p.frameIndex}:${p.trackIds.join()}`)).toEqual([
      '90:2',
    ]);
  });

  it('gives every problem a stable id, a severity in 0..1 and frame order', () => {
    const a = detectProblems(scene(2, [{ frameIndex: 154, trackIds: [0, 1] }]));
    const b = detectProblems(scene(2, [{ frameIndex: 154, trackIds: [0, 1] }]));
    expect(a.map((p) => p.id)).toEqual(b.map((p) => p.id));
    expect(a.every((p) => p.severity >= 0 && p.severity <= 1)).toBe(true);
    expect(a.map((p) => p.frameIndex)).toEqual([...a.map((p) => p.frameIndex)].sort((x, y) => x - y));
  });
});
