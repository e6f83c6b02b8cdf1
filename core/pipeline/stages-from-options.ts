/**
 * Builds the run's stages from its resolved options, so every setting reaches the stage that uses
 * it: the tracker gets the run's minimum keypoint score and the pose model's OKS sigmas instead of
 * its own defaults.
 */
import type { KeypointSchema } from '../keypoints/schema';
import { PoseTracker } from '../track/tracker';
import type { TrackerOptions, TrackerRunOptions } from '../track/options';
import type { ResolvedTrackOptions } from './track-options';

/** The tracker options a run's settings decide; the rest keep the tracker's defaults. */
export function trackerOptionsFor(settings: Pick<ResolvedTrackOptions, 'minKeypointScore'>, schema: Pick<KeypointSchema, 'sigmas'>): TrackerRunOptions {
  return { minKeypointScore: settings.minKeypointScore, sigmas: schema.sigmas };
}

/** `extra`: options decided elsewhere (the re-link memory, see relinkTrackerOptions). */
export function createRunTracker(
  settings: Pick<ResolvedTrackOptions, 'minKeypointScore'>,
  schema: Pick<KeypointSchema, 'sigmas'>,
  extra: Partial<TrackerOptions> = {},
): PoseTracker {
  return new PoseTracker({ ...trackerOptionsFor(settings, schema), ...extra });
}
