/**
 * Builds pickle byte strings opcode by opcode, so tests can feed the reader exactly the programs
 * torch.save writes (and broken or hostile ones).
 */
export class PickleBytes {
  private readonly parts: number[] = [];

  op(code: number): this {
    this.parts.push(code);
    return this;
  }

  proto(version = 2): this {
    return this.op(0x80).op(version);
  }

  binint1(value: number): this {
    return this.op(0x4b).op(value);
  }

  binint(value: number): this {
    this.op(0x4a);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setInt32(0, value, true);
    this.parts.push(...bytes);
    return this;
  }

  long1(value: bigint): this {
    const bytes: number[] = [];
    let v = value;
    do {
      bytes.push(Number(v & 0xffn));
      v >>= 8n;
    } while (v !== 0n && v !== -1n);
    if (value >= 0n && bytes[bytes.length - 1] & 0x80) bytes.push(0);
    if (value < 0n && !(bytes[bytes.length - 1] & 0x80)) bytes.push(0xff);
    this.op(0x8a).op(bytes.length);
    this.parts.push(...bytes);
    return this;
  }

  binfloat(value: number): this {
    this.op(0x47);
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setFloat64(0, value, false);
    this.parts.push(...bytes);
    return this;
  }

  unicode(text: string): this {
    const bytes = new TextEncoder().encode(text);
    this.op(0x58);
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, bytes.length, true);
    this.parts.push(...length, ...bytes);
    return this;
  }

  shortUnicode(text: string): this {
    const bytes = new TextEncoder().encode(text);
    this.op(0x8c).op(bytes.length);
    this.parts.push(...bytes);
    return this;
  }

  global(module: string, name: string): this {
    this.op(0x63);
    this.parts.push(...new TextEncoder().encode(`${module}\n${name}\n`));
    return this;
  }

  binput(index: number): this {
    return this.op(0x71).op(index);
  }

  binget(index: number): this {
    return this.op(0x68).op(index);
  }

  stop(): this {
    return this.op(0x2e);
  }

  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

export const OP = {
  MARK: 0x28,
  EMPTY_DICT: 0x7d,
  EMPTY_LIST: 0x5d,
  EMPTY_TUPLE: 0x29,
  NONE: 0x4e,
  NEWTRUE: 0x88,
  NEWFALSE: 0x89,
  TUPLE: 0x74,
  TUPLE1: 0x85,
  TUPLE2: 0x86,
  TUPLE3: 0x87,
  SETITEM: 0x73,
  SETITEMS: 0x75,
  APPEND: 0x61,
  APPENDS: 0x65,
  REDUCE: 0x52,
  BINPERSID: 0x51,
  MEMOIZE: 0x94,
} as const;

/** Concatenates byte arrays. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
