/** Scales `values` in place to length 1 and returns them (left at zero when they are all zero). */
export function unitLength(values: Float32Array): Float32Array {
  let sum = 0;
  for (const v of values) sum += v * v;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < values.length; i++) values[i] /= norm;
  return values;
}

/** Σ a·b: the cosine similarity of two unit-length vectors. Throws when their lengths differ. */
export function dot(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`Cannot compare embeddings of ${a.length} and ${b.length} values.`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}
