import type { RunSummary } from '../../../core/api/pose-api';

/**
 * The speed of the last whole run on this machine, as the run measured it (decoding, tiling, the
 * people in the video and tracking included). Settings shows it instead of an estimate from bare
 * model calls, which said ≈ 54 frames/s where runs did about 10.
 */
export interface RunSpeed {
  detector: string;
  pose: string;
  frames: number;
  wallMs: number;
  executionProvider: string;
}

const KEY = 'posetrail.lastRunSpeed';

/** The browser's storage, typed here so this file also loads in Node for its unit test. */
const storage = () =>
  (
    globalThis as unknown as {
      localStorage?: { getItem(key: string): string | null; setItem(key: string, value: string): void };
    }
  ).localStorage;

export function runSpeedOf(models: { detector: string; pose: string }, summary: RunSummary): RunSpeed | null {
  if (summary.frames <= 0 || summary.wallMs <= 0) return null;
  return {
    detector: models.detector,
    pose: models.pose,
    frames: summary.frames,
    wallMs: summary.wallMs,
    executionProvider: summary.executionProvider,
  };
}

/** "9.9 video frames/s in the last run (230 frames, cpu) with SimplePose-Nano", for either model of the run; '' for others. */
export function runSpeedLine(speed: RunSpeed | null, modelId: string, nameOf: (id: string) => string): string {
  if (!speed || (speed.detector !== modelId && speed.pose !== modelId)) return '';
  const fps = speed.frames / (speed.wallMs / 1000);
  const other = speed.detector === modelId ? speed.pose : speed.detector;
  return `${fps >= 10 ? Math.round(fps) : fps.toPrecision(2)} video frames/s in the last run (${speed.frames} frames, ${speed.executionProvider}) with ${nameOf(other)}`;
}

export function saveRunSpeed(speed: RunSpeed | null): void {
  if (!speed) return;
  try {
    storage()?.setItem(KEY, JSON.stringify(speed));
  } catch {
    // storage disabled: Settings shows no speed
  }
}

export function loadRunSpeed(): RunSpeed | null {
  try {
    const value = JSON.parse(storage()?.getItem(KEY) ?? 'null') as RunSpeed | null;
    return value && typeof value.frames === 'number' && typeof value.wallMs === 'number' ? value : null;
  } catch {
    return null;
  }
}
