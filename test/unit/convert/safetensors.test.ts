import { describe, expect, it } from 'vitest';
import { looksLikeSafetensors, parseSafetensors, writeSafetensors } from '../../../core/convert/safetensors';
import { tensorToFloat32 } from '../../../core/convert/torch/tensor';

describe('safetensors', () => {
  const tensors = new Map([
    ['a.weight', { shape: [2, 3], data: new Float32Array([1, 2, 3, 4, 5, 6]) }],
    ['a.bias', { shape: [2], data: new Float32Array([-1, 0.5]) }],
  ]);

  it('round-trips float32 tensors with an 8-byte aligned header', () => {
    const bytes = writeSafetensors(tensors, { format: 'pt' });
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(headerLength % 8).toBe(0);
    expect(looksLikeSafetensors(bytes)).toBe(true);
    const parsed = parseSafetensors(bytes, 'w.safetensors');
    expect([...parsed.keys()]).toEqual(['a.weight', 'a.bias']);
    expect(parsed.get('a.weight')!.shape).toEqual([2, 3]);
    expect([...tensorToFloat32(parsed.get('a.weight')!, 'a.weight')]).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...tensorToFloat32(parsed.get('a.bias')!, 'a.bias')]).toEqual([-1, 0.5]);
  });

  it('reports truncation, bad headers and unsupported dtypes with the file name', () => {
    const bytes = writeSafetensors(tensors);
    expect(() => parseSafetensors(bytes.subarray(0, bytes.length - 4), 'w.safetensors')).toThrow(
      /^w\.safetensors: tensor a\.bias ends at byte \d+ of the data but the file holds \d+ data bytes; the file is truncated\.$/,
    );
    expect(() => parseSafetensors(bytes.subarray(0, 20), 'w.safetensors')).toThrow(
      /w\.safetensors: safetensors header of \d+ bytes does not fit/,
    );
    const header = new TextEncoder().encode(JSON.stringify({ x: { dtype: 'C64', shape: [1], data_offsets: [0, 8] } }));
    const odd = new Uint8Array(8 + header.length + 8);
    new DataView(odd.buffer).setBigUint64(0, BigInt(header.length), true);
    odd.set(header, 8);
    expect(() => parseSafetensors(odd, 'c.safetensors')).toThrow('c.safetensors: tensor x has unsupported dtype C64.');
  });
});
