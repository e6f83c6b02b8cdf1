import { MAX_TOASTS_SHOWN, TOAST_TIMEOUT_MS } from './constants';
import { describeError, plainWords } from './plain-errors';

export { describeError };

export type ToastKind = 'info' | 'success' | 'error';

export interface Toast {
  id: number;
  kind: ToastKind;
  title: string;
  message?: string;
  /** A button on the toast, e.g. "Show in folder". */
  action?: { label: string; run: () => void };
}

/** Messages in the corner. Errors stay until dismissed: a user must be able to read the cause. */
class ToastStore {
  items = $state.raw<Toast[]>([]);
  private nextId = 1;

  push(kind: ToastKind, title: string, message?: string, action?: Toast['action']): number {
    const id = this.nextId++;
    // Every notice in words, whoever raised it: no system error code, ffmpeg wording or command.
    if (kind === 'error')
      [title, message] = [plainWords(title), message === undefined ? undefined : plainWords(message)];
    // The strip shows the latest few: an older notice gives way rather than push the view further down.
    this.items = [...this.items, { id, kind, title, message, action }].slice(-MAX_TOASTS_SHOWN);
    if (kind !== 'error') setTimeout(() => this.dismiss(id), TOAST_TIMEOUT_MS);
    return id;
  }

  info(title: string, message?: string, action?: Toast['action']): number {
    return this.push('info', title, message, action);
  }

  success(title: string, message?: string, action?: Toast['action']): number {
    return this.push('success', title, message, action);
  }

  /** `context` says what was being done ("Opening /videos/a.mp4"); the error says why it failed. */
  error(context: string, error: unknown): number {
    return this.push('error', context, describeError(error));
  }

  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new ToastStore();
