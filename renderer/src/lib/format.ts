/** Human-readable numbers for the UI. */

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  const totalSeconds = Math.round(ms / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** Timecode with milliseconds, e.g. 0:03.467. */
export function formatTimecode(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  const totalMs = Math.round(ms);
  const m = Math.floor(totalMs / 60000);
  const s = Math.floor((totalMs % 60000) / 1000);
  return `${m}:${String(s).padStart(2, '0')}.${String(totalMs % 1000).padStart(3, '0')}`;
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes)) return '–';
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return `${v.toFixed(u === 0 || v >= 100 ? 0 : 1)} ${units[u]}`;
}

export function formatFps(fps: { num: number; den: number }): string {
  const v = fps.num / Math.max(fps.den, 1);
  return Number.isInteger(v) ? `${v}` : v.toFixed(2);
}

/** "42 / 230 · 12.3 fps · ETA 0:15" */
export function formatProgress(
  p: { done: number; total: number; rate?: number; etaMs?: number },
  unit = 'fps',
): string {
  const parts = [`${p.done} / ${p.total}`];
  if (p.rate != null && Number.isFinite(p.rate)) parts.push(`${p.rate.toFixed(1)} ${unit}`);
  if (p.etaMs != null && Number.isFinite(p.etaMs) && p.done < p.total) parts.push(`ETA ${formatDuration(p.etaMs)}`);
  return parts.join(' · ');
}

/** "≈ 12 persons/s on CPU": an expected model rate, two significant digits below 10. */
export function formatRate(
  rate: { perSecond: number; unit: 'frames' | 'persons'; device: string } | null | undefined,
): string {
  if (!rate || !Number.isFinite(rate.perSecond) || rate.perSecond <= 0) return '–';
  const value = rate.perSecond >= 10 ? Math.round(rate.perSecond).toString() : rate.perSecond.toPrecision(2);
  return `≈ ${value} ${rate.unit}/s on ${rate.device.toUpperCase()}`;
}
