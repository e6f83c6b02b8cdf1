import type { FramePoses } from '../../../core/types';

/** Inclusive frame range [start, end] where a track is present without a gap. */
export type FrameRun = [startFrame: number, endFrame: number];

/** Per track, the runs of consecutive frames it appears in: what a timeline lane draws. */
export function trackPresenceRuns(frames: readonly FramePoses[]): Map<number, FrameRun[]> {
  const runs = new Map<number, FrameRun[]>();
  const sorted = [...frames].sort((a, b) => a.frameIndex - b.frameIndex);
  for (const frame of sorted) {
    for (const pose of frame.poses) {
      const list = runs.get(pose.trackId) ?? [];
      const last = list[list.length - 1];
      if (last && last[1] === frame.frameIndex - 1) last[1] = frame.frameIndex;
      else if (!last || last[1] !== frame.frameIndex) list.push([frame.frameIndex, frame.frameIndex]);
      runs.set(pose.trackId, list);
    }
  }
  return runs;
}

/** Number of visible (not hidden) people in every frame, indexed by frame. */
export function peoplePerFrame(
  frames: readonly FramePoses[],
  frameCount: number,
  hidden: ReadonlySet<number> = new Set(),
): Uint16Array {
  const counts = new Uint16Array(Math.max(frameCount, 0));
  for (const frame of frames) {
    if (frame.frameIndex < 0 || frame.frameIndex >= counts.length) continue;
    counts[frame.frameIndex] = frame.poses.filter((p) => !hidden.has(p.trackId)).length;
  }
  return counts;
}

/** Frame-indexed lookup of a result's frames (the result may skip frames). */
export function indexFrames(frames: readonly FramePoses[], frameCount: number): (FramePoses | undefined)[] {
  const byIndex: (FramePoses | undefined)[] = new Array(Math.max(frameCount, 0));
  for (const frame of frames) {
    if (frame.frameIndex >= 0 && frame.frameIndex < byIndex.length) byIndex[frame.frameIndex] = frame;
  }
  return byIndex;
}
