import { describe, expect, it } from 'vitest';
import { CHECKPOINT_GLOBALS } from '../../../core/convert/torch/globals';
import { readPickle } from '../../../core/convert/torch/pickle';
import { OP, PickleBytes } from './pickle-bytes';

const opts = { globals: CHECKPOINT_GLOBALS, source: 'test.pth' };

describe('readPickle', () => {
  it('reads containers, numbers, strings, memo references and big integers', () => {
    // {'a': [1, -2, 300000, 2.5, None, True], 'b': ('x', 'x'), 'magic': 0x1950a86a20f9469cfc6c}
    const p = new PickleBytes()
      .proto()
      .op(OP.EMPTY_DICT)
      .op(OP.MARK)
      .shortUnicode('a')
      .op(OP.EMPTY_LIST)
      .op(OP.MARK)
      .binint1(1)
      .binint(-2)
      .binint(300000)
      .binfloat(2.5)
      .op(OP.NONE)
      .op(OP.NEWTRUE)
      .op(OP.APPENDS)
      .shortUnicode('b')
      .unicode('x')
      .binput(3)
      .binget(3)
      .op(OP.TUPLE2)
      .shortUnicode('magic')
      .long1(0x1950a86a20f9469cfc6cn)
      .op(OP.SETITEMS)
      .stop()
      .bytes();
    const { value, end } = readPickle(p, 0, opts);
    expect(end).toBe(p.length);
    const map = value as Map<string, unknown>;
    expect(map.get('a')).toEqual([1, -2, 300000, 2.5, null, true]);
    expect(map.get('b')).toEqual(['x', 'x']);
    expect(map.get('magic')).toBe(0x1950a86a20f9469cfc6cn);
  });

  it('builds an OrderedDict through REDUCE and reads negative LONG1 values', () => {
    const p = new PickleBytes()
      .proto()
      .global('collections', 'OrderedDict')
      .op(OP.EMPTY_TUPLE)
      .op(OP.REDUCE)
      .shortUnicode('k')
      .long1(-129n)
      .op(OP.SETITEM)
      .stop()
      .bytes();
    const map = readPickle(p, 0, opts).value as Map<string, unknown>;
    expect([...map]).toEqual([['k', -129]]);
  });

  it('stops at the first STOP so back-to-back pickles can be read in turn', () => {
    const first = new PickleBytes().proto().binint1(7).stop().bytes();
    const both = new Uint8Array([...first, ...new PickleBytes().proto().shortUnicode('next').stop().bytes()]);
    const a = readPickle(both, 0, opts);
    expect(a).toEqual({ value: 7, end: first.length });
    expect(readPickle(both, a.end, opts).value).toBe('next');
  });

  it('refuses classes outside the allow-list, naming them, without calling anything', () => {
    const hostile = new PickleBytes()
      .proto()
      .global('os', 'system')
      .shortUnicode('echo pwned')
      .op(OP.TUPLE1)
      .op(OP.REDUCE)
      .stop()
      .bytes();
    expect(() => readPickle(hostile, 0, opts)).toThrow(
      /^test\.pth: refusing to load class or function os\.system.*\(at byte 2\)/,
    );
    const model = new PickleBytes()
      .proto()
      .shortUnicode('models.pose_hrnet')
      .shortUnicode('PoseHighResolutionNet')
      .op(0x93)
      .stop()
      .bytes();
    expect(() => readPickle(model, 0, opts)).toThrow(/models\.pose_hrnet\.PoseHighResolutionNet/);
  });

  it('names unknown opcodes and their offset', () => {
    const inst = new PickleBytes().proto().op(OP.MARK).op(0x69).stop().bytes(); // INST (protocol 0 object creation)
    expect(() => readPickle(inst, 0, opts)).toThrow('test.pth: unsupported pickle opcode 0x69 (INST) (at byte 3).');
    const junk = new PickleBytes().proto().op(0xff).bytes();
    expect(() => readPickle(junk, 0, opts)).toThrow('unsupported pickle opcode 0xff (at byte 2)');
  });

  it('reports truncated data and broken programs', () => {
    const full = new PickleBytes().proto().unicode('a long enough string').stop().bytes();
    expect(() => readPickle(full.subarray(0, 10), 0, opts)).toThrow(
      /test\.pth: pickle data ends unexpectedly.*truncated/,
    );
    expect(() => readPickle(new PickleBytes().proto().op(OP.EMPTY_DICT).bytes(), 0, opts)).toThrow(/ends unexpectedly/);
    expect(() => readPickle(new PickleBytes().proto().binget(9).stop().bytes(), 0, opts)).toThrow(
      /memo entry 9 read before it was written/,
    );
    expect(() => readPickle(new PickleBytes().proto().op(OP.TUPLE2).stop().bytes(), 0, opts)).toThrow(
      /stack underflow/,
    );
    expect(() => readPickle(new PickleBytes().proto().op(OP.BINPERSID).stop().bytes(), 0, opts)).toThrow(
      /stack underflow|persistent id/,
    );
  });
});
