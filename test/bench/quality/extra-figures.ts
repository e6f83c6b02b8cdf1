/**
 * Figures that need no tracking run of their own: how well appearance tells people apart (the
 * re-ID model and the colour fallback, on the clip's people and the coco-train people; see
 * reid-separation.ts) and how a simulated crowd of 40 fragments (crowd-report.ts).
 */
import type { BenchContext } from '../context';
import { crowdFragmentation } from '../crowd-report';
import { measureReidSeparation } from '../reid-separation';
import type { FigureProvider, QualityFigure } from './figures';

export const reidFigures: FigureProvider = {
  name: 're-ID separation',
  async measure(ctx: BenchContext): Promise<QualityFigure[]> {
    const separation = await measureReidSeparation(ctx.sharedAssets, ctx.log);
    const figures = (kind: string, s: typeof separation.embedding): QualityFigure[] => [
      { name: `re-ID ${kind} ROC AUC`, value: s.rocAuc, higherIsBetter: true, tolerance: 0.005 },
      { name: `re-ID ${kind} false joins at threshold`, value: s.falseJoinRate, higherIsBetter: false, tolerance: 0.002 },
      { name: `re-ID ${kind} man vs woman joined`, value: s.clipFalseJoinRate, higherIsBetter: false, tolerance: 0.01 },
    ];
    return [...figures('embedding', separation.embedding), ...figures('colours', separation.colours)];
  },
};

export const crowdFigures: FigureProvider = {
  name: 'crowd scenario',
  async measure(ctx: BenchContext): Promise<QualityFigure[]> {
    const crowd = crowdFragmentation();
    ctx.log(`crowd: ${crowd.ids} ids for ${crowd.people} people, ${crowd.shortFragments} shorter than 10 frames, ${crowd.falseJoins} false joins`);
    return [
      { name: 'crowd ids per person', value: crowd.idsPerPerson, higherIsBetter: false, tolerance: 0.02 },
      { name: 'crowd fragments under 10 frames', value: crowd.shortFragments, higherIsBetter: false, tolerance: 2 },
      { name: 'crowd false joins', value: crowd.falseJoins, higherIsBetter: false, tolerance: 2 },
    ];
  },
};
