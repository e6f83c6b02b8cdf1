/**
 * Figures that need no tracking run of their own: how well appearance tells people apart (the
 * re-ID model and the colour fallback, on the clip's people and the coco-train people; see
 * reid-separation.ts) and how a simulated crowd of 40 fragments (crowd-report.ts).
 */
import type { BenchContext } from '../context';
import { CROWD_CHECK_SEEDS, CROWD_SEEDS, crowdFragmentation } from '../crowd-report';
import { measureReidSeparation } from '../reid-separation';
import type { FigureProvider, QualityFigure } from './figures';

export const reidFigures: FigureProvider = {
  name: 're-ID separation',
  async measure(ctx: BenchContext): Promise<QualityFigure[]> {
    const separation = await measureReidSeparation(ctx.sharedAssets, ctx.log);
    const figures = (kind: string, s: typeof separation.embedding): QualityFigure[] => [
      { name: `re-ID ${kind} ROC AUC`, value: s.rocAuc, higherIsBetter: true, tolerance: 0.005 },
      {
        name: `re-ID ${kind} false joins at threshold`,
        value: s.falseJoinRate,
        higherIsBetter: false,
        tolerance: 0.002,
      },
      { name: `re-ID ${kind} man vs woman joined`, value: s.clipFalseJoinRate, higherIsBetter: false, tolerance: 0.01 },
    ];
    return [...figures('embedding', separation.embedding), ...figures('colours', separation.colours)];
  },
};

export const crowdFigures: FigureProvider = {
  name: 'crowd scenario',
  async measure(ctx: BenchContext): Promise<QualityFigure[]> {
    // The report's seeds, and others the tracker was not tuned on: a change must hold on both.
    const sets = [
      { label: '', seeds: CROWD_SEEDS },
      { label: ', check seeds', seeds: CROWD_CHECK_SEEDS },
    ];
    return sets.flatMap(({ label, seeds }) => {
      const crowd = crowdFragmentation({ seeds });
      ctx.log(
        `crowd (seeds ${seeds.join(',')}): ${crowd.ids} ids for ${crowd.people} people, ${crowd.shortFragments} shorter than 10 frames (${crowd.shortFragmentsOfPeople} of people), ${crowd.falseJoins} false joins`,
      );
      return [
        { name: `crowd ids per person${label}`, value: crowd.idsPerPerson, higherIsBetter: false, tolerance: 0.02 },
        {
          name: `crowd fragments under 10 frames${label}`,
          value: crowd.shortFragments,
          higherIsBetter: false,
          tolerance: 2,
        },
        {
          name: `crowd people's fragments under 10 frames${label}`,
          value: crowd.shortFragmentsOfPeople,
          higherIsBetter: false,
          tolerance: 1,
        },
        { name: `crowd false joins${label}`, value: crowd.falseJoins, higherIsBetter: false, tolerance: 2 },
      ];
    });
  },
};
