import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { evaluate } from '../../../core/eval/evaluate';
import { formatReport } from '../../../core/eval/report-table';
import { posetrack17, posetrack18, tempDir, writeJson, type Frame } from './fixtures';

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A (x 100) and B (x 600) in 10 labelled frames; `idsAt(f)` gives their track ids in frame f. */
const twoPeople = (idsAt: (f: number) => [number, number], score?: number): Frame[] =>
  Array.from({ length: 10 }, (_, f) => ({
    people: [
      { track: idsAt(f)[0], x: 100, y: 100, score },
      { track: idsAt(f)[1], x: 600, y: 100, score },
    ],
  }));

describe('evaluate: identity metrics from PoseTrack files', () => {
  for (const [format, write] of [
    ['posetrack18', posetrack18],
    ['posetrack17', posetrack17],
  ] as const) {
    it(`reports IDF1 and HOTA per sequence and overall (${format})`, async () => {
      const gt = twoPeople(() => [0, 1]);
      const perfect = twoPeople(() => [5, 6], 0.9);
      const swapped = twoPeople((f) => (f < 5 ? [5, 6] : [6, 5]), 0.9);
      const files = await Promise.all(
        [
          ['gt', gt],
          ['perfect', perfect],
          ['swapped', swapped],
        ].map(([name, frames]) =>
          writeJson(path.join(dir, `${format}-${name as string}.json`), write(frames as Frame[])),
        ),
      );
      const report = await evaluate([
        { groundTruth: files[0], prediction: files[1] },
        { groundTruth: files[0], prediction: files[2] },
      ]);
      const [first, second] = report.identity.perSequence;
      expect(first).toMatchObject({ idf1: 1, idp: 1, idr: 1 });
      expect(first.hota).toBeCloseTo(1, 12);
      expect(second).toMatchObject({ idf1: 0.5, idp: 0.5, idr: 0.5 });
      expect(second.assA).toBeCloseTo(1 / 3, 12);
      expect(second.hota).toBeCloseTo(Math.sqrt(1 / 3), 12);
      expect(report.identity.overall.idf1).toBeCloseTo(0.75, 12);
      // AssA over both: (20·1 + 20·1/3) / 40.
      expect(report.identity.overall.assA).toBeCloseTo(2 / 3, 12);
      // The swapped sequence's MOTA counts its one switch per person and joint.
      expect(report.motCounts.switches).toBe(2 * 15);
      const table = formatReport(report);
      expect(table).toContain(
        `${format}-swapped.json IDF1 50.0 (IDP 50.0, IDR 50.0)  HOTA 57.7 (DetA 100.0, AssA 33.3)`,
      );
      expect(table).toContain('Total      IDF1 75.0 (IDP 75.0, IDR 75.0)  HOTA 81.6 (DetA 100.0, AssA 66.7)');
    });
  }
});
