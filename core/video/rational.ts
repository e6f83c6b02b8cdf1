import type { Rational } from '../types';

/** Largest denominator tried when turning a decimal frame rate into a fraction (NTSC uses 1001). */
const MAX_DENOMINATOR = 1001;

/** Parses ffprobe's "30000/1001" (or "25") into a Rational; undefined for "0/0", "N/A" and junk. */
export function parseRational(text: string | undefined): Rational | undefined {
  if (!text) return undefined;
  const match = /^(\d+)(?:\/(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  const num = Number(match[1]);
  const den = match[2] === undefined ? 1 : Number(match[2]);
  if (!(num > 0 && den > 0)) return undefined;
  return reduceRational({ num, den });
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

export function reduceRational({ num, den }: Rational): Rational {
  const divisor = gcd(num, den) || 1;
  return { num: num / divisor, den: den / divisor };
}

export function rationalToNumber({ num, den }: Rational): number {
  return num / den;
}

/**
 * The simplest fraction within 1e-9 of `value` with a denominator ≤ 1001 (continued fractions),
 * so `29.97002997` becomes 30000/1001 and `25` becomes 25/1. Used for user-given sequence fps.
 */
export function rationalFromNumber(value: number): Rational {
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`Expected a positive frame rate, got ${value}`);
  let [prevNum, num] = [0, 1];
  let [prevDen, den] = [1, 0];
  let rest = value;
  let best: Rational = { num: Math.round(value), den: 1 };
  for (let step = 0; step < 32; step++) {
    const whole = Math.floor(rest);
    [prevNum, num] = [num, whole * num + prevNum];
    [prevDen, den] = [den, whole * den + prevDen];
    if (den > MAX_DENOMINATOR) break;
    best = { num, den };
    if (Math.abs(num / den - value) < 1e-9 || rest === whole) break;
    rest = 1 / (rest - whole);
  }
  return best;
}
