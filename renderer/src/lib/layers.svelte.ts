import type { PoseApi, TrackLayer } from '../../../core/api/pose-api';
import type { TrackedPose } from '../../../core/types';
import type { NavigationStore } from './navigation.svelte';
import type { PlaybackStore } from './playback.svelte';
import { basename, dirname } from './paths';
import { toasts } from './toasts.svelte';

/** Colours of read-only layers, apart from the track palette's saturated hues. */
const LAYER_COLORS = ['#f5f5f5', '#ffd84d', '#7ff0ff', '#ff9bd2'];

export interface ShownLayer {
  layer: TrackLayer;
  color: string;
  visible: boolean;
  posesByFrame: Map<number, TrackedPose[]>;
}

/**
 * PoseTrack files opened over the video as read-only track layers (ground truth, other tools):
 * loaded from the back end with the video, drawn dashed in their own colour, toggled and removed
 * here. Visibility is a view setting; the project remembers only the files' paths.
 */
export class LayerStore {
  layers = $state.raw<TrackLayer[]>([]);
  hiddenPaths = $state.raw<ReadonlySet<string>>(new Set());
  busy = $state(false);
  private videoPathLoaded: string | null = null;

  constructor(
    private readonly api: PoseApi,
    private readonly playback: PlaybackStore,
    private readonly navigation: NavigationStore,
  ) {}

  shown = $derived.by<ShownLayer[]>(() =>
    this.layers.map((layer, i) => ({
      layer,
      color: LAYER_COLORS[i % LAYER_COLORS.length],
      visible: !this.hiddenPaths.has(layer.path) && !layer.error,
      posesByFrame: new Map(layer.frames.map((frame) => [frame.frameIndex, frame.poses])),
    })),
  );

  async load(videoPath: string): Promise<void> {
    this.videoPathLoaded = videoPath;
    this.layers = [];
    this.hiddenPaths = new Set();
    try {
      const layers = await this.api.layers.list(videoPath);
      if (this.videoPathLoaded === videoPath) this.layers = layers;
    } catch (error) {
      toasts.error(`Loading the track layers of ${basename(videoPath)}`, error);
    }
  }

  /** Lets the user pick a pose file (PoseTrack, SLEAP, DeepLabCut, NWB) in the in-app browser and adds it as a layer. */
  async choose(): Promise<void> {
    const videoPath = this.playback.videoPath;
    if (!videoPath) return;
    const filePath = await this.navigation.browseInApp({
      title: 'Open a pose file (PoseTrack, SLEAP .h5, DeepLabCut .csv, NWB) as a track layer',
      pick: 'file',
      show: 'tracks',
      startDir: dirname(this.layers.at(-1)?.path ?? videoPath),
    });
    if (filePath) await this.add(videoPath, filePath);
  }

  async add(videoPath: string, filePath: string): Promise<void> {
    this.busy = true;
    try {
      const layers = await this.api.layers.add(videoPath, filePath);
      if (this.playback.videoPath === videoPath) this.layers = layers;
    } catch (error) {
      toasts.error(`Could not open ${basename(filePath)} as a track layer`, error);
    } finally {
      this.busy = false;
    }
  }

  async remove(filePath: string): Promise<void> {
    const videoPath = this.playback.videoPath;
    if (!videoPath) return;
    try {
      this.layers = await this.api.layers.remove(videoPath, filePath);
    } catch (error) {
      toasts.error(`Could not remove the layer ${basename(filePath)}`, error);
    }
  }

  toggle(filePath: string): void {
    const next = new Set(this.hiddenPaths);
    if (!next.delete(filePath)) next.add(filePath);
    this.hiddenPaths = next;
  }
}
