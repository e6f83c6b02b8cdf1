import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { changeLines, compareFigures, type QualityFigure } from './quality/figures';
import { readPreviousRecord, saveRecord } from './quality/history';
import { summary, type BenchReport } from './report';

const figures: QualityFigure[] = [
  { name: 'coco-train AP, detector', value: 0.33, higherIsBetter: true, tolerance: 0.005 },
  { name: 'coco-train recall, detector', value: 0.71, higherIsBetter: true, tolerance: 0.007 },
  { name: 'two-people clip track ids', value: 3, higherIsBetter: false, tolerance: 0 },
  { name: 're-ID false joins', value: 0.1, higherIsBetter: false, tolerance: 0.01 },
];

describe('quality figures against the previous report', () => {
  it('names every figure worse beyond its tolerance, in either direction of better', () => {
    const previous = {
      'coco-train AP, detector': 0.356,
      'coco-train recall, detector': 0.713,
      'two-people clip track ids': 2,
    };
    const changes = compareFigures(figures, previous);
    expect(changes.map((c) => [c.name, c.worse])).toEqual([
      ['coco-train AP, detector', true], // 0.356 → 0.33: −0.026, beyond 0.005
      ['coco-train recall, detector', false], // −0.003, within 0.007
      ['two-people clip track ids', true], // 2 → 3 ids, lower is better
      ['re-ID false joins', false], // new figure: nothing to compare with
    ]);
    const lines = changeLines(changes, figures);
    expect(lines[0]).toMatch(/^WORSE coco-train AP, detector +0\.330 {2}was 0\.356, -0\.026 {2}\(tolerance 0\.005\)$/);
    expect(lines[3]).toContain('(new)');
    expect(compareFigures(figures, { 'two-people clip track ids': 4 })[2]).toMatchObject({ worse: false, change: -1 });
  });

  it('keeps the latest record and a history, and rejects a damaged record by name', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'posetrail-quality-'));
    try {
      expect(readPreviousRecord(dir)).toBeNull();
      await saveRecord(dir, { startedAt: '2026-12-06T02:00:00.000Z', figures: { a: 1 } });
      await saveRecord(dir, { startedAt: '2026-12-06T03:00:00.000Z', figures: { a: 2 } });
      expect(readPreviousRecord(dir)?.figures).toEqual({ a: 2 });
      expect(readdirSync(path.join(dir, 'quality', 'history'))).toHaveLength(2);
      mkdirSync(path.join(dir, 'quality'), { recursive: true });
      writeFileSync(path.join(dir, 'quality', 'latest.json'), '{"startedAt": 1}');
      expect(() => readPreviousRecord(dir)).toThrow(/latest\.json: not a quality record \(no "figures" object\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('puts the regressions into the bench summary', () => {
    const report: BenchReport = {
      startedAt: '',
      durationMs: 1000,
      args: [],
      machine: {},
      versions: {},
      sections: {
        quality: {
          status: 'ok',
          durationMs: 900,
          results: { regressions: ['coco-train AP, detector: 0.356 -> 0.33'] },
        },
      },
    };
    expect(summary(report, 'r.json')).toContain('WORSE  coco-train AP, detector: 0.356 -> 0.33');
  });
});
