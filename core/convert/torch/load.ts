/**
 * Reads a weights file — PyTorch zip or legacy checkpoint, or safetensors — into a flat state dict
 * (parameter name → tensor view), unwrapping the containers training scripts put around it.
 */
import { readRegularFile } from '../../util/regular-file';
import { looksLikeSafetensors, parseSafetensors } from '../safetensors';
import { parseLegacyCheckpoint, parseZipCheckpoint, sniffCheckpointFormat } from './checkpoint';
import type { TorchTensor } from './tensor';

export type WeightsFormat = 'zip' | 'legacy' | 'safetensors';

export interface LoadedStateDict {
  format: WeightsFormat;
  tensors: Map<string, TorchTensor>;
}

/** Keys under which training scripts (MMPose/mmcv, the official HRNet trainer, others) nest the weights. */
const WRAPPER_KEYS = ['state_dict', 'model', 'net'] as const;

function isTensor(value: unknown): value is TorchTensor {
  return typeof value === 'object' && value !== null && 'storage' in value && 'shape' in value && 'stride' in value;
}

/** Wrapper dicts around the weights (`{'state_dict': {'model': …}}`); real checkpoints use one or two. */
const MAX_WRAPPER_DEPTH = 4;

/** The state dict inside a checkpoint object: the object itself or one of its wrapper entries. */
export function extractStateDict(object: unknown, source: string, depth = 0): Map<string, TorchTensor> {
  if (!(object instanceof Map))
    throw new Error(
      `${source}: the checkpoint holds a ${Array.isArray(object) ? 'list' : typeof object}, not a state dict.`,
    );
  for (const key of WRAPPER_KEYS) {
    const inner = object.get(key);
    if (!(inner instanceof Map) || ![...inner.values()].some(isTensor)) continue;
    // A pickle can make a dict contain itself; nesting is bounded instead of followed forever.
    if (inner === object || depth >= MAX_WRAPPER_DEPTH)
      throw new Error(
        `${source}: the state dict is nested more than ${MAX_WRAPPER_DEPTH} levels deep or inside itself (key '${key}').`,
      );
    return extractStateDict(inner, source, depth + 1);
  }
  const tensors = new Map<string, TorchTensor>();
  const other: string[] = [];
  for (const [key, value] of object) {
    if (isTensor(value)) tensors.set(String(key), value);
    else other.push(String(key));
  }
  if (tensors.size === 0) {
    const listed = other.slice(0, 5).join(', ');
    throw new Error(
      `${source}: no tensors found in the checkpoint (top-level keys: ${listed}${other.length > 5 ? ', …' : ''}).`,
    );
  }
  if (other.length > 0) throw new Error(`${source}: state dict entry ${other[0]} is not a tensor.`);
  return tensors;
}

/** Parses a weights file; every error names `source`, stack overflows from hostile nesting included. */
export function parseWeights(bytes: Uint8Array, source: string): LoadedStateDict {
  try {
    return parseWeightsUnchecked(bytes, source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.startsWith(source)) throw error;
    throw new Error(
      `${source}: cannot be read as weights (${error instanceof RangeError ? 'its objects are nested too deeply' : message}).`,
    );
  }
}

function parseWeightsUnchecked(bytes: Uint8Array, source: string): LoadedStateDict {
  const format = sniffCheckpointFormat(bytes);
  if (format === 'zip') return { format, tensors: extractStateDict(parseZipCheckpoint(bytes, source), source) };
  if (format === 'legacy') return { format, tensors: extractStateDict(parseLegacyCheckpoint(bytes, source), source) };
  if (looksLikeSafetensors(bytes)) return { format: 'safetensors', tensors: parseSafetensors(bytes, source) };
  throw new Error(
    `${source}: unrecognised weights format (expected a PyTorch .pth/.pt checkpoint or a .safetensors file).`,
  );
}

/** Reads and parses `file`; every error names the file. */
export async function loadStateDict(file: string): Promise<LoadedStateDict> {
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT' ? `Checkpoint ${file} does not exist.` : `Cannot read checkpoint ${file} (${code ?? error}).`,
    );
  }
  if (bytes.byteLength === 0) throw new Error(`Checkpoint ${file} is empty.`);
  return parseWeights(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), file);
}
