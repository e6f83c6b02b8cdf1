/**
 * The safetensors format: an 8-byte little-endian header length, a JSON header mapping each tensor
 * name to `{dtype, shape, data_offsets: [begin, end]}` (offsets relative to the end of the header),
 * then the raw little-endian data. No code, no pickles.
 */
import { z } from 'zod';
import { DTYPE_BYTES, SAFETENSORS_DTYPES, type TorchDtype } from './torch/dtypes';
import { numelOf, type TorchTensor } from './torch/tensor';
import { parseJsonText } from '../util/json-text';

/** Guards against reading a huge "header" from a file that is not safetensors at all. */
const MAX_HEADER_BYTES = 100 * 1024 * 1024;

const ByteOffset = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
/** One tensor's header entry; anything else (null, negative or fractional offsets, extra fields) is refused. */
const HeaderEntrySchema = z.strictObject({
  dtype: z.string(),
  shape: z.array(z.number().int().nonnegative()),
  data_offsets: z.tuple([ByteOffset, ByteOffset]),
});
const MetadataSchema = z.record(z.string(), z.string());
type HeaderEntry = z.infer<typeof HeaderEntrySchema>;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`)
    .join('; ');
}

/** A checked entry: known dtype, begin ≤ end ≤ data length, and shape × dtype size = end − begin. */
function checkEntry(
  name: string,
  raw: unknown,
  dataLength: number,
  source: string,
): HeaderEntry & { dtype: TorchDtype } {
  const parsed = HeaderEntrySchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(`${source}: tensor ${name} has an invalid header entry (${describeIssues(parsed.error)}).`);
  const entry = parsed.data;
  const dtype = SAFETENSORS_DTYPES[entry.dtype];
  if (!dtype) throw new Error(`${source}: tensor ${name} has unsupported dtype ${entry.dtype}.`);
  const [begin, end] = entry.data_offsets;
  if (begin > end)
    throw new Error(`${source}: tensor ${name} has data_offsets [${begin}, ${end}]: the begin is past the end.`);
  const expected = numelOf(entry.shape) * DTYPE_BYTES[dtype];
  if (end - begin !== expected)
    throw new Error(
      `${source}: tensor ${name} spans ${end - begin} bytes but its shape [${entry.shape}] needs ${expected}.`,
    );
  if (end > dataLength)
    throw new Error(
      `${source}: tensor ${name} ends at byte ${end} of the data but the file holds ${dataLength} data bytes; the file is truncated.`,
    );
  return { ...entry, dtype };
}

/** True when the bytes start like a safetensors file (a plausible header length, then '{'). */
export function looksLikeSafetensors(bytes: Uint8Array): boolean {
  if (bytes.byteLength < 10) return false;
  const length = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  return length > 1 && length <= MAX_HEADER_BYTES && bytes[8] === 0x7b;
}

function contiguousStrides(shape: number[]): number[] {
  const strides: number[] = [];
  let step = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides.unshift(step);
    step *= shape[d];
  }
  return strides;
}

/** Parses a safetensors file into named tensor views over `bytes` (no copy). */
export function parseSafetensors(bytes: Uint8Array, source: string): Map<string, TorchTensor> {
  if (bytes.byteLength < 8)
    throw new Error(`${source}: too short to be a safetensors file (${bytes.byteLength} bytes).`);
  const headerLength = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  if (headerLength > MAX_HEADER_BYTES || 8 + headerLength > bytes.byteLength) {
    throw new Error(
      `${source}: safetensors header of ${headerLength} bytes does not fit in the ${bytes.byteLength}-byte file; the file is truncated or not safetensors.`,
    );
  }
  const header = parseJsonText(
    new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)),
    `${source}: the safetensors header`,
  );
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    throw new Error(`${source}: safetensors header is not a JSON object.`);
  const dataStart = 8 + headerLength;
  const dataLength = bytes.byteLength - dataStart;
  const tensors = new Map<string, TorchTensor>();
  for (const [name, raw] of Object.entries(header)) {
    if (name === '__metadata__') {
      if (!MetadataSchema.safeParse(raw).success)
        throw new Error(`${source}: safetensors __metadata__ must map strings to strings.`);
      continue;
    }
    const entry = checkEntry(name, raw, dataLength, source);
    const [begin, end] = entry.data_offsets;
    const storage = {
      key: name,
      dtype: entry.dtype,
      numel: numelOf(entry.shape),
      bytes: bytes.subarray(dataStart + begin, dataStart + end),
    };
    tensors.set(name, { storage, offset: 0, shape: [...entry.shape], stride: contiguousStrides(entry.shape) });
  }
  return tensors;
}

export interface SafetensorsInput {
  shape: number[];
  data: Float32Array;
}

/**
 * Serialises float32 tensors as safetensors (header padded to 8 bytes, as the reference writer
 * does). Used to hand state dicts between tools and to build test checkpoints.
 */
export function writeSafetensors(
  tensors: ReadonlyMap<string, SafetensorsInput>,
  metadata: Record<string, string> = {},
): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, tensor] of tensors) {
    if (tensor.data.length !== numelOf(tensor.shape))
      throw new Error(`Tensor ${name}: ${tensor.data.length} values for shape [${tensor.shape}].`);
    const dtype: TorchDtype = 'float32';
    header[name] = {
      dtype: 'F32',
      shape: tensor.shape,
      data_offsets: [offset, offset + tensor.data.length * DTYPE_BYTES[dtype]],
    };
    offset += tensor.data.byteLength;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerBytes = new Uint8Array(Math.ceil(json.length / 8) * 8).fill(0x20); // pad with spaces
  headerBytes.set(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const tensor of tensors.values()) {
    out.set(new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength), at);
    at += tensor.data.byteLength;
  }
  return out;
}
