import { describe, expect, it } from 'vitest';
import { generateScenario } from '../../helpers/simulate-tracks';
import { seededRandom } from '../../../core/util/random';
import { scoreScenario } from '../../helpers/score-scenario';

describe('generateScenario', () => {
  it('is deterministic for a seed and different across seeds', () => {
    const a = generateScenario({ seed: 7, frameCount: 40 });
    expect(generateScenario({ seed: 7, frameCount: 40 })).toEqual(a);
    expect(generateScenario({ seed: 8, frameCount: 40 })).not.toEqual(a);
    expect(seededRandom(3)()).toBe(seededRandom(3)());
  });

  it('labels every detection with its true id or null, and drops some detections', () => {
    const frames = generateScenario({ seed: 2, frameCount: 200, dropRate: 0.1, falsePositivesPerFrame: 1 });
    let truth = 0;
    let real = 0;
    let falsePositives = 0;
    for (const f of frames) {
      expect(f.detectionTruthIds.length).toBe(f.detections.length);
      truth += f.truth.length;
      real += f.detectionTruthIds.filter((id) => id !== null).length;
      falsePositives += f.detectionTruthIds.filter((id) => id === null).length;
      for (const id of f.detectionTruthIds) if (id !== null) expect(f.truth.some((p) => p.id === id)).toBe(true);
    }
    expect(real).toBeLessThan(truth * 0.95);
    expect(real).toBeGreaterThan(truth * 0.8);
    expect(falsePositives).toBeGreaterThan(120);
    expect(falsePositives).toBeLessThan(280);
  });

  it('scores a perfect oracle (true poses, true ids) at MOTA 100', () => {
    const frames = generateScenario({ seed: 4, frameCount: 60 });
    const oracle = frames.map((f) => f.truth.map((p) => ({ ...p.pose, trackId: p.id })));
    const score = scoreScenario(frames, oracle);
    expect(score.mota).toBe(100);
    expect(score.switches).toBe(0);
    expect(score.motp).toBe(100);
  });
});
