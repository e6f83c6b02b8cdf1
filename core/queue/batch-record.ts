import type { Queue } from 'bullmq';
import type { BatchReport } from '../batch';
import { KEY_PREFIX } from './connection';
import { KEEP_FINISHED_S } from './job-data';
import { validateBatchRecord } from './job-schema';

/**
 * What Redis keeps about a submitted batch, so that `posetrail batch --status <id>` can rebuild its
 * report from any machine: the planned report and the job id of each file (null when the file
 * needed no job).
 */
export interface BatchRecord {
  batchId: string;
  report: BatchReport;
  jobIds: (string | null)[];
}

const recordKey = (batchId: string) => `${KEY_PREFIX}:batch:${batchId}`;

export async function saveBatchRecord(queue: Queue, record: BatchRecord): Promise<void> {
  const client = await queue.backend.client;
  await client.set(recordKey(record.batchId), JSON.stringify(record), { EX: KEEP_FINISHED_S });
}

export async function loadBatchRecord(queue: Queue, batchId: string): Promise<BatchRecord> {
  if (!/^[0-9a-f]{12}$/.test(batchId))
    throw new Error(
      `Invalid batch id "${batchId}": expected the 12 hex digits that \`posetrail batch --queue … --detach\` printed.`,
    );
  const client = await queue.backend.client;
  const text = await client.get(recordKey(batchId));
  if (!text)
    throw new Error(
      `No batch ${batchId} in this queue (wrong Redis URL or database, or older than ${KEEP_FINISHED_S / 86_400} days).`,
    );
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`The record of batch ${batchId} in the queue is not JSON (${(error as Error).name}); refusing it.`);
  }
  return validateBatchRecord(data, batchId);
}
