import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseZipCheckpoint } from '../../../core/convert/torch/checkpoint';
import { maxTotalInflatedBytes, readZipEntries } from '../../../core/convert/torch/zip-entries';
import { zipBytes, type ZipBytesEntry } from '../../helpers/zip-bytes';
import { OP, PickleBytes } from './pickle-bytes';

const MiB = 1024 * 1024;

/** A pickle holding only a list of float32 storages of `numel` elements each, keyed 0, 1, … */
function storageListPickle(count: number, numel: number): Uint8Array {
  const pickle = new PickleBytes().proto(2).op(OP.EMPTY_LIST).op(OP.MARK);
  for (let key = 0; key < count; key++) {
    pickle
      .op(OP.MARK)
      .shortUnicode('storage')
      .global('torch', 'FloatStorage')
      .shortUnicode(String(key))
      .shortUnicode('cpu')
      .binint(numel)
      .op(OP.TUPLE)
      .op(OP.BINPERSID);
  }
  return pickle.op(OP.APPENDS).stop().bytes();
}

describe('zip checkpoints whose entries together inflate far beyond the file', () => {
  it('refuses 200 storages that each fit the per-entry cap once their total passes the file budget', () => {
    const storageBytes = Math.floor((4.7 * MiB) / 4) * 4;
    const zeros = deflateRawSync(Buffer.alloc(storageBytes), { level: 9 });
    const storages: ZipBytesEntry[] = Array.from({ length: 200 }, (_, key) => ({
      name: `archive/data/${key}`,
      method: 8,
      data: zeros,
      size: storageBytes,
    }));
    const bomb = zipBytes([
      { name: 'archive/data.pkl', method: 0, data: storageListPickle(200, storageBytes / 4) },
      ...storages,
    ]);
    expect(bomb.length).toBeLessThan(2 * MiB);
    // Each entry alone is within the per-entry bound (4 × the file + 1 MiB): only the total catches it.
    expect(storageBytes).toBeLessThan(maxTotalInflatedBytes(bomb.length));
    const before = process.memoryUsage().arrayBuffers;
    expect(() => parseZipCheckpoint(bomb, 'many.pth')).toThrow(
      new RegExp(
        `^many\\.pth: zip entry archive/data/\\d+ would inflate to ${storageBytes} bytes, past the \\d+ bytes left for this ${bomb.length}-byte checkpoint; refusing it`,
      ),
    );
    // Before the fix this inflated 200 × 4.7 MB = 940 MB; now at most the file's budget.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * MiB);
  });

  it('refuses 1000 central-directory entries that all point at one local record', () => {
    // Incompressible data keeps the file large enough for 1000 entries by the count bound.
    const payload = deflateRawSync(randomBytes(80 * 1024));
    const record = zipBytes([{ name: 'archive/data/0', method: 8, data: payload, size: 80 * 1024 }]);
    const centralAt = record.readUInt32LE(record.length - 6);
    const central = record.subarray(centralAt, centralAt + 46);
    const directory = Buffer.concat(
      Array.from({ length: 1000 }, (_, index) => {
        const name = Buffer.from(`archive/data/${index}`);
        const copy = Buffer.from(central);
        copy.writeUInt16LE(name.length, 28);
        return Buffer.concat([copy, name]);
      }),
    );
    const end = Buffer.from(record.subarray(record.length - 22));
    end.writeUInt16LE(1000, 8);
    end.writeUInt16LE(1000, 10);
    end.writeUInt32LE(directory.length, 12);
    const hostile = Buffer.concat([record.subarray(0, centralAt), directory, end]);
    expect(hostile.length).toBeLessThan(200 * 1024);
    expect(() => readZipEntries(hostile, 'shared.pth')).toThrow(
      /^shared\.pth: zip entry archive\/data\/\d+ uses the same local record as archive\/data\/\d+ \(byte 0\); the file is corrupt or hostile\.$/,
    );
  });

  it('refuses entries whose data overlaps the next local record', () => {
    const honest = zipBytes([
      { name: 'archive/a', method: 0, data: Buffer.alloc(100, 1) },
      { name: 'archive/b', method: 0, data: Buffer.alloc(100, 2) },
    ]);
    // a's central record claims 200 bytes of data: it runs into b's local header.
    const centralAt = honest.readUInt32LE(honest.length - 6);
    honest.writeUInt32LE(200, centralAt + 20);
    honest.writeUInt32LE(200, centralAt + 24);
    expect(() => readZipEntries(honest, 'overlap.pth')).toThrow(
      'overlap.pth: zip entry archive/b uses bytes of archive/a (byte 139); the file is corrupt or hostile.',
    );
  });

  it('refuses an entry count that cannot fit in the file before reading the directory', () => {
    const honest = zipBytes([{ name: 'archive/a', method: 0, data: Buffer.alloc(10) }]);
    honest.writeUInt16LE(60_000, honest.length - 22 + 10);
    expect(() => readZipEntries(honest, 'count.pth')).toThrow(
      `count.pth: the zip declares 60000 entries, but a ${honest.length}-byte file holds at most 1; the file is corrupt or hostile.`,
    );
  });

  it('refuses a name given twice', () => {
    const twice = zipBytes([
      { name: 'archive/data.pkl', method: 0, data: Buffer.alloc(10) },
      { name: 'archive/data.pkl', method: 0, data: Buffer.alloc(10) },
    ]);
    expect(() => readZipEntries(twice, 'twice.pth')).toThrow(
      'twice.pth: the zip names archive/data.pkl twice; the file is corrupt or hostile.',
    );
  });

  it('still reads honest storages, deflated ones included, within twice what the tensors declare', () => {
    const floats = Buffer.alloc(4096 * 4, 7);
    const honest = zipBytes([
      { name: 'archive/data.pkl', method: 0, data: storageListPickle(2, 4096) },
      { name: 'archive/data/0', method: 8, data: deflateRawSync(floats), size: floats.length },
      { name: 'archive/data/1', method: 0, data: floats },
    ]);
    const value = parseZipCheckpoint(honest, 'honest.pth') as { bytes: Uint8Array }[];
    expect(value.map((storage) => storage.bytes.length)).toEqual([floats.length, floats.length]);
    expect(Buffer.from(value[0].bytes).equals(floats)).toBe(true);
  });
});
