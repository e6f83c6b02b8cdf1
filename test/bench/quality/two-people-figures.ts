/**
 * Figures of a full tracking run on the shared two-people clip (230 frames, the shared nano
 * models, default settings otherwise): track ids used (2 people: 2 is perfect), the share of the
 * frames showing both people (37–203, read off the clip; see test/integration/pipeline/
 * two-people.test.ts) on which two people are tracked, and the share of the man's frames (0–226)
 * with at least one pose.
 */
import { runTracking } from '../../../core/pipeline/runner';
import type { BenchContext } from '../context';
import { VIDEOS } from '../../helpers/assets';
import type { FigureProvider } from './figures';
import { DETECTOR, POSE_MODEL } from './photo-figures';

const MAN_VISIBLE = [0, 226] as const;
const BOTH_VISIBLE = [37, 203] as const;

export const twoPeopleFigures: FigureProvider = {
  name: 'two-people clip',
  async measure(ctx: BenchContext) {
    const run = await runTracking(VIDEOS.twoPeople, { detector: DETECTOR, poseModel: POSE_MODEL, device: 'cpu' });
    const frames = run.result.frames;
    const ids = new Set(frames.flatMap((f) => f.poses.map((p) => p.trackId))).size;
    const share = ([first, last]: readonly [number, number], minPeople: number) =>
      frames.slice(first, last + 1).filter((f) => f.poses.length >= minPeople).length / (last - first + 1);
    const both = share(BOTH_VISIBLE, 2);
    const man = share(MAN_VISIBLE, 1);
    ctx.log(
      `two-people clip: ${ids} track ids, both tracked on ${(both * 100).toFixed(1)}% of frames 37-203, someone on ${(man * 100).toFixed(1)}% of 0-226`,
    );
    return [
      { name: 'two-people clip track ids', value: ids, higherIsBetter: false, tolerance: 0 },
      { name: 'two-people clip both tracked, frames 37-203', value: both, higherIsBetter: true, tolerance: 0.01 },
      { name: 'two-people clip man tracked, frames 0-226', value: man, higherIsBetter: true, tolerance: 0.01 },
    ];
  },
};
