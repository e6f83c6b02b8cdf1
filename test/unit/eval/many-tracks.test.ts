import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { evaluate } from '../../../core/eval/evaluate';
import { nearbyPairs } from '../../../core/eval/nearby-pairs';
import { minCostAssignment } from '../../../core/util/min-cost-assignment';
import { sparseAssignment, type AssignmentEdge } from '../../../core/util/sparse-assignment';
import { posetrack18, tempDir, writeJson, type Frame } from './fixtures';

/**
 * Issue 25, item 12: eval grew about cubically with the people in a frame (2000 tracks in a 1 MB
 * file took 14 s): every pair was measured and every joint's assignment solved over all of them.
 * Only nearby pairs are measured now, and assignments are solved per group of people that could
 * match, so people spread over a frame cost about linear time.
 */

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** `count` people on a grid 400 px apart (a fixture person spans 280 × 140 px), in `frames` frames; predictions 1 px off. */
function crowd(count: number, frames: number, score?: number): Frame[] {
  const people = Array.from({ length: count }, (_, i) => ({
    track: i,
    x: 400 * (i % 50),
    y: 200 * Math.floor(i / 50) + (score === undefined ? 0 : 1),
    score,
  }));
  return Array.from({ length: frames }, () => ({ people }));
}

async function timedEval(count: number): Promise<{ ms: number; report: Awaited<ReturnType<typeof evaluate>> }> {
  const groundTruth = await writeJson(path.join(dir, `gt-${count}.json`), posetrack18(crowd(count, 3)));
  const prediction = await writeJson(path.join(dir, `pred-${count}.json`), posetrack18(crowd(count, 3, 0.9)));
  const started = performance.now();
  const report = await evaluate([{ groundTruth, prediction }]);
  return { ms: performance.now() - started, report };
}

describe('eval with many tracks', () => {
  it('scores 2000 people in a frame exactly, within a generous time bound', async () => {
    const { ms, report } = await timedEval(2000);
    expect(report.ap.total).toBeCloseTo(100, 6);
    expect(report.mota.total).toBeCloseTo(100, 6);
    expect(report.identity.overall.idf1).toBeCloseTo(1, 9);
    expect(report.identity.overall.detA).toBeCloseTo(1, 2);
    // The old code did not finish these three frames in 280 s; 4.5 s alone on two cores.
    expect(ms).toBeLessThan(60_000);
  }, 60_000);

  it('measures only the pairs that are near each other', () => {
    const people = (frames: Frame[]) =>
      frames[0]!.people.map((p) => ({
        trackId: p.track,
        headSize: 8.485,
        joints: Array.from({ length: 15 }, (_, j) => ({ x: p.x + 20 * j, y: p.y + 10 * j, score: 1 })),
      }));
    const pairs = nearbyPairs(people(crowd(2000, 1)), people(crowd(2000, 1, 0.9)), 6);
    expect(pairs).toHaveLength(2000);
    expect(pairs.every(([gi, pi]) => gi === pi)).toBe(true);
  });

  it('grows about linearly: four times the people cost well under sixteen times as long', async () => {
    await timedEval(100); // warm-up
    const small = await timedEval(500);
    const large = await timedEval(2000);
    expect(large.ms / small.ms).toBeLessThan(12);
  }, 60_000);
});

describe('sparse assignment', () => {
  it('makes as many pairs at the same total cost as the dense solver (bounded random cases)', () => {
    let state = 7;
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 300; round += 1) {
      const rows = 1 + Math.floor(random() * 7);
      const columns = 1 + Math.floor(random() * 7);
      const edges: AssignmentEdge[] = [];
      const dense = Array.from({ length: rows }, (_, r) =>
        Array.from({ length: columns }, (_, c) => {
          if (random() < 0.6) return NaN;
          const cost = Math.round(random() * 100) / 10;
          edges.push([r, c, cost]);
          return cost;
        }),
      );
      const total = (pairs: [number, number][]) => pairs.reduce((sum, [r, c]) => sum + dense[r][c], 0);
      const expected = minCostAssignment(dense);
      const actual = sparseAssignment(rows, columns, edges, 'max-pairs');
      expect(actual.length).toBe(expected.length);
      expect(total(actual)).toBeCloseTo(total(expected), 9);
      const negated = dense.map((row) => row.map((v) => (Number.isNaN(v) ? 0 : -v)));
      const best = sparseAssignment(
        rows,
        columns,
        edges.map(([r, c, v]) => [r, c, -v]),
        'min-cost',
      );
      expect(best.reduce((sum, [r, c]) => sum + negated[r][c], 0)).toBeCloseTo(
        minCostAssignment(negated).reduce((sum, [r, c]) => sum + negated[r][c], 0),
        9,
      );
    }
  });
});
