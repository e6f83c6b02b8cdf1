import { toasts } from './toasts.svelte';

/** The video this tab has open, so a reload reopens it (per tab: another tab may hold another video). */
const OPEN_VIDEO_KEY = 'posetrail.openVideo';

export function rememberOpenVideo(path: string): void {
  try {
    sessionStorage.setItem(OPEN_VIDEO_KEY, path);
  } catch {
    // storage disabled: a reload then starts on the start page
  }
}

export function forgetOpenVideo(path: string): void {
  try {
    if (sessionStorage.getItem(OPEN_VIDEO_KEY) === path) sessionStorage.removeItem(OPEN_VIDEO_KEY);
  } catch {
    // storage disabled
  }
}

export function openVideoBeforeReload(): string | null {
  try {
    return sessionStorage.getItem(OPEN_VIDEO_KEY);
  } catch {
    return null;
  }
}

/** A run's notes that a GPU provider was skipped ("…; running on CPU (…)"). */
const CPU_FALLBACK = /running on CPU/i;

/** The fallback details of this app start, for Settings; the toast appears once per start. */
export const deviceNotes = $state<{ details: string[]; shown: boolean }>({ details: [], shown: false });

/**
 * Shows a run's warnings. GPU-fallback notes (one per model per run) become a single line, once
 * per start of the app, whose Details button opens them in Settings (`showDetails`).
 */
export function reportRunNotes(warnings: readonly string[], showDetails?: () => void): void {
  const fallbacks = warnings.filter((w) => CPU_FALLBACK.test(w));
  for (const warning of warnings) if (!CPU_FALLBACK.test(warning)) toasts.info('Note', warning);
  if (!fallbacks.length) return;
  deviceNotes.details = [...new Set([...deviceNotes.details, ...fallbacks])];
  if (deviceNotes.shown) return;
  deviceNotes.shown = true;
  toasts.info(
    'Running on CPU: no GPU provider available',
    'Why, and what would help: Settings → Processing.',
    showDetails && { label: 'Details', run: showDetails },
  );
}
