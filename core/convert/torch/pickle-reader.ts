/** The byte level of the pickle reader: the operands of each opcode, read with bounds checks. */

/** Reads the operands that follow an opcode; every read past the end is an error naming the source. */
export class PickleReader {
  pos: number;
  private readonly view: DataView;
  constructor(
    readonly bytes: Uint8Array,
    start: number,
    private readonly source: string,
  ) {
    this.pos = start;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  need(n: number): number {
    if (this.pos + n > this.bytes.length) {
      throw new Error(
        `${this.source}: pickle data ends unexpectedly at offset ${this.bytes.length} (needed ${n} more bytes at ${this.pos}); the file is truncated.`,
      );
    }
    const at = this.pos;
    this.pos += n;
    return at;
  }
  u8(): number {
    return this.view.getUint8(this.need(1));
  }
  u16(): number {
    return this.view.getUint16(this.need(2), true);
  }
  i32(): number {
    return this.view.getInt32(this.need(4), true);
  }
  u32(): number {
    return this.view.getUint32(this.need(4), true);
  }
  u64(): number {
    const value = this.view.getBigUint64(this.need(8), true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER))
      throw new Error(`${this.source}: length ${value} at offset ${this.pos - 8} is too large.`);
    return Number(value);
  }
  f64be(): number {
    return this.view.getFloat64(this.need(8), false);
  }
  raw(n: number): Uint8Array {
    const at = this.need(n);
    return this.bytes.subarray(at, at + n);
  }
  utf8(n: number): string {
    return new TextDecoder('utf-8', { fatal: false }).decode(this.raw(n));
  }
  line(): string {
    const start = this.pos;
    const end = this.bytes.indexOf(0x0a, start);
    if (end < 0)
      throw new Error(`${this.source}: pickle data ends inside a text line at offset ${start}; the file is truncated.`);
    this.pos = end + 1;
    return new TextDecoder('latin1').decode(this.bytes.subarray(start, end));
  }
}

/**
 * Longest LONG1/LONG4 accepted. Checkpoint integers fit in 8 bytes, except legacy torch.save's
 * 10-byte magic number; decoding costs time quadratic in the length, so anything longer is
 * refused before it is read.
 */
export const MAX_LONG_BYTES = 16;

export function readLong(
  r: { raw(length: number): Uint8Array; pos: number },
  length: number,
  opcode: string,
  source: string,
): number | bigint {
  if (length > MAX_LONG_BYTES) {
    throw new Error(
      `${source}: ${opcode} integer of ${length} bytes at offset ${r.pos}; checkpoint integers need at most ${MAX_LONG_BYTES}.`,
    );
  }
  return decodeLong(r.raw(length));
}

/** Little-endian two's complement bytes (LONG1 / LONG4) → number, or bigint beyond 2^53. */
function decodeLong(bytes: Uint8Array): number | bigint {
  if (bytes.length === 0) return 0;
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
  if (bytes[bytes.length - 1] & 0x80) value -= 1n << BigInt(bytes.length * 8);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}
