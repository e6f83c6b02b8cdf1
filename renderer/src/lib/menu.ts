import type { PoseEvent } from '../../../core/api/pose-api';
import type { Stores } from './stores.svelte';
import { trackActions } from './track-actions';

type MenuEvent = Extract<PoseEvent, { type: 'menu' }>;

/**
 * Actions the desktop menu sends (`{type: 'menu', action, payload}`); each does what the same
 * button or shortcut does. Unknown actions are ignored so an older renderer survives a newer menu.
 */
export function handleMenuAction(stores: Stores, event: MenuEvent): void {
  const { opener, navigation, project, playback, overlay } = stores;
  const actions = trackActions(stores);
  switch (event.action) {
    case 'open-video':
      if (event.payload) void opener.open(event.payload);
      else void opener.choose();
      break;
    case 'open-recent':
      if (event.payload) void opener.open(event.payload);
      break;
    case 'open-folder-batch':
      navigation.show('batch');
      break;
    case 'export':
      if (project.project) navigation.openDialog('export');
      break;
    case 'track':
      if (playback.video && !stores.run.run) navigation.openDialog('track');
      break;
    case 'undo':
      void project.undo();
      break;
    case 'redo':
      void project.redo();
      break;
    case 'settings':
      navigation.show('settings');
      break;
    case 'help':
    case 'shortcuts':
      navigation.openDialog('help');
      break;
    case 'toggle-boxes':
      overlay.toggle('showBoxes');
      break;
    case 'toggle-labels':
      overlay.toggle('showLabels');
      break;
    case 'zoom-in':
      playback.zoomBy(1.3);
      break;
    case 'zoom-out':
      playback.zoomBy(1 / 1.3);
      break;
    case 'zoom-reset':
      playback.resetZoom();
      break;
    case 'merge':
      actions.merge();
      break;
    case 'split':
      actions.split();
      break;
    case 'swap':
      actions.swap();
      break;
    case 'delete':
      actions.remove();
      break;
  }
}
