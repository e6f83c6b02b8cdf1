/**
 * Where the quality report keeps its figures between runs: bench-results/quality/latest.json
 * (what the next run compares with) and one file per run under bench-results/quality/history/.
 * report.json holds only the last run of whatever sections ran, so the quality figures keep
 * their own record, which a run of other sections does not overwrite.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../../core/util/fs';

export interface QualityRecord {
  startedAt: string;
  /** `git describe` of the checkout measured, when known. */
  commit?: string;
  figures: Record<string, number>;
}

export const latestFile = (outDir: string) => path.join(outDir, 'quality', 'latest.json');

/** The previous run's record, or null when there is none; a damaged file is an error naming it. */
export function readPreviousRecord(outDir: string): QualityRecord | null {
  const file = latestFile(outDir);
  if (!existsSync(file)) return null;
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as QualityRecord;
    if (!record.figures || typeof record.figures !== 'object') throw new Error('no "figures" object');
    return record;
  } catch (error) {
    throw new Error(`${file}: not a quality record (${(error as Error).message}); delete it to start a new history.`);
  }
}

/** Writes the record as the latest and into the history. */
export async function saveRecord(outDir: string, record: QualityRecord): Promise<void> {
  const text = `${JSON.stringify(record, null, 2)}\n`;
  const stamp = record.startedAt.replace(/[:.]/g, '-');
  await mkdir(path.join(outDir, 'quality', 'history'), { recursive: true });
  await writeFileAtomic(path.join(outDir, 'quality', 'history', `${stamp}.json`), text);
  await writeFileAtomic(latestFile(outDir), text);
}
