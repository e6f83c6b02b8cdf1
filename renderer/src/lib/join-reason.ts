import type { TrackJoin } from '../../../core/types';

/** Why two track pieces were joined, in words, for the timeline's join mark. */
export function joinReason(join: TrackJoin, fps: number): string {
  const seconds = fps > 0 ? `${(join.gapFrames / fps).toFixed(1)} s` : `${join.gapFrames} frames`;
  const colours = join.appearance === null ? 'no colours to compare' : `colours alike ${join.appearance.toFixed(2)}`;
  return (
    `Joined across a ${seconds} gap (${join.gapFrames} frames, ${join.endFrame}→${join.startFrame}): ` +
    `came back ${join.distance.toFixed(2)} body heights from where expected, ${colours}; cost ${join.cost.toFixed(2)}`
  );
}
