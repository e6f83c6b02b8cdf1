/**
 * Every figure the quality report measures. Add a provider here to add figures; the report
 * compares each by name with the previous run and names those that got worse.
 */
import type { FigureProvider } from './figures';
import { cocoTrainFigures, ochumanFigures } from './photo-figures';
import { twoPeopleFigures } from './two-people-figures';
import { crowdFigures, reidFigures } from './extra-figures';
import { occluderFigures } from './occluder-figures';

export const QUALITY_PROVIDERS: FigureProvider[] = [
  cocoTrainFigures,
  ochumanFigures,
  twoPeopleFigures,
  occluderFigures,
  reidFigures,
  crowdFigures,
];
