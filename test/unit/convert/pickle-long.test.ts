import { describe, expect, it } from 'vitest';
import { CHECKPOINT_GLOBALS } from '../../../core/convert/torch/globals';
import { readPickle } from '../../../core/convert/torch/pickle';
import { MAX_LONG_BYTES } from '../../../core/convert/torch/pickle-reader';
import { PickleBytes } from './pickle-bytes';

const opts = { globals: CHECKPOINT_GLOBALS, source: 'hostile.pth' };

/** LONG4 (0x8b) with a 4-byte little-endian length, then `length` bytes, then STOP. */
function long4(length: number): Uint8Array {
  const head = new PickleBytes().proto().op(0x8b).bytes();
  const out = new Uint8Array(head.length + 4 + length + 1);
  out.set(head);
  new DataView(out.buffer).setUint32(head.length, length, true);
  out.fill(0x7f, head.length + 4, head.length + 4 + length);
  out[out.length - 1] = 0x2e;
  return out;
}

describe('pickle LONG opcodes', () => {
  it('refuses a 200 KB LONG4 at once instead of decoding it in quadratic time', () => {
    const started = performance.now();
    expect(() => readPickle(long4(200_000), 0, opts)).toThrow(
      `hostile.pth: LONG4 integer of 200000 bytes at offset 7; checkpoint integers need at most ${MAX_LONG_BYTES}.`,
    );
    // Refused before reading the payload: far below the seconds decoding took.
    expect(performance.now() - started).toBeLessThan(1000);
  }, 5000);

  it('refuses a LONG1 longer than the cap and reads one at the cap', () => {
    const tooLong = new PickleBytes()
      .proto()
      .op(0x8a)
      .op(MAX_LONG_BYTES + 1)
      .bytes();
    expect(() => readPickle(tooLong, 0, opts)).toThrow(`hostile.pth: LONG1 integer of ${MAX_LONG_BYTES + 1} bytes`);
    expect(readPickle(long4(MAX_LONG_BYTES), 0, opts).value).toBe(BigInt(`0x${'7f'.repeat(MAX_LONG_BYTES)}`));
  });
});
