/** Calls `onWidth` with the element's width when observing starts and on every resize; returns the stop function for an $effect. */
export function observeWidth(element: HTMLElement, onWidth: (widthPx: number) => void): () => void {
  const ro = new ResizeObserver(() => onWidth(element.clientWidth));
  ro.observe(element);
  return () => ro.disconnect();
}

/**
 * Sizes a canvas's pixels for the screen's pixel ratio and returns its context scaled to draw in CSS
 * pixels; null while it cannot draw (no context, or not laid out yet).
 */
export function sizedContext(
  canvas: HTMLCanvasElement,
  widthPx: number,
  heightPx: number,
): CanvasRenderingContext2D | null {
  const ctx = canvas.getContext('2d');
  if (!ctx || widthPx <= 0) return null;
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(widthPx * dpr);
  canvas.height = Math.round(heightPx * dpr);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}
