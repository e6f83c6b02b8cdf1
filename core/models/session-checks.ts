/**
 * Checks around a model session that need no runtime: the model file, the thread count, each
 * feed's shape against the file's declared one, and the human part of a runtime error.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NdArray } from './session-types';

export function defaultThreadCount(): number {
  return Math.max(1, os.availableParallelism());
}

export function validateThreads(threads: number | undefined): number {
  if (threads === undefined) return defaultThreadCount();
  if (!Number.isInteger(threads) || threads < 1)
    throw new Error(`Invalid threads ${threads}. Should be a positive integer.`);
  return threads;
}

export async function assertReadableModel(modelPath: string): Promise<void> {
  let stat;
  try {
    stat = await fs.stat(modelPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT'
        ? `Model file ${modelPath} does not exist.`
        : `Cannot read model file ${modelPath} (${code ?? error}).`,
    );
  }
  if (!stat.isFile()) throw new Error(`Model file ${modelPath} is not a file.`);
  if (stat.size === 0) throw new Error(`Model file ${modelPath} is empty.`);
}

/** ORT messages start with a source location and a failed assertion; keep the human part. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  let line = text.split('\n').find((l) => l.trim().length > 0) ?? text;
  line = line.replace(/^.*?\bwas false\.\s*/, '').replace(/^\/onnxruntime_src\/\S+\s+/, '');
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** Rank, fixed dims and element count are checked here so a bad feed fails with names, not a native abort. */
export function checkFeed(
  modelPath: string,
  name: string,
  feed: NdArray,
  declared: (number | string)[] | undefined,
): void {
  const model = path.basename(modelPath);
  const count = feed.dims.reduce((a, b) => a * b, 1);
  if (feed.data.length !== count) {
    throw new Error(
      `Input "${name}" for ${model} has ${feed.data.length} values but dims [${feed.dims.join(',')}] need ${count}.`,
    );
  }
  if (!declared || declared.length === 0) return;
  const fixedMismatch = declared.some((d, i) => typeof d === 'number' && d !== feed.dims[i]);
  if (declared.length !== feed.dims.length || fixedMismatch) {
    throw new Error(
      `Input "${name}" for ${model} has shape [${feed.dims.join(',')}]; the model expects [${declared.join(',')}].`,
    );
  }
}
