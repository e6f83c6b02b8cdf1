/** How commands print results: rounded JSON numbers and warnings on stderr. */
import type { Box } from '../../core/types';

/** Printed precision: hundredths of a pixel (and of a millisecond) for positions, thousandths for scores. */
const POSITION_DECIMALS = 2;
const SCORE_DECIMALS = 3;

export function round(value: number): number {
  return Number(value.toFixed(POSITION_DECIMALS));
}

export function roundScore(value: number): number {
  return Number(value.toFixed(SCORE_DECIMALS));
}

export function boxJson(box: Box): Box {
  return { x: round(box.x), y: round(box.y), w: round(box.w), h: round(box.h), score: roundScore(box.score) };
}

export const warnOnStderr = (message: string) => process.stderr.write(`posetrail: warning: ${message}\n`);
