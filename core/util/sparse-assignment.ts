import { minCostAssignment } from './min-cost-assignment';

/** An allowed (row, column) pair and its cost. */
export type AssignmentEdge = [row: number, column: number, cost: number];

/**
 * minCostAssignment on a sparse set of allowed pairs, solved separately on each connected group
 * of rows and columns, so the cost follows the size of the largest group rather than the whole
 * frame: 2000 people spread over a frame are 2000 small problems, not one of 2000 × 2000.
 *
 * - 'max-pairs' (CLEAR-MOT): only the edges may pair; as many pairs as possible, then the
 *   lowest total cost. Exactly the dense result with NaN outside the edges.
 * - 'min-cost' (IDF1, HOTA): pairs outside the edges cost 0 and pairing is not required; only the
 *   edges chosen are returned. The total cost equals the dense result's with 0 outside the edges.
 *
 * Returns [row, column] pairs sorted by row.
 */
export function sparseAssignment(
  rowCount: number,
  columnCount: number,
  edges: readonly AssignmentEdge[],
  mode: 'max-pairs' | 'min-cost',
): [number, number][] {
  const parent = Int32Array.from({ length: rowCount + columnCount }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (const [r, c] of edges) parent[find(r)] = find(rowCount + c);
  const groups = new Map<number, AssignmentEdge[]>();
  for (const edge of edges) {
    const root = find(edge[0]);
    const group = groups.get(root);
    if (group) group.push(edge);
    else groups.set(root, [edge]);
  }
  const pairs: [number, number][] = [];
  for (const group of groups.values()) pairs.push(...solveGroup(group, mode));
  return pairs.sort((a, b) => a[0] - b[0]);
}

function solveGroup(edges: readonly AssignmentEdge[], mode: 'max-pairs' | 'min-cost'): [number, number][] {
  if (edges.length === 1) {
    const [r, c, cost] = edges[0];
    return mode === 'max-pairs' || cost < 0 ? [[r, c]] : [];
  }
  // In index order, so ties are broken as the dense problem breaks them.
  const rows = [...new Set(edges.map((e) => e[0]))].sort((a, b) => a - b);
  const columns = [...new Set(edges.map((e) => e[1]))].sort((a, b) => a - b);
  const rowAt = new Map(rows.map((r, i) => [r, i]));
  const columnAt = new Map(columns.map((c, i) => [c, i]));
  const outside = mode === 'max-pairs' ? NaN : 0;
  const cost = rows.map(() => new Array<number>(columns.length).fill(outside));
  const isEdge = rows.map(() => new Uint8Array(columns.length));
  for (const [r, c, value] of edges) {
    cost[rowAt.get(r)!][columnAt.get(c)!] = value;
    isEdge[rowAt.get(r)!][columnAt.get(c)!] = 1;
  }
  return minCostAssignment(cost)
    .filter(([r, c]) => isEdge[r][c] === 1)
    .map(([r, c]) => [rows[r], columns[c]] as [number, number]);
}
