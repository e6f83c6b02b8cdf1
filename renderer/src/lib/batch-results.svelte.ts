import type { BatchFileState } from '../../../core/api/pose-api';
import type { PlaybackStore } from './playback.svelte';
import type { ProjectStore } from './project.svelte';
import type { VideoOpener } from './video-opener.svelte';
import { basename } from './paths';
import { toasts } from './toasts.svelte';

/** Where batches wrote each video's result (video path → result file), kept across reloads. */
const RESULTS_KEY = 'posetrail.batchResults';

function readAll(): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem(RESULTS_KEY) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

/** Remembers the outputs of finished rows of a batch. */
export function rememberBatchResults(files: readonly BatchFileState[]): void {
  const finished = files.filter((f) => f.status === 'done' || f.status === 'skipped');
  if (!finished.length) return;
  const all = readAll();
  for (const f of finished) all[f.input] = f.output;
  try {
    localStorage.setItem(RESULTS_KEY, JSON.stringify(all));
  } catch {
    // storage full or disabled: the Batch view still opens results from its table
  }
}

export function batchResultFor(videoPath: string): string | null {
  return readAll()[videoPath] ?? null;
}

/** The batch result the open video could load instead of having no tracks; null when none. */
export const batchOffer = $state<{ videoPath: string | null; resultPath: string | null }>({
  videoPath: null,
  resultPath: null,
});

/** Called when a video opens: one without a project is offered its batch result when one exists. */
export function offerBatchResult(videoPath: string, hasProject: boolean): void {
  batchOffer.videoPath = videoPath;
  batchOffer.resultPath = hasProject ? null : batchResultFor(videoPath);
}

/** Makes the batch result the video's project (a project it replaces stays restorable). */
export async function loadBatchResult(project: ProjectStore, videoPath: string, resultPath: string): Promise<boolean> {
  try {
    await project.importResult(videoPath, resultPath);
    batchOffer.resultPath = null;
    toasts.success(`Loaded the batch result for ${basename(videoPath)}`, resultPath);
    return true;
  } catch (error) {
    toasts.error(`Loading ${basename(resultPath)}`, error);
    return false;
  }
}

/** A finished Batch row: opens its video with the batch's result for review. */
export async function openBatchRow(
  { opener, playback, project }: { opener: VideoOpener; playback: PlaybackStore; project: ProjectStore },
  file: BatchFileState,
): Promise<void> {
  await opener.open(file.input);
  if (playback.videoPath !== file.input) return;
  if (!project.project) await loadBatchResult(project, file.input, file.output);
  else {
    toasts.info(
      `${basename(file.input)} already has a project`,
      'It is shown as it was. Load the batch result to review that one instead (the project stays restorable).',
      { label: 'Load the batch result', run: () => void loadBatchResult(project, file.input, file.output) },
    );
  }
}
