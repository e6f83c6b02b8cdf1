/**
 * A safe reader for Python pickles, enough for PyTorch checkpoints.
 *
 * A pickle is a program for a small stack machine; Python's own unpickler imports and calls
 * whatever the program names, which is why loading an untrusted .pth can run arbitrary code. This
 * reader executes nothing: GLOBAL / STACK_GLOBAL resolve only names in an allow-list (each mapped
 * to a plain TypeScript function), and anything else stops with an error naming the class.
 * Python values become: str → string, int → number (bigint beyond 2^53), float → number,
 * None → null, bool → boolean, bytes → Uint8Array, list/tuple → array, dict/OrderedDict → Map.
 */

/** What an allow-listed global does when a pickle calls it (REDUCE / NEWOBJ). */
export interface AllowedGlobal {
  /** Called with the positional arguments; returns the constructed value. */
  call?: (args: unknown[]) => unknown;
  /** Value used when the global itself is data (e.g. a storage class inside a persistent id). */
  value?: unknown;
}

export type GlobalTable = Readonly<Record<string, AllowedGlobal>>;

export interface PickleOptions {
  /** Allowed `module.name` globals. */
  globals: GlobalTable;
  /** Resolves BINPERSID ids (PyTorch storages). Without it persistent ids are an error. */
  persistentLoad?: (pid: unknown) => unknown;
  /** Names the source in every error: "model.pth" or "model.pth (archive/data.pkl)". */
  source: string;
}

export interface PickleResult {
  value: unknown;
  /** Offset just past STOP: legacy checkpoints store several pickles back to back. */
  end: number;
}

const MARK = Symbol('mark');

/** A global that was named and allowed but is being used as a plain value. */
export class PickleGlobalRef {
  constructor(readonly qualifiedName: string, readonly handler: AllowedGlobal) {}
}

/** Instance attributes set by BUILD on a dict (OrderedDict `_metadata`): kept, otherwise ignored. */
export const DICT_STATE = Symbol('pickle.dictState');

/** Opcode bytes → names, for error messages about opcodes this reader refuses. */
const OPCODE_NAMES: Readonly<Record<number, string>> = {
  0x49: 'INT', 0x4c: 'LONG', 0x46: 'FLOAT', 0x53: 'STRING', 0x56: 'UNICODE', 0x64: 'DICT', 0x6c: 'LIST',
  0x70: 'PUT', 0x67: 'GET', 0x50: 'PERSID', 0x6f: 'OBJ', 0x69: 'INST', 0x82: 'EXT1', 0x83: 'EXT2',
  0x84: 'EXT4', 0x92: 'NEWOBJ_EX', 0x97: 'NEXT_BUFFER', 0x98: 'READONLY_BUFFER',
};

class Reader {
  pos: number;
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array, start: number, private readonly source: string) {
    this.pos = start;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  need(n: number): number {
    if (this.pos + n > this.bytes.length) {
      throw new Error(`${this.source}: pickle data ends unexpectedly at offset ${this.bytes.length} (needed ${n} more bytes at ${this.pos}); the file is truncated.`);
    }
    const at = this.pos;
    this.pos += n;
    return at;
  }
  u8(): number { return this.view.getUint8(this.need(1)); }
  u16(): number { return this.view.getUint16(this.need(2), true); }
  i32(): number { return this.view.getInt32(this.need(4), true); }
  u32(): number { return this.view.getUint32(this.need(4), true); }
  u64(): number {
    const value = this.view.getBigUint64(this.need(8), true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`${this.source}: length ${value} at offset ${this.pos - 8} is too large.`);
    return Number(value);
  }
  f64be(): number { return this.view.getFloat64(this.need(8), false); }
  raw(n: number): Uint8Array { const at = this.need(n); return this.bytes.subarray(at, at + n); }
  utf8(n: number): string { return new TextDecoder('utf-8', { fatal: false }).decode(this.raw(n)); }
  line(): string {
    const start = this.pos;
    const end = this.bytes.indexOf(0x0a, start);
    if (end < 0) throw new Error(`${this.source}: pickle data ends inside a text line at offset ${start}; the file is truncated.`);
    this.pos = end + 1;
    return new TextDecoder('latin1').decode(this.bytes.subarray(start, end));
  }
}

/**
 * Longest LONG1/LONG4 accepted. Checkpoint integers fit in 8 bytes, except legacy torch.save's
 * 10-byte magic number; decoding costs time quadratic in the length (a 200 KB LONG4 took 22 s),
 * so anything longer is refused before it is read.
 */
export const MAX_LONG_BYTES = 16;

function readLong(r: { raw(length: number): Uint8Array; pos: number }, length: number, opcode: string, source: string): number | bigint {
  if (length > MAX_LONG_BYTES) {
    throw new Error(`${source}: ${opcode} integer of ${length} bytes at offset ${r.pos}; checkpoint integers need at most ${MAX_LONG_BYTES}.`);
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

function describeValue(value: unknown): string {
  if (value instanceof PickleGlobalRef) return value.qualifiedName;
  if (value instanceof Map) return 'dict';
  if (Array.isArray(value)) return 'list/tuple';
  return value === null ? 'None' : typeof value;
}

/** Runs one pickle program starting at `start` and returns the value STOP leaves. */
export function readPickle(bytes: Uint8Array, start: number, opts: PickleOptions): PickleResult {
  const r = new Reader(bytes, start, opts.source);
  const stack: unknown[] = [];
  const marks: number[] = [];
  const memo = new Map<number, unknown>();
  const fail = (message: string, at: number): never => {
    throw new Error(`${opts.source}: ${message} (at byte ${at}).`);
  };
  const pop = (at: number): unknown => {
    if (stack.length === 0 || (marks.length > 0 && stack.length <= marks[marks.length - 1])) fail('stack underflow', at);
    return stack.pop();
  };
  const top = (at: number): unknown => {
    if (stack.length === 0) fail('stack underflow', at);
    return stack[stack.length - 1];
  };
  const popMark = (at: number): unknown[] => {
    const mark = marks.pop();
    if (mark === undefined) fail('MARK expected but missing', at);
    return stack.splice(mark as number);
  };
  const resolveGlobal = (module: string, name: string, at: number): PickleGlobalRef => {
    const qualified = `${module}.${name}`;
    const handler = opts.globals[qualified];
    if (!handler) fail(`refusing to load class or function ${qualified}: checkpoints may only contain tensors, storages and plain containers`, at);
    return new PickleGlobalRef(qualified, handler);
  };
  const call = (fn: unknown, args: unknown, at: number): unknown => {
    if (!(fn instanceof PickleGlobalRef) || !fn.handler.call) fail(`cannot call ${describeValue(fn)}`, at);
    if (!Array.isArray(args)) fail(`arguments of ${(fn as PickleGlobalRef).qualifiedName} are not a tuple`, at);
    return (fn as PickleGlobalRef).handler.call!(args as unknown[]);
  };
  const setItems = (target: unknown, items: unknown[], at: number): void => {
    if (!(target instanceof Map)) fail(`SETITEM(S) on ${describeValue(target)}`, at);
    for (let i = 0; i + 1 < items.length; i += 2) (target as Map<unknown, unknown>).set(items[i], items[i + 1]);
  };
  const append = (target: unknown, items: unknown[], at: number): void => {
    if (!Array.isArray(target)) fail(`APPEND(S) on ${describeValue(target)}`, at);
    // One by one: spreading millions of items into push() overflows the call stack.
    for (const item of items) (target as unknown[]).push(item);
  };

  for (;;) {
    const at = r.pos;
    const op = r.u8();
    switch (op) {
      case 0x80: r.u8(); break; // PROTO
      case 0x95: r.u64(); break; // FRAME: a length hint only
      case 0x2e: return { value: pop(at), end: r.pos }; // STOP
      case 0x28: marks.push(stack.length); break; // MARK
      case 0x7d: stack.push(new Map()); break; // EMPTY_DICT
      case 0x5d: stack.push([]); break; // EMPTY_LIST
      case 0x29: stack.push([]); break; // EMPTY_TUPLE
      case 0x8f: stack.push([]); break; // EMPTY_SET (as a list)
      case 0x4e: stack.push(null); break; // NONE
      case 0x88: stack.push(true); break; // NEWTRUE
      case 0x89: stack.push(false); break; // NEWFALSE
      case 0x4a: stack.push(r.i32()); break; // BININT
      case 0x4b: stack.push(r.u8()); break; // BININT1
      case 0x4d: stack.push(r.u16()); break; // BININT2
      case 0x8a: stack.push(readLong(r, r.u8(), 'LONG1', opts.source)); break;
      case 0x8b: stack.push(readLong(r, r.u32(), 'LONG4', opts.source)); break;
      case 0x47: stack.push(r.f64be()); break; // BINFLOAT (big-endian)
      case 0x58: stack.push(r.utf8(r.u32())); break; // BINUNICODE
      case 0x8c: stack.push(r.utf8(r.u8())); break; // SHORT_BINUNICODE
      case 0x8d: stack.push(r.utf8(r.u64())); break; // BINUNICODE8
      case 0x55: stack.push(new TextDecoder('latin1').decode(r.raw(r.u8()))); break; // SHORT_BINSTRING (py2 str)
      case 0x54: stack.push(new TextDecoder('latin1').decode(r.raw(r.u32()))); break; // BINSTRING
      case 0x43: stack.push(r.raw(r.u8()).slice()); break; // SHORT_BINBYTES
      case 0x42: stack.push(r.raw(r.u32()).slice()); break; // BINBYTES
      case 0x8e: stack.push(r.raw(r.u64()).slice()); break; // BINBYTES8
      case 0x96: stack.push(r.raw(r.u64()).slice()); break; // BYTEARRAY8
      case 0x85: stack.push([pop(at)]); break; // TUPLE1
      case 0x86: { const b = pop(at); const a = pop(at); stack.push([a, b]); break; } // TUPLE2
      case 0x87: { const c = pop(at); const b = pop(at); const a = pop(at); stack.push([a, b, c]); break; } // TUPLE3
      case 0x74: stack.push(popMark(at)); break; // TUPLE
      case 0x90: { const items = popMark(at); append(top(at), items, at); break; } // ADDITEMS (set)
      case 0x91: stack.push(popMark(at)); break; // FROZENSET
      case 0x73: { const v = pop(at); const k = pop(at); setItems(top(at), [k, v], at); break; } // SETITEM
      case 0x75: { const items = popMark(at); setItems(top(at), items, at); break; } // SETITEMS
      case 0x61: { const v = pop(at); append(top(at), [v], at); break; } // APPEND
      case 0x65: { const items = popMark(at); append(top(at), items, at); break; } // APPENDS
      case 0x30: pop(at); break; // POP
      case 0x31: popMark(at); break; // POP_MARK
      case 0x32: stack.push(top(at)); break; // DUP
      case 0x71: memo.set(r.u8(), top(at)); break; // BINPUT
      case 0x72: memo.set(r.u32(), top(at)); break; // LONG_BINPUT
      case 0x94: memo.set(memo.size, top(at)); break; // MEMOIZE
      case 0x68: case 0x6a: { // BINGET / LONG_BINGET
        const key = op === 0x68 ? r.u8() : r.u32();
        if (!memo.has(key)) fail(`memo entry ${key} read before it was written`, at);
        stack.push(memo.get(key));
        break;
      }
      case 0x63: { // GLOBAL: "module\nname\n"
        const module = r.line();
        stack.push(resolveGlobal(module, r.line(), at));
        break;
      }
      case 0x93: { // STACK_GLOBAL
        const name = pop(at);
        const module = pop(at);
        if (typeof module !== 'string' || typeof name !== 'string') fail('STACK_GLOBAL needs two strings', at);
        stack.push(resolveGlobal(module as string, name as string, at));
        break;
      }
      case 0x52: { const args = pop(at); const fn = pop(at); stack.push(call(fn, args, at)); break; } // REDUCE
      case 0x81: { const args = pop(at); const cls = pop(at); stack.push(call(cls, args, at)); break; } // NEWOBJ
      case 0x62: { // BUILD: set state on the object below; only dicts and tensors get one here
        const state = pop(at);
        const target = top(at);
        if (target instanceof Map) (target as Map<unknown, unknown> & { [DICT_STATE]?: unknown })[DICT_STATE] = state;
        else if (target === null || typeof target !== 'object') fail(`BUILD on ${describeValue(target)}`, at);
        break;
      }
      case 0x51: { // BINPERSID
        const pid = pop(at);
        if (!opts.persistentLoad) fail('persistent id found where none is allowed', at);
        stack.push(opts.persistentLoad!(pid));
        break;
      }
      default: {
        const name = OPCODE_NAMES[op];
        const printable = op >= 0x20 && op < 0x7f ? ` '${String.fromCharCode(op)}'` : '';
        fail(`unsupported pickle opcode 0x${op.toString(16).padStart(2, '0')}${name ? ` (${name})` : printable}`, at);
      }
    }
  }
}
