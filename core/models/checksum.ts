import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface ExpectedChecksum {
  sizeBytes?: number;
  sha256?: string;
  /** The 8 hex digits that checkpoint names carry: the start of the file's SHA-256. */
  sha256Prefix?: string;
}

/** Why a file with `actual` hash and size is not the expected one; null when it is (or nothing is known). */
export function checksumProblem(
  expected: ExpectedChecksum,
  actual: { sha256: string; sizeBytes: number },
): string | null {
  if (expected.sizeBytes !== undefined && expected.sizeBytes !== actual.sizeBytes) {
    return `size is ${actual.sizeBytes} bytes, expected ${expected.sizeBytes}`;
  }
  if (expected.sha256 !== undefined && expected.sha256 !== actual.sha256) {
    return `SHA-256 is ${actual.sha256}, expected ${expected.sha256}`;
  }
  if (expected.sha256Prefix !== undefined && !actual.sha256.startsWith(expected.sha256Prefix)) {
    return `SHA-256 is ${actual.sha256}, expected one starting with ${expected.sha256Prefix}`;
  }
  return null;
}

export function hasReferenceChecksum(expected: ExpectedChecksum): boolean {
  return expected.sha256 !== undefined || expected.sha256Prefix !== undefined;
}
