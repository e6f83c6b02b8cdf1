import type { EvalPerson } from './eval-sequence';

/** Joints' bounding box of a person; null without joints. */
interface Extent {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function extentOf(person: EvalPerson, margin: number): Extent | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const joint of person.joints) {
    if (!joint) continue;
    minX = Math.min(minX, joint.x);
    minY = Math.min(minY, joint.y);
    maxX = Math.max(maxX, joint.x);
    maxY = Math.max(maxY, joint.y);
  }
  return minX === Infinity
    ? null
    : { minX: minX - margin, minY: minY - margin, maxX: maxX + margin, maxY: maxY + margin };
}

/** A box spanning more grid cells than this is checked against every person instead. */
const MAX_CELLS_PER_BOX = 64;

/**
 * The (ground truth, prediction) pairs that have any joint of one within `reach × headSize` of
 * the ground truth's joints' box — a superset of the pairs with any joint that close — found on
 * a grid, so people spread over a frame cost about linear time rather than every pair.
 */
export function nearbyPairs(
  groundTruth: readonly EvalPerson[],
  predictions: readonly EvalPerson[],
  reach: number,
): [number, number][] {
  const gtBoxes = groundTruth.map((g) => (Number.isFinite(g.headSize) ? extentOf(g, reach * g.headSize) : null));
  const predBoxes = predictions.map((p) => extentOf(p, 0));
  const sizes = gtBoxes.flatMap((b) => (b ? [Math.max(b.maxX - b.minX, b.maxY - b.minY)] : [])).sort((a, b) => a - b);
  if (sizes.length === 0) return [];
  const cell = Math.max(1e-6, sizes[Math.floor(sizes.length / 2)]);
  const cellsOf = (b: Extent) => ({
    x0: Math.floor(b.minX / cell),
    y0: Math.floor(b.minY / cell),
    x1: Math.floor(b.maxX / cell),
    y1: Math.floor(b.maxY / cell),
  });
  const grid = new Map<string, number[]>();
  const oversized: number[] = [];
  predBoxes.forEach((box, pi) => {
    if (!box) return;
    const { x0, y0, x1, y1 } = cellsOf(box);
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > MAX_CELLS_PER_BOX) return void oversized.push(pi);
    for (let x = x0; x <= x1; x++)
      for (let y = y0; y <= y1; y++) (grid.get(`${x},${y}`) ?? grid.set(`${x},${y}`, []).get(`${x},${y}`)!).push(pi);
  });
  const overlaps = (a: Extent, b: Extent) =>
    a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;
  const pairs: [number, number][] = [];
  gtBoxes.forEach((box, gi) => {
    if (!box) return;
    const { x0, y0, x1, y1 } = cellsOf(box);
    const candidates = new Set<number>(oversized);
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > MAX_CELLS_PER_BOX) predBoxes.forEach((b, pi) => b && candidates.add(pi));
    else
      for (let x = x0; x <= x1; x++)
        for (let y = y0; y <= y1; y++) for (const pi of grid.get(`${x},${y}`) ?? []) candidates.add(pi);
    for (const pi of [...candidates].sort((a, b) => a - b)) if (overlaps(box, predBoxes[pi]!)) pairs.push([gi, pi]);
  });
  return pairs;
}
