/**
 * The static-occluder clips (test/helpers/occluder-clips.ts: the woman of the shared two-people
 * clip walking behind panels 10 %, 25 % and 35 % of the picture wide, plain or textured, 130
 * frames of 480×270 each), tracked with the default settings and the shared models (re-ID
 * included): how many of the six keep her one id, and the ids she is given over all six.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runTracking } from '../../../core/pipeline/runner';
import type { BenchContext } from '../context';
import {
  buildBaseClip,
  occludedClip,
  PANEL_FILLS,
  PANEL_WIDTH_FRACTIONS,
  womanIdentity,
  keepsOneId,
} from '../../helpers/occluder-clips';
import type { FigureProvider } from './figures';
import { DETECTOR, POSE_MODEL } from './photo-figures';

export const occluderFigures: FigureProvider = {
  name: 'occluder clips',
  async measure(ctx: BenchContext) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-quality-occluder-'));
    try {
      buildBaseClip(dir);
      let kept = 0;
      let ids = 0;
      for (const widthFraction of PANEL_WIDTH_FRACTIONS) {
        for (const fill of PANEL_FILLS) {
          const { result } = await runTracking(occludedClip(dir, widthFraction, fill), {
            detector: DETECTOR,
            poseModel: POSE_MODEL,
            device: 'cpu',
            detectorTiling: 'off',
          });
          const woman = womanIdentity(result);
          const keeps = keepsOneId(woman);
          kept += keeps ? 1 : 0;
          ids += woman.ids;
          ctx.log(
            `occluder ${widthFraction * 100}% ${fill}: ${woman.ids} id(s)${woman.seenAround ? '' : ', not seen on both sides'}${woman.neverTwice ? '' : ', seen twice at once'}${keeps ? '' : ' — id not kept'}`,
          );
        }
      }
      const clips = PANEL_WIDTH_FRACTIONS.length * PANEL_FILLS.length;
      return [
        { name: `occluder clips keeping one id (of ${clips})`, value: kept, higherIsBetter: true, tolerance: 0 },
        { name: 'occluder clips woman ids, all clips', value: ids, higherIsBetter: false, tolerance: 0 },
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
