/**
 * A zip reader for checkpoints that never inflates more than it was told to: the central
 * directory is read first, every entry's declared sizes are checked against the file (a
 * PyTorch zip stores its records uncompressed, so an entry may not claim much more than the file
 * holds) and a fixed cap, and an entry is only inflated on request, into a buffer of its declared
 * size, failing as soon as the data would run past it. Stored entries are views, not copies.
 */
import { Inflate } from 'fflate';

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_EOCD_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_MIN_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
/** No record of a checkpoint is larger (HRNet-W48's largest storage is a few MB; whole models stay far below). */
export const MAX_ZIP_ENTRY_BYTES = 4 * 1024 ** 3;
/** A compressed entry may inflate to at most this multiple of the whole file (plus a little slack for tiny files). */
export const MAX_INFLATE_RATIO = 4;
const INFLATE_SLACK_BYTES = 1024 * 1024;
const MAX_ENTRIES = 200_000;
/** The least an entry takes in the file: its central record and its local header (names not counted). */
const MIN_ENTRY_BYTES = 46 + 30;
const INFLATE_CHUNK_BYTES = 64 * 1024;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Where its local header starts and where its data ends: no two entries may share bytes. */
  localOffset: number;
  dataOffset: number;
}

/**
 * Bytes all inflated entries together may take: the per-entry cap alone lets many entries each
 * inflate to a few times the file (200 storages of 4.7 MB from a 0.94 MB file took 1.1 GB).
 */
export function maxTotalInflatedBytes(fileBytes: number): number {
  return fileBytes * MAX_INFLATE_RATIO + INFLATE_SLACK_BYTES;
}

export class ZipEntries {
  /** Bytes that deflated entries may still inflate to, over all reads. */
  private inflateBudgetBytes: number;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly source: string,
    readonly entries: Map<string, ZipEntry>,
  ) {
    this.inflateBudgetBytes = maxTotalInflatedBytes(bytes.byteLength);
  }

  /** Lowers the budget for the reads still to come (a caller that knows how much it needs). */
  limitInflatedBytes(maxBytes: number): void {
    this.inflateBudgetBytes = Math.min(this.inflateBudgetBytes, maxBytes);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** The entry's bytes, inflated if needed; at most its declared size is ever allocated. */
  read(name: string): Uint8Array | undefined {
    const entry = this.entries.get(name);
    if (!entry) return undefined;
    const raw = this.bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
    if (entry.method === METHOD_STORED) return raw;
    if (entry.size > this.inflateBudgetBytes) {
      throw new Error(
        `${this.source}: zip entry ${entry.name} would inflate to ${entry.size} bytes, past the ${this.inflateBudgetBytes} bytes left for this ${this.bytes.byteLength}-byte checkpoint; refusing it (a zip bomb or a corrupt file).`,
      );
    }
    this.inflateBudgetBytes -= entry.size;
    return inflateBounded(raw, entry, this.source);
  }
}

function inflateBounded(raw: Uint8Array, entry: ZipEntry, source: string): Uint8Array {
  const out = new Uint8Array(entry.size);
  let written = 0;
  let finished = false;
  const inflater = new Inflate((chunk, final) => {
    if (written + chunk.length > out.length)
      throw new Error(
        `${source}: zip entry ${entry.name} inflates past its declared ${entry.size} bytes; the file is corrupt or hostile.`,
      );
    out.set(chunk, written);
    written += chunk.length;
    finished ||= final;
  });
  try {
    for (let offset = 0; offset < raw.length; offset += INFLATE_CHUNK_BYTES) {
      inflater.push(raw.subarray(offset, offset + INFLATE_CHUNK_BYTES), offset + INFLATE_CHUNK_BYTES >= raw.length);
    }
  } catch (error) {
    const message = (error as Error).message;
    throw new Error(
      message.startsWith(source) ? message : `${source}: zip entry ${entry.name} cannot be inflated (${message}).`,
    );
  }
  if (written !== entry.size)
    throw new Error(
      `${source}: zip entry ${entry.name} inflates to ${written} bytes but declares ${entry.size}; the file is corrupt.`,
    );
  return out;
}

function findEndOfCentralDirectory(view: DataView, source: string): number {
  const lowest = Math.max(0, view.byteLength - EOCD_MIN_BYTES - MAX_COMMENT_BYTES);
  for (let offset = view.byteLength - EOCD_MIN_BYTES; offset >= lowest; offset--) {
    if (view.getUint32(offset, true) === EOCD_SIGNATURE) return offset;
  }
  throw new Error(`${source}: not a readable zip checkpoint (no end of central directory); the file may be truncated.`);
}

/** Central directory offset and entry count, from the zip64 record when the classic one is saturated. */
function centralDirectory(view: DataView, eocd: number, source: string): { offset: number; count: number } {
  let count = view.getUint16(eocd + 10, true);
  let size = view.getUint32(eocd + 12, true);
  let offset = view.getUint32(eocd + 16, true);
  let end = eocd;
  const locator = eocd - 20;
  if (
    (count === 0xffff || offset === 0xffffffff) &&
    locator >= 0 &&
    view.getUint32(locator, true) === ZIP64_EOCD_LOCATOR_SIGNATURE
  ) {
    const record = Number(view.getBigUint64(locator + 8, true));
    if (record + 56 > view.byteLength || view.getUint32(record, true) !== ZIP64_EOCD_SIGNATURE)
      throw new Error(`${source}: broken zip64 end of central directory.`);
    count = Number(view.getBigUint64(record + 32, true));
    size = Number(view.getBigUint64(record + 40, true));
    offset = Number(view.getBigUint64(record + 48, true));
    end = record;
  }
  const fitting = Math.floor(view.byteLength / MIN_ENTRY_BYTES);
  if (count > fitting)
    throw new Error(
      `${source}: the zip declares ${count} entries, but a ${view.byteLength}-byte file holds at most ${fitting}; the file is corrupt or hostile.`,
    );
  if (count > MAX_ENTRIES) throw new Error(`${source}: the zip declares ${count} entries; a checkpoint has far fewer.`);
  if (offset + size > end)
    throw new Error(
      `${source}: the zip's central directory (bytes ${offset}–${offset + size}) does not fit before its end record at byte ${end}; the file is truncated or corrupt.`,
    );
  return { offset, count };
}

/** Sizes and local header offset, with zip64 extra fields where the 32-bit ones are saturated. */
function entrySizes(view: DataView, at: number, nameLength: number, extraLength: number) {
  let compressedSize = view.getUint32(at + 20, true);
  let size = view.getUint32(at + 24, true);
  let localOffset = view.getUint32(at + 42, true);
  let extra = at + 46 + nameLength;
  const extraEnd = extra + extraLength;
  while (extra + 4 <= extraEnd) {
    const id = view.getUint16(extra, true);
    const length = view.getUint16(extra + 2, true);
    if (id === 0x0001) {
      let field = extra + 4;
      if (size === 0xffffffff) ((size = Number(view.getBigUint64(field, true))), (field += 8));
      if (compressedSize === 0xffffffff) ((compressedSize = Number(view.getBigUint64(field, true))), (field += 8));
      if (localOffset === 0xffffffff) localOffset = Number(view.getBigUint64(field, true));
    }
    extra += 4 + length;
  }
  return { compressedSize, size, localOffset };
}

function checkEntry(
  view: DataView,
  name: string,
  method: number,
  sizes: ReturnType<typeof entrySizes>,
  source: string,
): ZipEntry {
  const fileBytes = view.byteLength;
  if (method !== METHOD_STORED && method !== METHOD_DEFLATE)
    throw new Error(
      `${source}: zip entry ${name} uses compression method ${method}; only stored and deflate are read.`,
    );
  const plausible = Math.min(
    MAX_ZIP_ENTRY_BYTES,
    method === METHOD_STORED ? fileBytes : fileBytes * MAX_INFLATE_RATIO + INFLATE_SLACK_BYTES,
  );
  if (sizes.size > plausible || (method === METHOD_STORED && sizes.size !== sizes.compressedSize)) {
    throw new Error(
      `${source}: zip entry ${name} declares ${sizes.size} bytes, more than a ${fileBytes}-byte checkpoint can hold; refusing to inflate it (a zip bomb or a corrupt file).`,
    );
  }
  const local = sizes.localOffset;
  if (local + 30 > fileBytes || view.getUint32(local, true) !== LOCAL_SIGNATURE)
    throw new Error(`${source}: zip entry ${name} has no local header at byte ${local}; the file is corrupt.`);
  const dataOffset = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  if (dataOffset + sizes.compressedSize > fileBytes)
    throw new Error(`${source}: zip entry ${name} runs past the end of the file; it is truncated.`);
  return { name, method, compressedSize: sizes.compressedSize, size: sizes.size, localOffset: local, dataOffset };
}

export function readZipEntries(bytes: Uint8Array, source: string): ZipEntries {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < EOCD_MIN_BYTES)
    throw new Error(`${source}: not a readable zip checkpoint (${bytes.byteLength} bytes); the file may be truncated.`);
  const { offset, count } = centralDirectory(view, findEndOfCentralDirectory(view, source), source);
  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder();
  let at = offset;
  for (let index = 0; index < count; index++) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== CENTRAL_SIGNATURE)
      throw new Error(`${source}: the zip's central directory is cut short after ${index} of ${count} entries.`);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (entries.has(name)) throw new Error(`${source}: the zip names ${name} twice; the file is corrupt or hostile.`);
    entries.set(
      name,
      checkEntry(view, name, view.getUint16(at + 10, true), entrySizes(view, at, nameLength, extraLength), source),
    );
    at += 46 + nameLength + extraLength + commentLength;
  }
  refuseSharedRecords([...entries.values()], source);
  return new ZipEntries(bytes, source, entries);
}

/**
 * Each entry must own its bytes: central records that all point at one local record would inflate
 * that record once per entry (1000 of them in a 78 KB file asked for 1.5 GB).
 */
function refuseSharedRecords(entries: ZipEntry[], source: string): void {
  const byOffset = entries.sort((a, b) => a.localOffset - b.localOffset);
  for (let index = 1; index < byOffset.length; index++) {
    const before = byOffset[index - 1];
    const entry = byOffset[index];
    if (entry.localOffset < before.dataOffset + before.compressedSize) {
      const how = entry.localOffset === before.localOffset ? 'the same local record as' : 'bytes of';
      throw new Error(
        `${source}: zip entry ${entry.name} uses ${how} ${before.name} (byte ${entry.localOffset}); the file is corrupt or hostile.`,
      );
    }
  }
}
