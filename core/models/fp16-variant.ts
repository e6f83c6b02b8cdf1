/**
 * Optional fp16 variants of models for GPU execution providers: `<stem>.fp16.onnx` beside the
 * fp32 file (the converter writes one with `posetrail models convert --fp16`). Half the weights
 * to move and, on GPUs, half-precision kernels; on CPU, ONNX Runtime has no fast half-precision
 * path, so there the fp32 file is always used.
 */
import { existsSync } from 'node:fs';
import type { ExecutionDevice } from '../types';
import type { CreateSessionOptions, ModelSession } from './onnx';

export function fp16VariantPath(file: string): string {
  return file.replace(/(\.onnx)?$/i, '.fp16.onnx');
}

/**
 * Opens `file`, or its fp16 variant when one exists and `device` may be a GPU and the session
 * really lands on one; a variant that ends up on the CPU is closed and the fp32 file opened instead.
 */
export async function openPreferringFp16(
  file: string,
  options: CreateSessionOptions,
  open: (file: string, options: CreateSessionOptions) => Promise<ModelSession>,
  exists: (file: string) => boolean = existsSync,
): Promise<{ session: ModelSession; path: string }> {
  const variant = fp16VariantPath(file);
  if (mayUseGpu(options.device) && exists(variant)) {
    const warnings: string[] = [];
    const session = await open(variant, { ...options, onWarning: (message) => warnings.push(message) });
    if (session.provider !== 'cpu') {
      for (const warning of warnings) options.onWarning?.(warning);
      return { session, path: variant };
    }
    await session.dispose();
  }
  return { session: await open(file, options), path: file };
}

function mayUseGpu(device: ExecutionDevice | undefined): boolean {
  return device !== undefined && device !== 'cpu';
}
