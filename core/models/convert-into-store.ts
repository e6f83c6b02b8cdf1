/**
 * Converting a checkpoint the user already has (a published one, or their own fine-tuned HRNet or RTMPose)
 * straight into the model store under a manifest id: converted next to the store file, checked
 * against the manifest like every other install, then renamed into place and recorded.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Progress } from '../types';
import { assertWritableDir, tempPathFor } from '../util/fs';
import { sha256File } from './checksum';
import { inspectModelFile } from './install';
import type { ModelManifest } from './manifest';
import { modelStoreDir } from './paths';
import { writeStoreRecord } from './store-index';
import { convertCheckpointToOnnx, type PoseArchSpec } from '../convert/convert-checkpoint';
import { fp16VariantPath } from './fp16-variant';

export interface ConvertIntoStoreOptions {
  /** Defaults to the manifest's `convert.arch`. */
  arch?: PoseArchSpec;
  /**
   * Write float16 weights as the model's fp16 variant beside the fp32 file (`<stem>.fp16.onnx`),
   * which GPU providers then load instead; the fp32 file and its store record stay as they are.
   */
  float16?: boolean;
  onProgress?: (p: Progress) => void;
}

export async function convertIntoModelStore(
  checkpointPath: string,
  manifest: ModelManifest,
  opts: ConvertIntoStoreOptions = {},
): Promise<string> {
  if (!manifest.task.startsWith('pose-'))
    throw new Error(`Model ${manifest.id} is a ${manifest.task}, not a pose model.`);
  const arch = opts.arch ?? manifest.convert?.arch;
  if (!arch) throw new Error(`Model ${manifest.id} does not say which architecture to build; pass --arch.`);
  const storeDir = modelStoreDir();
  await assertWritableDir(storeDir);
  const fp32Path = path.join(storeDir, manifest.file);
  const dest = opts.float16 ? fp16VariantPath(fp32Path) : fp32Path;
  const temp = tempPathFor(dest);
  try {
    await convertCheckpointToOnnx({
      checkpointPath,
      arch,
      inputWidth: manifest.input.width,
      inputHeight: manifest.input.height,
      outPath: temp,
      float16: opts.float16,
      onProgress: opts.onProgress,
    });
    const problems = await inspectModelFile(manifest, temp);
    if (problems.length > 0)
      throw new Error(
        `The model converted from ${checkpointPath} does not match the ${manifest.id} manifest: ${problems.join('; ')}.`,
      );
    const [sha256, sourceSha256, { size }] = await Promise.all([
      sha256File(temp),
      sha256File(checkpointPath),
      fs.stat(temp),
    ]);
    await fs.rename(temp, dest);
    if (opts.float16) return dest;
    await writeStoreRecord(storeDir, manifest.id, {
      file: manifest.file,
      sha256,
      sizeBytes: size,
      origin: 'convert',
      sourceSha256,
    });
    return dest;
  } finally {
    await fs.rm(temp, { force: true });
  }
}
