/** A rectangle of the image in whole pixels. */
export interface Tile {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * An overlapping `cols × rows` grid over an image: equal tiles whose neighbours share `overlap` of
 * a tile's size, the first and last tile of each row/column flush with the image edges (no tile
 * reaches outside, none is a sliver). Row-major, top-left first; whole pixels.
 */
export function tileGrid(
  imageSize: readonly [width: number, height: number],
  layout: { cols: number; rows: number; overlap: number },
): Tile[] {
  const xs = axisSpans(imageSize[0], layout.cols, layout.overlap);
  const ys = axisSpans(imageSize[1], layout.rows, layout.overlap);
  const tiles: Tile[] = [];
  for (const [y, height] of ys) for (const [x, width] of xs) tiles.push({ x, y, width, height });
  return tiles;
}

/** [start, length] of each tile along one axis of `size` pixels. */
function axisSpans(size: number, count: number, overlap: number): [number, number][] {
  if (!(size >= 1) || !Number.isInteger(size)) throw new Error(`Invalid image side ${size} px for tiling.`);
  if (count === 1) return [[0, size]];
  const length = tileLength(size, count, overlap);
  const spans: [number, number][] = [];
  for (let i = 0; i < count; i++) spans.push([Math.round((i * (size - length)) / (count - 1)), length]);
  return spans;
}

/** Side of each of `count` tiles over `size` pixels: count·L − (count−1)·overlap·L = size, rounded up. */
export function tileLength(size: number, count: number, overlap: number): number {
  return count === 1 ? size : Math.min(size, Math.ceil(size / (count - (count - 1) * overlap)));
}
