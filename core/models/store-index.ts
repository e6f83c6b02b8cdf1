/**
 * `index.json` in the model store: what was installed, how, and the SHA-256 it had then. It is
 * the reference checksum for files whose publisher gives none (first download is trusted and
 * recorded) and for ONNX files converted from checkpoints.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../util/fs';

const RecordSchema = z.object({
  file: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sizeBytes: z.number().int().nonnegative(),
  origin: z.enum(['download', 'import', 'convert']),
  /** For converted models: the SHA-256 of the checkpoint they were built from. */
  sourceSha256: z.string().optional(),
  installedAt: z.string(),
});
const IndexSchema = z.object({ version: z.literal(1), models: z.record(z.string(), RecordSchema) });

export type StoreRecord = z.infer<typeof RecordSchema>;
export const STORE_INDEX_FILE = 'index.json';

export async function readStoreIndex(storeDir: string): Promise<Record<string, StoreRecord>> {
  let text: string;
  try {
    text = await fs.readFile(path.join(storeDir, STORE_INDEX_FILE), 'utf8');
  } catch {
    return {};
  }
  try {
    return IndexSchema.parse(JSON.parse(text)).models;
  } catch {
    // A damaged index only loses reference checksums; files are still checked against manifests.
    return {};
  }
}

export async function writeStoreRecord(
  storeDir: string,
  id: string,
  record: Omit<StoreRecord, 'installedAt'>,
): Promise<void> {
  const models = await readStoreIndex(storeDir);
  models[id] = { ...record, installedAt: new Date().toISOString() };
  await writeFileAtomic(path.join(storeDir, STORE_INDEX_FILE), `${JSON.stringify({ version: 1, models }, null, 2)}\n`);
}
