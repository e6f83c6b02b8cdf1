import { promises as fs } from 'node:fs';
import path from 'node:path';
import { BATCH_REPORT_NAME, reportPath, type BatchReport } from './report';

/**
 * Keeps the report of the earlier run before a new run overwrites it, as
 * `batch-report.<its start time>.json` beside it; returns that path, or null when there was none.
 */
export async function keepEarlierReport(outDir: string, previous: BatchReport | null): Promise<string | null> {
  if (!previous) return null;
  const stamp = (previous.startedAt || new Date().toISOString()).replace(/[:.]/g, '-');
  const kept = path.join(outDir, BATCH_REPORT_NAME.replace(/\.json$/, `.${stamp}.json`));
  try {
    await fs.copyFile(reportPath(outDir), kept, fs.constants.COPYFILE_EXCL);
  } catch (error) {
    // Already kept by an earlier attempt of this same run: nothing to do.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return kept;
}
