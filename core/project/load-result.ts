import { openRegularFile } from '../util/regular-file';
import type { FilterSettings, TrackingResult } from '../types';
import { DEFAULT_FILTERS } from '../analysis/filter-settings';
import { readResultFile } from '../export/read';
import { trackIdsOf } from './edits';
import type { ExportedTrack } from './export-tracks';
import { appliedEdits } from './history';
import { PROJECT_FORMAT, readProjectFile } from './project-file';
import { replayEdits } from './replay';
import { defaultTrackName, type EditedState } from './project-state';

export interface LoadedResult {
  /** The result with every applied edit of a project (raw, before filters). */
  result: TrackingResult;
  /** The project's stored filters; filters off for a plain result file. */
  filters: FilterSettings;
  /** Every track with its name and hidden state: the project's, or the names a PoseTrack file of ours carries. */
  tracks: ExportedTrack[];
  kind: 'project' | 'result';
  /** Names a result file gives its tracks, by id (PoseTrack's `posetrail.track_names`, SLEAP's and DeepLabCut's track names). */
  trackNames?: Record<number, string>;
}

/**
 * Reads a saved result for re-export: a Posetrail project (`*.posetrail.json`: the tracked result
 * replayed through its edits, with its filter settings) or a result file: PoseTrack 2018/2017,
 * SLEAP analysis HDF5 or DeepLabCut CSV.
 */
export async function loadResultOrProject(file: string): Promise<LoadedResult> {
  if (await isProjectFile(file)) {
    const doc = await readProjectFile(file);
    const state = replayEdits(doc.baseResult, appliedEdits(doc.history));
    return { result: state.result, filters: state.filters, tracks: labelledTracks(state), kind: 'project' };
  }
  const { result, trackNames = {} } = await readResultFile(file);
  const labels = Object.fromEntries(Object.entries(trackNames).map(([id, name]) => [id, { name }]));
  return { result, filters: DEFAULT_FILTERS, tracks: labelledTracks({ result, labels }), kind: 'result', trackNames };
}

function labelledTracks({ result, labels }: Pick<EditedState, 'result' | 'labels'>): ExportedTrack[] {
  return trackIdsOf(result).map((trackId) => ({
    trackId,
    name: labels[trackId]?.name || defaultTrackName(trackId),
    hidden: labels[trackId]?.hidden ?? false,
  }));
}

async function isProjectFile(file: string): Promise<boolean> {
  let head: string;
  try {
    const handle = await openRegularFile(file);
    try {
      const buffer = Buffer.alloc(256);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      head = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new Error(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  // Projects are written by JSON.stringify with `format` first, so the marker is at the start.
  return head.includes(`"format":"${PROJECT_FORMAT}"`);
}
