import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { BatchReport, BatchReportFile } from './report';

/**
 * The report entry for one video at the start of a run: 'skipped' when an earlier run finished it
 * with the same settings and neither the input (size, mtime) nor the output has changed since,
 * 'pending' otherwise — including videos that were running when a batch crashed or was cancelled.
 */
export async function planFile(
  input: string,
  output: string,
  folder: string,
  hash: string,
  previous: BatchReport | null,
): Promise<BatchReportFile> {
  const relativePath = path.relative(folder, input).split(path.sep).join('/');
  let stat;
  try {
    stat = await fs.stat(input);
  } catch (error) {
    const cause = (error as NodeJS.ErrnoException).code ?? String(error);
    return {
      input,
      output,
      relativePath,
      status: 'failed',
      error: `Cannot read ${input} (${cause}).`,
      inputSizeBytes: 0,
      inputMtimeMs: 0,
      settingsHash: hash,
    };
  }
  const entry: BatchReportFile = {
    input,
    output,
    relativePath,
    status: 'pending',
    inputSizeBytes: stat.size,
    inputMtimeMs: stat.mtimeMs,
    settingsHash: hash,
  };
  const before = previous?.files.find((file) => file.relativePath === relativePath);
  const finished = before && (before.status === 'done' || before.status === 'skipped');
  const unchanged =
    finished &&
    before.inputSizeBytes === entry.inputSizeBytes &&
    before.inputMtimeMs === entry.inputMtimeMs &&
    before.settingsHash === hash &&
    before.output === output &&
    (await outputExists(output));
  if (!unchanged) return entry;
  // Keep what the earlier run measured; the output file is that run's.
  const { frames, tracks, wallMs, startedAt, finishedAt } = before;
  return { ...entry, status: 'skipped', frames, tracks, wallMs, startedAt, finishedAt };
}

/** Outputs are written atomically, so an existing output file is a complete one. */
async function outputExists(output: string): Promise<boolean> {
  try {
    return (await fs.stat(output)).isFile();
  } catch {
    return false;
  }
}
