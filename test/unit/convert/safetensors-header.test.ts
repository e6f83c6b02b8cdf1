import { describe, expect, it } from 'vitest';
import { parseSafetensors } from '../../../core/convert/safetensors';

/** A safetensors file with exactly this header (unchecked) and `dataBytes` bytes of data. */
function withHeader(header: unknown, dataBytes = 16): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  return out;
}

const ok = { dtype: 'F32', shape: [2], data_offsets: [0, 8] };

describe('safetensors header validation', () => {
  it('refuses negative data_offsets instead of reading header bytes as weights', () => {
    const file = withHeader({ 'conv.weight': { dtype: 'F32', shape: [2], data_offsets: [-8, 0] } });
    expect(() => parseSafetensors(file, 'w.safetensors')).toThrow(
      /^w\.safetensors: tensor conv\.weight has an invalid header entry \(data_offsets\.0: .*>=0/,
    );
  });

  it('names the tensor whose entry is null instead of failing on a property of null', () => {
    const file = withHeader({ 'a.bias': ok, 'b.weight': null });
    expect(() => parseSafetensors(file, 'w.safetensors')).toThrow(
      /^w\.safetensors: tensor b\.weight has an invalid header entry \(.*expected object/,
    );
  });

  it('refuses begin past end, offsets past the data, fractional sizes and sizes that do not fit the shape', () => {
    expect(() =>
      parseSafetensors(withHeader({ t: { dtype: 'F32', shape: [0], data_offsets: [8, 4] } }), 'w.safetensors'),
    ).toThrow('w.safetensors: tensor t has data_offsets [8, 4]: the begin is past the end.');
    expect(() =>
      parseSafetensors(withHeader({ t: { dtype: 'F32', shape: [8], data_offsets: [0, 32] } }), 'w.safetensors'),
    ).toThrow(
      'w.safetensors: tensor t ends at byte 32 of the data but the file holds 16 data bytes; the file is truncated.',
    );
    expect(() =>
      parseSafetensors(withHeader({ t: { dtype: 'F32', shape: [1.5], data_offsets: [0, 6] } }), 'w.safetensors'),
    ).toThrow(/tensor t has an invalid header entry \(shape\.0: /);
    expect(() =>
      parseSafetensors(withHeader({ t: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }), 'w.safetensors'),
    ).toThrow('w.safetensors: tensor t spans 8 bytes but its shape [3] needs 12.');
    expect(() => parseSafetensors(withHeader({ t: { ...ok, extra: 1 } }), 'w.safetensors')).toThrow(
      /tensor t has an invalid header entry/,
    );
  });

  it('refuses a header that is not an object and metadata that is not strings', () => {
    expect(() => parseSafetensors(withHeader([ok]), 'w.safetensors')).toThrow(
      'w.safetensors: safetensors header is not a JSON object.',
    );
    expect(() => parseSafetensors(withHeader({ __metadata__: { format: 1 }, t: ok }), 'w.safetensors')).toThrow(
      'w.safetensors: safetensors __metadata__ must map strings to strings.',
    );
  });

  it('reads a valid header', () => {
    const tensors = parseSafetensors(withHeader({ __metadata__: { format: 'pt' }, t: ok }), 'w.safetensors');
    expect(tensors.get('t')?.shape).toEqual([2]);
  });
});
