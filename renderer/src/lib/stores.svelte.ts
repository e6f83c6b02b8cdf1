import type { PoseApi, ProjectState } from '../../../core/api/pose-api';
import { AddPersonTool } from './add-person.svelte';
import { BatchStore } from './batch.svelte';
import { FramesStore } from './frames.svelte';
import { HostStore } from './host.svelte';
import { JobsStore } from './jobs.svelte';
import { LayerStore } from './layers.svelte';
import { NavigationStore } from './navigation.svelte';
import { OverlayStore } from './overlay.svelte';
import { PlaybackStore } from './playback.svelte';
import { ProjectStore } from './project.svelte';
import { ReviewStore } from './review.svelte';
import { routeEvent } from './run-events';
import { RunStore } from './run.svelte';
import { SelectionStore } from './selection.svelte';
import { summarizeTracks } from './track-summary';
import { VideoOpener } from './video-opener.svelte';

/**
 * The renderer's state, one small store per concern. Each store owns its fields and changes them
 * in its own methods; a store that needs another gets it in its constructor. Behaviour that spans
 * stores (opening a video, a run ending) lives in the coordinator functions of video-opener and
 * run-events. Components take the stores they use from context (context.ts), never this bag.
 */
export interface Stores {
  host: HostStore;
  navigation: NavigationStore;
  playback: PlaybackStore;
  selection: SelectionStore;
  overlay: OverlayStore;
  project: ProjectStore;
  run: RunStore;
  frames: FramesStore;
  review: ReviewStore;
  layers: LayerStore;
  addPerson: AddPersonTool;
  jobs: JobsStore;
  batch: BatchStore;
  opener: VideoOpener;
}

/** Builds the stores over one back end, each wired to the stores it reads, and routes its events to them. */
export function createStores(api: PoseApi): Stores {
  const host = new HostStore(api);
  const navigation = new NavigationStore(host);
  const playback = new PlaybackStore();
  const selection = new SelectionStore();
  const project = new ProjectStore(api, playback, (state) => pruneSelection(selection, state));
  const run = new RunStore(api, playback);
  const frames = new FramesStore(run, project, playback);
  const layers = new LayerStore(api, playback, navigation);
  let opener: VideoOpener | null = null;
  const jobs = new JobsStore(api, () => opener?.attachRun());
  opener = new VideoOpener({ host, navigation, playback, selection, project, run, layers, jobs });
  const stores: Stores = {
    host,
    navigation,
    playback,
    selection,
    overlay: new OverlayStore(),
    project,
    run,
    frames,
    review: new ReviewStore({ project, run, frames, playback, selection }),
    layers,
    addPerson: new AddPersonTool({ api, project, run, playback, selection }),
    jobs,
    batch: new BatchStore(api),
    opener,
  };
  api.onEvent((event) => routeEvent(stores, event));
  return stores;
}

/** Start-up: host info, settings, models and the runs in progress loaded. */
export async function startStores(stores: Stores): Promise<void> {
  await stores.host.load();
  void stores.host.refreshModels();
  await stores.jobs.refresh();
}

/** After an edit, the selection keeps only the tracks that still exist. */
function pruneSelection(selection: SelectionStore, state: ProjectState): void {
  selection.keepOnly(new Set(summarizeTracks(state.result.frames).map((s) => s.trackId)));
}
