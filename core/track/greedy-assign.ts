export interface Assignment {
  /** [poseIndex, trackIndex] pairs (row, column), in the order taken: best similarity first. */
  matches: [number, number][];
  /** Rows left without a track, ascending. */
  unmatchedPoses: number[];
  /** Columns left without a pose, ascending. */
  unmatchedTracks: number[];
}

/**
 * Greedy one-to-one assignment on a similarity matrix (rows = new poses, columns = tracks): take
 * the most similar free pair, repeat, stop below `minSim`.
 *
 * Why greedy rather than Hungarian: OKS between the same person in consecutive frames is near 1
 * and between different people near 0, so the best pair is almost always right and greedy finds
 * the same answer. Where they differ, Hungarian maximises the *sum* and may trade one confident
 * match for two mediocre ones, which is the wrong trade for identity. Greedy is also what the
 * PoseTrack baselines (Simple Baselines, HRNet) use, costs O(nm log nm), and is deterministic:
 * ties go to the lower row, then the lower column.
 */
export function greedyAssign(
  sim: readonly (readonly number[])[],
  minSim: number,
  /** Needed only when there are no poses: a 0×N matrix cannot say how many tracks it has. */
  trackCount = sim.length === 0 ? 0 : sim[0].length,
): Assignment {
  const rowCount = sim.length;
  const columnCount = trackCount;
  const pairs: [number, number, number][] = [];
  for (let r = 0; r < rowCount; r++) {
    if (sim[r].length !== columnCount) {
      throw new Error(`greedyAssign: row ${r} has ${sim[r].length} columns, expected ${columnCount}.`);
    }
    for (let c = 0; c < columnCount; c++) {
      const s = sim[r][c];
      if (s >= minSim) pairs.push([s, r, c]);
    }
  }
  pairs.sort((p, q) => q[0] - p[0] || p[1] - q[1] || p[2] - q[2]);
  const rowTaken = new Array<boolean>(rowCount).fill(false);
  const columnTaken = new Array<boolean>(columnCount).fill(false);
  const matches: [number, number][] = [];
  for (const [, r, c] of pairs) {
    if (rowTaken[r] || columnTaken[c]) continue;
    rowTaken[r] = true;
    columnTaken[c] = true;
    matches.push([r, c]);
  }
  return {
    matches,
    unmatchedPoses: rowTaken.flatMap((taken, r) => (taken ? [] : [r])),
    unmatchedTracks: columnTaken.flatMap((taken, c) => (taken ? [] : [c])),
  };
}
