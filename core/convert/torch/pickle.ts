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

import { PickleReader, readLong } from './pickle-reader';
import { PickleStack, type GlobalTable } from './pickle-stack';

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

/** Opcode bytes → names, for error messages about opcodes this reader refuses. */
const OPCODE_NAMES: Readonly<Record<number, string>> = {
  0x49: 'INT',
  0x4c: 'LONG',
  0x46: 'FLOAT',
  0x53: 'STRING',
  0x56: 'UNICODE',
  0x64: 'DICT',
  0x6c: 'LIST',
  0x70: 'PUT',
  0x67: 'GET',
  0x50: 'PERSID',
  0x6f: 'OBJ',
  0x69: 'INST',
  0x82: 'EXT1',
  0x83: 'EXT2',
  0x84: 'EXT4',
  0x92: 'NEWOBJ_EX',
  0x97: 'NEXT_BUFFER',
  0x98: 'READONLY_BUFFER',
};

/** Runs one pickle program starting at `start` and returns the value STOP leaves. */
export function readPickle(bytes: Uint8Array, start: number, opts: PickleOptions): PickleResult {
  const r = new PickleReader(bytes, start, opts.source);
  const s = new PickleStack(opts.globals, opts.source);
  for (;;) {
    const at = r.pos;
    const op = r.u8();
    switch (op) {
      case 0x80:
        r.u8();
        break; // PROTO
      case 0x95:
        r.u64();
        break; // FRAME: a length hint only
      case 0x2e:
        return { value: s.pop(at), end: r.pos }; // STOP
      case 0x28:
        s.mark();
        break; // MARK
      case 0x7d:
        s.push(new Map());
        break; // EMPTY_DICT
      case 0x5d:
        s.push([]);
        break; // EMPTY_LIST
      case 0x29:
        s.push([]);
        break; // EMPTY_TUPLE
      case 0x8f:
        s.push([]);
        break; // EMPTY_SET (as a list)
      case 0x4e:
        s.push(null);
        break; // NONE
      case 0x88:
        s.push(true);
        break; // NEWTRUE
      case 0x89:
        s.push(false);
        break; // NEWFALSE
      case 0x4a:
        s.push(r.i32());
        break; // BININT
      case 0x4b:
        s.push(r.u8());
        break; // BININT1
      case 0x4d:
        s.push(r.u16());
        break; // BININT2
      case 0x8a:
        s.push(readLong(r, r.u8(), 'LONG1', opts.source));
        break;
      case 0x8b:
        s.push(readLong(r, r.u32(), 'LONG4', opts.source));
        break;
      case 0x47:
        s.push(r.f64be());
        break; // BINFLOAT (big-endian)
      case 0x58:
        s.push(r.utf8(r.u32()));
        break; // BINUNICODE
      case 0x8c:
        s.push(r.utf8(r.u8()));
        break; // SHORT_BINUNICODE
      case 0x8d:
        s.push(r.utf8(r.u64()));
        break; // BINUNICODE8
      case 0x55:
        s.push(new TextDecoder('latin1').decode(r.raw(r.u8())));
        break; // SHORT_BINSTRING (py2 str)
      case 0x54:
        s.push(new TextDecoder('latin1').decode(r.raw(r.u32())));
        break; // BINSTRING
      case 0x43:
        s.push(r.raw(r.u8()).slice());
        break; // SHORT_BINBYTES
      case 0x42:
        s.push(r.raw(r.u32()).slice());
        break; // BINBYTES
      case 0x8e:
        s.push(r.raw(r.u64()).slice());
        break; // BINBYTES8
      case 0x96:
        s.push(r.raw(r.u64()).slice());
        break; // BYTEARRAY8
      case 0x85:
        s.push([s.pop(at)]);
        break; // TUPLE1
      case 0x86: {
        const b = s.pop(at);
        const a = s.pop(at);
        s.push([a, b]);
        break;
      } // TUPLE2
      case 0x87: {
        const c = s.pop(at);
        const b = s.pop(at);
        const a = s.pop(at);
        s.push([a, b, c]);
        break;
      } // TUPLE3
      case 0x74:
        s.push(s.popMark(at));
        break; // TUPLE
      case 0x90: {
        const items = s.popMark(at);
        s.append(s.top(at), items, at);
        break;
      } // ADDITEMS (set)
      case 0x91:
        s.push(s.popMark(at));
        break; // FROZENSET
      case 0x73: {
        const v = s.pop(at);
        const k = s.pop(at);
        s.setItems(s.top(at), [k, v], at);
        break;
      } // SETITEM
      case 0x75: {
        const items = s.popMark(at);
        s.setItems(s.top(at), items, at);
        break;
      } // SETITEMS
      case 0x61: {
        const v = s.pop(at);
        s.append(s.top(at), [v], at);
        break;
      } // APPEND
      case 0x65: {
        const items = s.popMark(at);
        s.append(s.top(at), items, at);
        break;
      } // APPENDS
      case 0x30:
        s.pop(at);
        break; // POP
      case 0x31:
        s.popMark(at);
        break; // POP_MARK
      case 0x32:
        s.push(s.top(at));
        break; // DUP
      case 0x71:
        s.memo.set(r.u8(), s.top(at));
        break; // BINPUT
      case 0x72:
        s.memo.set(r.u32(), s.top(at));
        break; // LONG_BINPUT
      case 0x94:
        s.memo.set(s.memo.size, s.top(at));
        break; // MEMOIZE
      case 0x68:
      case 0x6a: {
        // BINGET / LONG_BINGET
        const key = op === 0x68 ? r.u8() : r.u32();
        if (!s.memo.has(key)) s.fail(`memo entry ${key} read before it was written`, at);
        s.push(s.memo.get(key));
        break;
      }
      case 0x63: {
        // GLOBAL: "module\nname\n"
        const module = r.line();
        s.push(s.resolveGlobal(module, r.line(), at));
        break;
      }
      case 0x93: {
        // STACK_GLOBAL
        const name = s.pop(at);
        const module = s.pop(at);
        if (typeof module !== 'string' || typeof name !== 'string') s.fail('STACK_GLOBAL needs two strings', at);
        s.push(s.resolveGlobal(module as string, name as string, at));
        break;
      }
      case 0x52: {
        const args = s.pop(at);
        const fn = s.pop(at);
        s.push(s.call(fn, args, at));
        break;
      } // REDUCE
      case 0x81: {
        const args = s.pop(at);
        const cls = s.pop(at);
        s.push(s.call(cls, args, at));
        break;
      } // NEWOBJ
      case 0x62:
        s.build(s.pop(at), at);
        break; // BUILD
      case 0x51: {
        // BINPERSID
        const pid = s.pop(at);
        if (!opts.persistentLoad) s.fail('persistent id found where none is allowed', at);
        s.push(opts.persistentLoad!(pid));
        break;
      }
      default: {
        const name = OPCODE_NAMES[op];
        const printable = op >= 0x20 && op < 0x7f ? ` '${String.fromCharCode(op)}'` : '';
        s.fail(`unsupported pickle opcode 0x${op.toString(16).padStart(2, '0')}${name ? ` (${name})` : printable}`, at);
      }
    }
  }
}
