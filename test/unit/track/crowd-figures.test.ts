import { describe, expect, it } from 'vitest';
import { generateScenario } from '../../helpers/simulate-tracks';
import { CROWD_SCENARIO, crowdFragmentation } from '../../bench/crowd-report';

describe('the crowd scenario', () => {
  it('hides people behind those in front of them only with mutualOcclusion on', () => {
    const detectedShare = (mutualOcclusion: boolean) => {
      const frames = generateScenario({ ...CROWD_SCENARIO, mutualOcclusion, seed: 1, frameCount: 120 });
      const detected = frames.reduce((n, f) => n + f.detectionTruthIds.filter((id) => id !== null).length, 0);
      return detected / frames.reduce((n, f) => n + f.truth.length, 0);
    };
    // Drops and short occlusions alone lose about 5 % of the people; 40 people crossing hide far more.
    expect(detectedShare(false)).toBeGreaterThan(0.9);
    expect(detectedShare(true)).toBeLessThan(0.75);
  });

  it('reports ids per person, short fragments and false joins; stitching joins fragments', () => {
    const asRun = crowdFragmentation({ seeds: [1] });
    const unstitched = crowdFragmentation({ seeds: [1], stitch: false });
    expect(asRun.people).toBeGreaterThan(30);
    expect(asRun.people).toBeLessThanOrEqual(40);
    expect(asRun.idsPerPerson).toBeGreaterThanOrEqual(1);
    expect(asRun.ids).toBeLessThan(unstitched.ids);
    expect(asRun.shortFragmentsOfPeople).toBeLessThan(unstitched.shortFragmentsOfPeople);
    expect(asRun.shortFragmentsOfPeople).toBeLessThanOrEqual(asRun.shortFragments);
    expect(asRun.falseJoins).toBeGreaterThanOrEqual(0);
  }, 60_000);
});
