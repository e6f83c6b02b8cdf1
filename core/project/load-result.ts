import { promises as fs } from 'node:fs';
import type { FilterSettings, TrackingResult } from '../types';
import { DEFAULT_FILTERS } from '../analysis/filter-settings';
import { readResultFile } from '../export/read';
import { appliedEdits } from './history';
import { PROJECT_FORMAT, readProjectFile } from './project-file';
import { replayEdits } from './project-state';

export interface LoadedResult {
  /** The result with every applied edit of a project (raw, before filters). */
  result: TrackingResult;
  /** The project's stored filters; filters off for a plain result file. */
  filters: FilterSettings;
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
    return { result: state.result, filters: state.filters, kind: 'project' };
  }
  const { result, trackNames } = await readResultFile(file);
  return { result, filters: DEFAULT_FILTERS, kind: 'result', trackNames };
}

async function isProjectFile(file: string): Promise<boolean> {
  let head: string;
  try {
    const handle = await fs.open(file, 'r');
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
