import type {
  AppInfo, ModelEntry, OpenedVideo, PoseApi, PoseEvent, ProjectState, RunSummary, Settings, TrackEdit, TrackMeta,
  TrackSettings,
} from '../../../core/api/pose-api';
import type { FramePoses, Progress } from '../../../core/types';
import { getSchema } from '../../../core/keypoints/schema';
import { DEFAULT_MIN_JOINT_SCORE, JUMP_MS } from './constants';
import { frameIndexAtTime } from './frame-index';
import { indexFrames } from './presence';
import { summarizeTracks } from './track-summary';
import { trackColorHex } from './track-color';
import { basename } from './paths';
import { toasts } from './toasts.svelte';
import { ReviewStore } from './review.svelte';

export type View = 'start' | 'player' | 'batch' | 'settings';
export type Dialog = 'track' | 'export' | 'help' | null;

/** What the in-app file browser is choosing, and where the answer goes. */
export interface BrowseRequest {
  title: string;
  pick: 'file' | 'dir';
  startDir?: string;
  resolve: (path: string | null) => void;
}

export interface RunState {
  runId: string;
  videoPath: string;
  progress: Progress;
  startedAt: number;
}

/** The seek/play surface the Player registers, so keyboard, timeline and panels can drive it. */
export interface PlayerControl {
  seekFrame(index: number): void;
  setPlaying(playing: boolean): void;
  zoomBy(factor: number): void;
  resetZoom(): void;
}

export interface OverlayToggles {
  showBoxes: boolean;
  showLabels: boolean;
  showLowConfidence: boolean;
  minJointScore: number;
}

/**
 * Application state: the open video, its project (result + edits, owned by the back end), the
 * current frame and selection, and a live run. Big arrays are `$state.raw` (replaced, never
 * mutated) so Svelte does not proxy thousands of poses.
 */
export class AppStore {
  info = $state.raw<AppInfo | null>(null);
  settings = $state.raw<Settings | null>(null);
  models = $state.raw<ModelEntry[]>([]);
  recent = $state.raw<string[]>([]);
  view = $state<View>('start');
  dialog = $state<Dialog>(null);
  browse = $state.raw<BrowseRequest | null>(null);

  video = $state.raw<OpenedVideo | null>(null);
  project = $state.raw<ProjectState | null>(null);
  /** Frames streamed by a run in progress, before the project exists. */
  liveFrames = $state.raw<FramePoses[]>([]);
  run = $state.raw<RunState | null>(null);
  lastSummary = $state.raw<RunSummary | null>(null);

  frameIndex = $state(0);
  playing = $state(false);
  /** Selected track ids in the order they were picked (merge target first). */
  selected = $state.raw<number[]>([]);
  overlay = $state<OverlayToggles>({ showBoxes: true, showLabels: true, showLowConfidence: false, minJointScore: DEFAULT_MIN_JOINT_SCORE });
  opening = $state(false);

  player: PlayerControl | null = null;
  /** Proofreading: problems, filtered preview, timeline range, keypoint editing, plots. */
  readonly review: ReviewStore = new ReviewStore(this);
  private videoPathOpening: string | null = null;

  constructor(readonly api: PoseApi) {}

  // ── derived views of the data ──────────────────────────────────────────────
  frames = $derived.by<FramePoses[]>(() => (this.run && this.liveFrames.length ? this.liveFrames : (this.project?.result.frames ?? this.liveFrames)));
  frameCount = $derived(this.video?.info.frameCount ?? 0);
  framesByIndex = $derived(indexFrames(this.frames, this.frameCount));
  summaries = $derived(summarizeTracks(this.frames));
  schema = $derived(getSchema(this.project?.result.schema ?? 'coco17'));
  metaById = $derived(new Map<number, TrackMeta>((this.project?.tracks ?? []).map((t) => [t.trackId, t])));
  hidden = $derived(new Set((this.project?.tracks ?? []).filter((t) => t.hidden).map((t) => t.trackId)));
  selectedSet = $derived(new Set(this.selected));
  currentPoses = $derived(this.framesByIndex[this.frameIndex]?.poses ?? []);
  videoPath = $derived(this.video?.info.path ?? null);
  fileName = $derived(this.video ? basename(this.video.info.path) : '');

  colorOf = (trackId: number): string => this.metaById.get(trackId)?.colorHex ?? trackColorHex(trackId);
  nameOf = (trackId: number): string => this.metaById.get(trackId)?.name || `#${trackId}`;

  // ── start-up and events ────────────────────────────────────────────────────
  async init(): Promise<void> {
    this.api.onEvent((event) => this.onEvent(event));
    const [info, settings, recent] = await Promise.all([this.api.app.info(), this.api.settings.get(), this.api.app.recentFiles()]);
    this.info = info;
    this.settings = settings;
    this.recent = recent;
    this.refreshModels();
  }

  async refreshModels(): Promise<void> {
    try {
      this.models = await this.api.models.list();
    } catch (error) {
      toasts.error('Listing the models', error);
    }
  }

  private onEvent(event: PoseEvent): void {
    switch (event.type) {
      case 'tracking-progress':
        if (this.run?.runId === event.runId) this.run = { ...this.run, progress: event.progress };
        break;
      case 'tracking-frames':
        if (this.run?.runId === event.runId) this.liveFrames = mergeFrames(this.liveFrames, event.frames);
        break;
      case 'tracking-done':
        if (this.run?.runId === event.runId) void this.finishRun(event.videoPath, event.summary);
        break;
      case 'tracking-error':
        if (this.run?.runId === event.runId) {
          this.run = null;
          this.liveFrames = [];
          toasts.push('error', `Tracking ${basename(event.videoPath)} failed`, `${event.error.code}: ${event.error.message}`);
        }
        break;
      case 'menu':
        window.dispatchEvent(new CustomEvent('posetrail-menu', { detail: event }));
        break;
      default:
        // export/batch/download progress is consumed by the dialogs that started them.
        window.dispatchEvent(new CustomEvent('posetrail-event', { detail: event }));
    }
  }

  // ── video and project ──────────────────────────────────────────────────────
  async openVideo(path: string): Promise<void> {
    if (this.run) {
      toasts.info('A tracking run is in progress', 'Cancel it or wait for it to finish before opening another video.');
      return;
    }
    this.opening = true;
    this.videoPathOpening = path;
    try {
      const video = await this.api.video.open(path);
      if (this.videoPathOpening !== path) return;
      const project = await this.api.project.load(video.info.path);
      this.player?.setPlaying(false);
      this.video = video;
      this.project = project;
      this.liveFrames = [];
      this.selected = [];
      this.frameIndex = 0;
      this.view = 'player';
      this.recent = [video.info.path, ...this.recent.filter((p) => p !== video.info.path)];
      this.api.app.recentFiles().then((r) => (this.recent = r), () => undefined);
    } catch (error) {
      toasts.error(`Could not open ${path}`, error);
    } finally {
      this.opening = false;
    }
  }

  /** Opens the native dialog, or the in-app browser where the host has none (web). */
  async chooseAndOpenVideo(): Promise<void> {
    const path = await this.pickPath('Open video', 'file', () => this.api.app.pickVideo());
    if (path) await this.openVideo(path);
  }

  async pickPath(title: string, pick: 'file' | 'dir', native: () => Promise<string | null>, startDir?: string): Promise<string | null> {
    if (this.info?.host === 'electron') {
      try {
        return await native();
      } catch (error) {
        toasts.error(title, error);
        return null;
      }
    }
    return new Promise((resolve) => {
      this.browse = { title, pick, startDir, resolve: (p) => { this.browse = null; resolve(p); } };
    });
  }

  async edit(edit: TrackEdit): Promise<void> {
    const path = this.videoPath;
    if (!path || !this.project) return;
    try {
      this.applyProject(await this.api.project.edit(path, edit));
    } catch (error) {
      toasts.error(`Edit "${edit.kind}" failed on ${basename(path)}`, error);
    }
  }

  async undo(): Promise<void> {
    if (!this.videoPath || !this.project?.canUndo) return;
    try {
      this.applyProject(await this.api.project.undo(this.videoPath));
    } catch (error) {
      toasts.error('Undo failed', error);
    }
  }

  async redo(): Promise<void> {
    if (!this.videoPath || !this.project?.canRedo) return;
    try {
      this.applyProject(await this.api.project.redo(this.videoPath));
    } catch (error) {
      toasts.error('Redo failed', error);
    }
  }

  private applyProject(state: ProjectState): void {
    // Quick edits can answer out of order; an older revision never replaces a newer one.
    if (this.project && this.project.videoPath === state.videoPath && state.revision < this.project.revision) return;
    this.project = state;
    const alive = new Set(summarizeTracks(state.result.frames).map((s) => s.trackId));
    this.selected = this.selected.filter((id) => alive.has(id));
  }

  // ── tracking ───────────────────────────────────────────────────────────────
  async startTracking(settings: TrackSettings): Promise<void> {
    const path = this.videoPath;
    if (!path || this.run) return;
    try {
      this.liveFrames = [];
      const { runId } = await this.api.tracking.start(path, settings);
      this.run = { runId, videoPath: path, progress: { done: 0, total: this.frameCount }, startedAt: performance.now() };
    } catch (error) {
      toasts.error(`Could not start tracking ${basename(path)}`, error);
    }
  }

  async cancelTracking(): Promise<void> {
    const run = this.run;
    if (!run) return;
    try {
      await this.api.tracking.cancel(run.runId);
    } catch (error) {
      toasts.error('Cancel failed', error);
    }
    this.run = null;
    this.liveFrames = [];
    toasts.info('Tracking cancelled', `${basename(run.videoPath)}: the previous result, if any, is unchanged.`);
  }

  private async finishRun(videoPath: string, summary: RunSummary): Promise<void> {
    this.lastSummary = summary;
    try {
      const project = await this.api.project.load(videoPath);
      if (this.videoPath === videoPath) this.project = project;
    } catch (error) {
      toasts.error(`Loading the result of ${basename(videoPath)}`, error);
    }
    this.run = null;
    this.liveFrames = [];
    const secs = (summary.wallMs / 1000).toFixed(1);
    toasts.success('Tracking finished', `${summary.tracks} tracks · ${summary.persons} poses in ${summary.frames} frames · ${secs} s on ${summary.executionProvider}`);
    for (const warning of summary.warnings) toasts.info('Note', warning);
  }

  // ── navigation ─────────────────────────────────────────────────────────────
  seekFrame(index: number): void {
    const clamped = Math.min(Math.max(Math.round(index), 0), Math.max(this.frameCount - 1, 0));
    if (this.player) this.player.seekFrame(clamped);
    else this.frameIndex = clamped;
  }

  step(deltaFrames: number): void {
    this.player?.setPlaying(false);
    this.seekFrame(this.frameIndex + deltaFrames);
  }

  jump(direction: 1 | -1): void {
    const times = this.video?.info.frameTimesMs;
    if (!times?.length) return;
    const target = times[this.frameIndex] + direction * JUMP_MS;
    this.seekFrame(frameIndexAtTime(times, Math.max(target, 0)));
  }

  togglePlay(): void {
    this.player?.setPlaying(!this.playing);
  }

  /** Click selects one track; with `additive` (Ctrl/Shift) toggles it in a multi-selection. */
  selectTrack(trackId: number, additive: boolean): void {
    if (!additive) this.selected = this.selected.length === 1 && this.selected[0] === trackId ? [] : [trackId];
    else this.selected = this.selected.includes(trackId) ? this.selected.filter((id) => id !== trackId) : [...this.selected, trackId];
  }
}

/** Adds streamed frames to the live list, replacing any frame index that arrives again. */
function mergeFrames(existing: FramePoses[], incoming: FramePoses[]): FramePoses[] {
  if (!incoming.length) return existing;
  const last = existing[existing.length - 1];
  if (!last || incoming[0].frameIndex > last.frameIndex) return [...existing, ...incoming];
  const byIndex = new Map(existing.map((f) => [f.frameIndex, f]));
  for (const f of incoming) byIndex.set(f.frameIndex, f);
  return [...byIndex.values()].sort((a, b) => a.frameIndex - b.frameIndex);
}
