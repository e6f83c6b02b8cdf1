/**
 * Minimum-cost one-to-one assignment on a rectangular cost matrix (rows × columns) where NaN
 * marks a forbidden pair. First as many pairs as possible are made, then their total cost is
 * minimised (the CLEAR-MOT rule). Shortest-augmenting-path Hungarian, O(n²m) for n ≤ m.
 * Returns [row, column] pairs sorted by row.
 */
export function minCostAssignment(cost: readonly (readonly number[])[]): [number, number][] {
  const rows = cost.length;
  const columns = rows === 0 ? 0 : cost[0].length;
  if (rows === 0 || columns === 0) return [];
  if (rows > columns) {
    const transposed = Array.from({ length: columns }, (_, c) => cost.map((row) => row[c]));
    return minCostAssignment(transposed)
      .map(([c, r]) => [r, c] as [number, number])
      .sort((a, b) => a[0] - b[0]);
  }
  let finiteSum = 0;
  for (const row of cost) for (const v of row) if (Number.isFinite(v)) finiteSum += Math.abs(v);
  // Larger than any sum of allowed costs, so one more allowed pair always beats a cheaper set.
  const forbidden = finiteSum + 1;
  const at = (r: number, c: number) => (Number.isFinite(cost[r][c]) ? cost[r][c] : forbidden);
  const columnOf = hungarian(rows, columns, at);
  const pairs: [number, number][] = [];
  columnOf.forEach((c, r) => {
    if (Number.isFinite(cost[r][c])) pairs.push([r, c]);
  });
  return pairs;
}

/** Classic potentials-based Hungarian for n ≤ m; returns the column of each row. */
function hungarian(n: number, m: number, at: (r: number, c: number) => number): number[] {
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const rowOfColumn = new Int32Array(m + 1); // 1-based rows; 0 = free
  const way = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    rowOfColumn[0] = i;
    let j0 = 0;
    const minv = new Float64Array(m + 1).fill(Infinity);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = rowOfColumn[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const reduced = at(i0 - 1, j - 1) - u[i0] - v[j];
        if (reduced < minv[j]) {
          minv[j] = reduced;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[rowOfColumn[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (rowOfColumn[j0] !== 0);
    do {
      const j1 = way[j0];
      rowOfColumn[j0] = rowOfColumn[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  const columnOf = new Array<number>(n).fill(-1);
  for (let j = 1; j <= m; j++) if (rowOfColumn[j] !== 0) columnOf[rowOfColumn[j] - 1] = j - 1;
  return columnOf;
}
