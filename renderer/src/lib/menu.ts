import type { PoseEvent } from '../../../core/api/pose-api';
import type { AppStore } from './app.svelte';
import { trackActions } from './track-actions';

type MenuEvent = Extract<PoseEvent, { type: 'menu' }>;

/**
 * Actions the desktop menu sends (`{type: 'menu', action, payload}`); each does what the same
 * button or shortcut does. Unknown actions are ignored so an older renderer survives a newer menu.
 */
export function handleMenuAction(app: AppStore, event: MenuEvent): void {
  const actions = trackActions(app);
  switch (event.action) {
    case 'open-video':
      if (event.payload) void app.openVideo(event.payload);
      else void app.chooseAndOpenVideo();
      break;
    case 'open-recent':
      if (event.payload) void app.openVideo(event.payload);
      break;
    case 'open-folder-batch':
      app.view = 'batch';
      break;
    case 'export':
      if (app.project) app.dialog = 'export';
      break;
    case 'track':
      if (app.video && !app.run) app.dialog = 'track';
      break;
    case 'undo': void app.undo(); break;
    case 'redo': void app.redo(); break;
    case 'settings': app.view = 'settings'; break;
    case 'help': case 'shortcuts': app.dialog = 'help'; break;
    case 'toggle-boxes': app.overlay.showBoxes = !app.overlay.showBoxes; break;
    case 'toggle-labels': app.overlay.showLabels = !app.overlay.showLabels; break;
    case 'zoom-in': app.player?.zoomBy(1.3); break;
    case 'zoom-out': app.player?.zoomBy(1 / 1.3); break;
    case 'zoom-reset': app.player?.resetZoom(); break;
    case 'merge': actions.merge(); break;
    case 'split': actions.split(); break;
    case 'swap': actions.swap(); break;
    case 'delete': actions.remove(); break;
  }
}
