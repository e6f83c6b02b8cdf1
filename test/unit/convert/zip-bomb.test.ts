import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseZipCheckpoint } from '../../../core/convert/torch/checkpoint';
import { readZipEntries } from '../../../core/convert/torch/zip-entries';
import { zipBytes } from '../../helpers/zip-bytes';
import { PickleBytes } from './pickle-bytes';

/** An empty dict pickle: the checkpoint would fail later for holding no tensors. */
const EMPTY_PICKLE = new PickleBytes().proto(2).op(0x7d).op(0x2e).bytes();
const MiB = 1024 * 1024;

describe('zip checkpoints that would inflate far beyond their size', () => {
  it('refuses a 256 MiB storage of zeros packed into a few hundred KB before inflating anything', () => {
    const zeros = deflateRawSync(Buffer.alloc(256 * MiB), { level: 1 });
    const bomb = zipBytes([
      { name: 'archive/data.pkl', method: 0, data: EMPTY_PICKLE },
      { name: 'archive/data/0', method: 8, data: zeros, size: 256 * MiB },
    ]);
    expect(bomb.length).toBeLessThan(2 * MiB);
    const heapBefore = process.memoryUsage().arrayBuffers;
    expect(() => parseZipCheckpoint(bomb, 'bomb.pth')).toThrow(
      `bomb.pth: zip entry archive/data/0 declares ${256 * MiB} bytes, more than a ${bomb.length}-byte checkpoint can hold; refusing to inflate it (a zip bomb or a corrupt file).`,
    );
    // Nothing of the declared size was ever allocated.
    expect(process.memoryUsage().arrayBuffers - heapBefore).toBeLessThan(16 * MiB);
  });

  it('refuses a declared size above the fixed cap even in a file large enough to hold it', () => {
    const lying = zipBytes([{ name: 'archive/data.pkl', method: 0, data: EMPTY_PICKLE, size: 2 ** 32 - 1 }]);
    expect(() => readZipEntries(lying, 'lying.pth')).toThrow(
      'lying.pth: zip entry archive/data.pkl declares 4294967295 bytes',
    );
  });

  it('stops inflating an entry as soon as it runs past its declared size', () => {
    const zeros = deflateRawSync(Buffer.alloc(8 * MiB), { level: 1 });
    const liar = zipBytes([{ name: 'archive/data/0', method: 8, data: zeros, size: 1000 }]);
    const zip = readZipEntries(liar, 'liar.pth');
    expect(() => zip.read('archive/data/0')).toThrow(
      'liar.pth: zip entry archive/data/0 inflates past its declared 1000 bytes; the file is corrupt or hostile.',
    );
  });

  it('reads honest stored and deflated entries, the stored one without copying', () => {
    const text = Buffer.from('little');
    const honest = zipBytes([
      { name: 'archive/byteorder', method: 0, data: text },
      { name: 'archive/data/1', method: 8, data: deflateRawSync(Buffer.alloc(4096, 3)), size: 4096 },
    ]);
    const zip = readZipEntries(honest, 'honest.pth');
    const stored = zip.read('archive/byteorder')!;
    expect(Buffer.from(stored).toString()).toBe('little');
    expect(stored.buffer).toBe(honest.buffer);
    expect(zip.read('archive/data/1')).toEqual(new Uint8Array(4096).fill(3));
    expect(zip.read('archive/missing')).toBeUndefined();
  });

  it('names a central directory that is cut short', () => {
    const honest = zipBytes([{ name: 'archive/data.pkl', method: 0, data: EMPTY_PICKLE }]);
    const cut = Buffer.concat([honest.subarray(0, honest.length - 22 - 10), honest.subarray(honest.length - 22)]);
    expect(() => readZipEntries(cut, 'cut.pth')).toThrow(/^cut\.pth: /);
  });
});
