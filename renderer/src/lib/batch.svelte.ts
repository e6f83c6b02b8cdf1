import type { BatchFileState, BatchOptions, PoseApi, PoseEvent, TrackSettings } from '../../../core/api/pose-api';
import { BATCH_VIDEO_EXTENSIONS } from '../../../core/media-extensions';
import type { Progress } from '../../../core/types';
import { describeError, toasts } from './toasts.svelte';
import { rememberBatchResults } from './batch-results.svelte';

/** A batch run's state; it outlives the Batch view so switching views loses nothing. */
export class BatchStore {
  batchId = $state<string | null>(null);
  files = $state.raw<BatchFileState[]>([]);
  overall = $state.raw<Progress | null>(null);
  finished = $state(false);
  starting = $state(false);
  startedAt = $state(0);
  endedAt = $state(0);
  /** The Batch view's form, kept here so that switching views and back keeps what was entered. */
  form = $state<{
    folder: string;
    outDir: string;
    recursive: boolean;
    extensions: string;
    format: BatchOptions['format'];
    settings: TrackSettings | null;
  }>({
    folder: '',
    outDir: '',
    recursive: false,
    extensions: BATCH_VIDEO_EXTENSIONS.join(', '),
    format: 'posetrack18',
    settings: null,
  });

  constructor(private readonly api: PoseApi) {
    window.addEventListener('posetrail-event', (e) => this.onEvent((e as CustomEvent<PoseEvent>).detail));
  }

  /** The form's run settings, starting from the saved defaults. */
  useSettings(settings: TrackSettings): void {
    this.form.settings = settings;
  }

  /** Installed models chosen in place of the defaults (offline). */
  useModels(detector: string, poseModel: string): void {
    if (!this.form.settings) return;
    this.form.settings.detector = detector;
    this.form.settings.poseModel = poseModel;
  }

  get running(): boolean {
    return !!this.batchId && !this.finished;
  }

  private onEvent(ev: PoseEvent): void {
    if (ev.type !== 'batch-update' || ev.batchId !== this.batchId) return;
    this.files = ev.files;
    this.overall = ev.overall;
    if (ev.finished && !this.finished) {
      this.finished = true;
      rememberBatchResults(ev.files);
      this.endedAt = performance.now();
      const failed = ev.files.filter((f) => f.status === 'failed').length;
      const summary = `${ev.files.filter((f) => f.status === 'done').length} done, ${ev.files.filter((f) => f.status === 'skipped').length} skipped, ${failed} failed`;
      if (failed) toasts.push('error', 'Batch finished with errors', summary);
      else toasts.success('Batch finished', summary);
    }
  }

  async start(options: BatchOptions): Promise<void> {
    this.starting = true;
    try {
      this.files = [];
      this.overall = null;
      this.finished = false;
      this.batchId = null;
      const { batchId } = await this.api.batch.start(options);
      this.batchId = batchId;
      this.startedAt = performance.now();
    } catch (error) {
      toasts.error(`Could not start the batch over ${options.folder}`, error);
    } finally {
      this.starting = false;
    }
  }

  async cancel(): Promise<void> {
    if (!this.batchId) return;
    try {
      await this.api.batch.cancel(this.batchId);
    } catch (error) {
      toasts.push('error', 'Cancel failed', describeError(error));
    }
  }
}
