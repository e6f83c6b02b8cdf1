/**
 * Savitzky–Golay smoothing: each sample is replaced by the value at its own position of the
 * least-squares polynomial of `order` fitted to the `windowFrames` samples around it. Near the ends
 * the window slides inward and the same fit is evaluated off-centre, so no sample is left out and
 * no padding is invented. Offline: it looks at samples on both sides.
 */

const coefficientCache = new Map<number, number[]>();

/**
 * Weights w such that Σ w_j · y_j is the fitted polynomial's value at offset `evalOffset` (0-based
 * within the window). Row `evalOffset` of the hat matrix A (AᵀA)⁻¹ Aᵀ, A_jk = (j − c)^k.
 */
export function savgolWeights(windowFrames: number, order: number, evalOffset: number): number[] {
  const key = (windowFrames * 64 + order) * 1024 + evalOffset;
  const cached = coefficientCache.get(key);
  if (cached) return cached;
  const centre = (windowFrames - 1) / 2;
  const powers = (t: number) => Array.from({ length: order + 1 }, (_, k) => t ** k);
  const rows = Array.from({ length: windowFrames }, (_, j) => powers(j - centre));
  const normal = Array.from({ length: order + 1 }, (_, a) =>
    Array.from({ length: order + 1 }, (_, b) => rows.reduce((s, r) => s + r[a] * r[b], 0)),
  );
  // Solve (AᵀA) z = p(evalOffset); then w_j = A_j · z.
  const z = solve(normal, powers(evalOffset - centre));
  const weights = rows.map((r) => r.reduce((s, v, k) => s + v * z[k], 0));
  coefficientCache.set(key, weights);
  return weights;
}

/** Gauss–Jordan elimination with partial pivoting; the matrices here are at most 6×6. */
function solve(matrix: number[][], rhs: number[]): number[] {
  const n = rhs.length;
  const m = matrix.map((row, i) => [...row, rhs[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    const p = m[col][col];
    if (Math.abs(p) < 1e-12) throw new Error('savgol: singular fit (window too short for the order).');
    for (let c = col; c <= n; c++) m[col][c] /= p;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r][col];
      for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c];
    }
  }
  return m.map((row) => row[n]);
}

export function checkSavgolParams(windowFrames: number, order: number): void {
  if (!Number.isInteger(windowFrames) || windowFrames < 3 || windowFrames % 2 === 0) {
    throw new Error(`Savitzky–Golay window must be an odd whole number of frames ≥ 3, got ${windowFrames}.`);
  }
  if (!Number.isInteger(order) || order < 0 || order >= windowFrames) {
    throw new Error(`Savitzky–Golay order must be a whole number below the window (${windowFrames}), got ${order}.`);
  }
}

/**
 * Smooths one run of evenly spaced samples. A run shorter than the window uses the longest odd
 * window that fits (still above the order); a run too short for any fit comes back unchanged.
 */
export function savgolSeries(values: readonly number[], windowFrames: number, order: number): number[] {
  checkSavgolParams(windowFrames, order);
  const n = values.length;
  let window = Math.min(windowFrames, n % 2 === 1 ? n : n - 1);
  if (window <= order) return [...values];
  const half = (window - 1) / 2;
  const out = new Array<number>(n);
  const centreWeights = savgolWeights(window, order, half);
  for (let i = 0; i < n; i++) {
    const start = Math.min(Math.max(i - half, 0), n - window);
    const weights = i - start === half ? centreWeights : savgolWeights(window, order, i - start);
    let sum = 0;
    for (let j = 0; j < window; j++) sum += weights[j] * values[start + j];
    out[i] = sum;
  }
  return out;
}
