import type { BatchFileState } from '../api/pose-api';
import { countStatuses, writeBatchReport, type BatchReport } from './report';

/**
 * Keeps a live batch report on disk, for the local batch and for a queued one alike: every save
 * stamps the time and counts, and saves are chained so an older snapshot never lands after a newer one.
 */
export class BatchReportSaver {
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly report: BatchReport) {}

  save(): Promise<void> {
    this.report.updatedAt = new Date().toISOString();
    this.report.counts = countStatuses(this.report.files);
    const snapshot = structuredClone(this.report);
    this.saving = this.saving.catch(() => {}).then(() => writeBatchReport(snapshot));
    return this.saving;
  }
}

/** The files of a report as the app's batch table shows them (fields that are unset left out). */
export function batchFileStates(report: BatchReport): BatchFileState[] {
  return report.files.map(
    ({ input, output, status, progress, error, wallMs }): BatchFileState => ({
      input,
      output,
      status,
      ...(progress && { progress }),
      ...(error && { error }),
      ...(wallMs !== undefined && { wallMs }),
    }),
  );
}
