/**
 * Bad checkpoints fail with one clear message naming the file and the cause: hostile pickles,
 * unknown opcodes, truncated files, and checkpoints that are not the requested HRNet.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertCheckpointToOnnx, describeHrnet, hrnetParamShapes } from '../../../core/convert/convert-checkpoint';
import { randomHrnetWeights } from '../../../core/convert/random-weights';
import { writeSafetensors } from '../../../core/convert/safetensors';
import { loadStateDict } from '../../../core/convert/torch/load';
import { writeHrnetCheckpoints } from '../../helpers/hrnet-checkpoints';
import { concatBytes, OP, PickleBytes } from '../../unit/convert/pickle-bytes';

/** The three header pickles of a legacy checkpoint (magic, version 1001, sys info). */
function legacyHeader(): Uint8Array {
  return concatBytes(
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
}

describe('checkpoint errors', () => {
  let dir: string;
  const write = async (name: string, bytes: Uint8Array): Promise<string> => {
    const file = path.join(dir, name);
    await writeFile(file, bytes);
    return file;
  };
  const convert = (checkpointPath: string, arch: 'hrnet-w32' | { width: number } = { width: 2 }) =>
    convertCheckpointToOnnx({
      checkpointPath,
      arch,
      inputWidth: 32,
      inputHeight: 64,
      outPath: path.join(dir, 'out.onnx'),
    });

  let LEGACY: string;
  let ZIP: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-convert-errors-'));
    ({ legacy: LEGACY, zip: ZIP } = await writeHrnetCheckpoints(dir));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads both fixture formats into the same tensors: every parameter plus the BN step counters', async () => {
    const legacy = await loadStateDict(LEGACY);
    const zip = await loadStateDict(ZIP);
    const shapes = hrnetParamShapes(describeHrnet(2));
    const batchNorms = [...shapes.keys()].filter((k) => k.endsWith('.running_var')).length;
    expect(legacy.tensors.size).toBe(shapes.size + batchNorms);
    expect(legacy.format).toBe('legacy');
    expect(zip.format).toBe('zip');
    expect(legacy.tensors.size).toBe(zip.tensors.size);
    expect(zip.tensors.has('backbone.stage4.2.fuse_layers.0.3.0.weight')).toBe(true);
    expect(legacy.tensors.get('conv1.weight')!.shape).toEqual([64, 3, 3, 3]);
  });

  it('refuses a checkpoint that names a class outside the allow-list', async () => {
    const object = new PickleBytes()
      .proto()
      .global('os', 'system')
      .shortUnicode('touch /tmp/pwned')
      .op(OP.TUPLE1)
      .op(OP.REDUCE)
      .stop()
      .bytes();
    const file = await write('hostile.pth', concatBytes(legacyHeader(), object));
    await expect(convert(file)).rejects.toThrow(`${file}: refusing to load class or function os.system`);
  });

  it('names an unknown opcode and its byte offset', async () => {
    const header = legacyHeader();
    const object = new PickleBytes().proto().op(OP.MARK).op(0x69).stop().bytes(); // INST
    const file = await write('inst.pth', concatBytes(header, object));
    await expect(convert(file)).rejects.toThrow(
      `${file}: unsupported pickle opcode 0x69 (INST) (at byte ${header.length + 3}).`,
    );
  });

  it('reports truncated legacy and zip checkpoints', async () => {
    const legacy = readFileSync(LEGACY);
    const cutLegacy = await write('cut_legacy.pth', legacy.subarray(0, Math.floor(legacy.length * 0.8)));
    await expect(convert(cutLegacy)).rejects.toThrow(
      new RegExp(`^${cutLegacy}: the file is truncated: storage \\d+ needs bytes`),
    );
    const cutPickle = await write('cut_pickle.pth', legacy.subarray(0, 2000));
    await expect(convert(cutPickle)).rejects.toThrow(new RegExp(`^${cutPickle}: pickle data ends unexpectedly`));
    const zip = readFileSync(ZIP);
    const cutZip = await write('cut_zip.pth', zip.subarray(0, zip.length - 5000));
    await expect(convert(cutZip)).rejects.toThrow(new RegExp(`^${cutZip}: not a readable zip checkpoint .*truncated`));
  });

  it('lists missing and unexpected keys by name, with counts, and suggests the architecture', async () => {
    const weights = randomHrnetWeights(describeHrnet(2));
    weights.delete('stage4.2.fuse_layers.0.3.0.weight');
    weights.delete('final_layer.bias');
    weights.set('head.extra.weight', { shape: [1], data: new Float32Array(1) });
    const file = await write('damaged.safetensors', writeSafetensors(weights));
    await expect(convert(file)).rejects.toThrow(
      `${file}: does not match the requested HRNet (official key layout): 2 missing (stage4.2.fuse_layers.0.3.0.weight, final_layer.bias); 1 unexpected (head.extra.weight).`,
    );
    const fine = randomHrnetWeights(describeHrnet(2));
    const w2 = await write('w2.safetensors', writeSafetensors(fine));
    await expect(convert(w2, 'hrnet-w32')).rejects.toThrow(
      /with the wrong shape \(transition1\.0\.0\.weight is \[2,256,3,3\], expected \[32,256,3,3\].* and \d+ more\)\. The checkpoint looks like an HRNet of width 2\./,
    );
  });

  it('names files that do not exist or are not checkpoints', async () => {
    const missing = path.join(dir, 'nope.pth');
    await expect(convert(missing)).rejects.toThrow(`Checkpoint ${missing} does not exist.`);
    const text = await write('notes.pth', new TextEncoder().encode('just some text\n'));
    await expect(convert(text)).rejects.toThrow(`${text}: unrecognised weights format`);
  });
});
