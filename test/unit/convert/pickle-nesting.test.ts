import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStateDict } from '../../../core/convert/torch/load';
import { concatBytes, OP, PickleBytes } from './pickle-bytes';

/**
 * Issue 25, item 12: a state dict that contains itself, or one APPENDS of 2 M items, ended in
 * "Maximum call stack size exceeded" without naming the file. Both now fail, or load, with the
 * file named.
 */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-pickle-nesting-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const header = () =>
  concatBytes(
    new PickleBytes().proto().long1(0x1950a86a20f9469cfc6cn).stop().bytes(),
    new PickleBytes().proto().binint(1001).stop().bytes(),
    new PickleBytes()
      .proto()
      .op(OP.EMPTY_DICT)
      .shortUnicode('little_endian')
      .op(OP.NEWTRUE)
      .op(OP.SETITEM)
      .stop()
      .bytes(),
  );

/** Pushes a one-element float tensor on storage '0' (torch._utils._rebuild_tensor_v2). */
function tensor(p: PickleBytes): PickleBytes {
  p.global('torch._utils', '_rebuild_tensor_v2').op(OP.MARK);
  p.op(OP.MARK)
    .shortUnicode('storage')
    .global('torch', 'FloatStorage')
    .shortUnicode('0')
    .shortUnicode('cpu')
    .binint1(1)
    .op(OP.TUPLE)
    .op(OP.BINPERSID);
  p.binint1(0).binint1(1).op(OP.TUPLE1).binint1(1).op(OP.TUPLE1).op(OP.NEWFALSE);
  p.global('collections', 'OrderedDict').op(OP.EMPTY_TUPLE).op(OP.REDUCE);
  return p.op(OP.TUPLE).op(OP.REDUCE);
}

/** The storage section: the key list ['0'] and one float. */
const storages = () =>
  concatBytes(
    new PickleBytes().proto().op(OP.MARK).shortUnicode('0').op(OP.TUPLE).stop().bytes(),
    new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 128, 63]),
  );

async function write(name: string, object: PickleBytes): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, concatBytes(header(), object.stop().bytes(), storages()));
  return file;
}

describe('hostile nesting in checkpoints', () => {
  it('reads the fixture tensor when nothing is hostile (the builder is right)', async () => {
    const file = await write(
      'plain.pth',
      tensor(new PickleBytes().proto().op(OP.EMPTY_DICT).shortUnicode('w')).op(OP.SETITEM),
    );
    const { tensors } = await loadStateDict(file);
    expect([...tensors.keys()]).toEqual(['w']);
    expect(tensors.get('w')!.shape).toEqual([1]);
  });

  it('refuses a state dict that contains itself, naming the file', async () => {
    const self = tensor(new PickleBytes().proto().op(OP.EMPTY_DICT).binput(0).shortUnicode('w'))
      .op(OP.SETITEM)
      .shortUnicode('state_dict')
      .binget(0)
      .op(OP.SETITEM);
    const file = await write('self.pth', self);
    await expect(loadStateDict(file)).rejects.toThrow(
      `${file}: the state dict is nested more than 4 levels deep or inside itself (key 'state_dict').`,
    );
  });

  it('takes 2 M items in one APPENDS without overflowing the stack, and names the file in what follows', async () => {
    const many = tensor(new PickleBytes().proto().op(OP.EMPTY_DICT).shortUnicode('w'))
      .op(OP.SETITEM)
      .shortUnicode('junk')
      .op(OP.EMPTY_LIST)
      .op(OP.MARK);
    for (let i = 0; i < 2_000_000; i += 1) many.op(OP.NONE);
    many.op(OP.APPENDS).op(OP.SETITEM);
    const file = await write('many.pth', many);
    await expect(loadStateDict(file)).rejects.toThrow(`${file}: state dict entry junk is not a tensor.`);
  });
});
