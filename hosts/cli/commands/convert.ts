/**
 * `posetrail models convert <checkpoint>`: converts an HRNet or RTMPose PyTorch checkpoint (.pth/.pt, zip or
 * legacy format, or .safetensors) to ONNX, either into the model store under a manifest id
 * (`--as hrnet-w48-coco-384x288`) or to a file (`--out model.onnx`).
 */
import path from 'node:path';
import type { Command } from 'commander';
import { findManifest } from '../../../core/models/registry';
import { CliError } from '../cli-error';
import { withProgress } from '../progress';
import { convertCheckpointToOnnx, POSE_ARCH_NAMES, type PoseArchSpec } from '../../../core/convert/convert-checkpoint';
import { convertIntoModelStore } from '../../../core/models/convert-into-store';

interface ConvertFlags {
  arch?: string;
  input?: string;
  as?: string;
  out?: string;
  fp16?: boolean;
  foldBn: boolean;
}

/** `hrnet-w32`, `hrnet-w48`, `hrnet-w<N>` for other widths, or `rtmpose-t|s|m|l`. */
export function parseArch(text: string): PoseArchSpec {
  if ((POSE_ARCH_NAMES as string[]).includes(text)) return text as (typeof POSE_ARCH_NAMES)[number];
  const match = /^hrnet-w([1-9]\d*)$/.exec(text);
  if (match) return { width: Number(match[1]) };
  throw new CliError(`Invalid --arch ${text}. Should be one of ${POSE_ARCH_NAMES.join(', ')} (or hrnet-w<width>).`);
}

/** `384x288` → height 384, width 288: the order model names use (hrnet-w48-coco-384x288). */
export function parseInputSize(text: string): { inputWidth: number; inputHeight: number } {
  const match = /^(\d+)x(\d+)$/.exec(text.trim());
  if (!match) throw new CliError(`Invalid --input ${text}. Should be HEIGHTxWIDTH, e.g. 256x192 or 384x288.`);
  return { inputHeight: Number(match[1]), inputWidth: Number(match[2]) };
}

async function runConvert(checkpoint: string, flags: ConvertFlags): Promise<void> {
  if (!flags.as === !flags.out)
    throw new CliError('Give exactly one of --as <model-id> (install into the model store) or --out <file.onnx>.');
  const checkpointPath = path.resolve(checkpoint);
  const arch = flags.arch ? parseArch(flags.arch) : undefined;
  const size = flags.input ? parseInputSize(flags.input) : undefined;
  if (flags.as) {
    const manifest = findManifest(flags.as);
    if (!manifest) throw new CliError(`Unknown model id ${flags.as}. Run \`posetrail models list\` to see the ids.`);
    if (size && (size.inputWidth !== manifest.input.width || size.inputHeight !== manifest.input.height)) {
      throw new CliError(
        `--input ${flags.input} does not match ${manifest.id}, which takes ${manifest.input.height}x${manifest.input.width}.`,
      );
    }
    if (!flags.foldBn)
      throw new CliError('--no-fold-bn is only for --out files; the model store keeps the fast folded model.');
    const dest = await withProgress(`Converting ${checkpoint}`, (onProgress) =>
      convertIntoModelStore(checkpointPath, manifest, { arch, float16: flags.fp16, onProgress }),
    );
    process.stdout.write(`Installed ${manifest.id}: ${dest}\n`);
    return;
  }
  if (!arch) throw new CliError(`--arch is required with --out (${POSE_ARCH_NAMES.join(', ')}).`);
  if (!size) throw new CliError('--input is required with --out (HEIGHTxWIDTH, e.g. 384x288).');
  const outPath = path.resolve(flags.out!);
  const result = await withProgress(`Converting ${checkpoint}`, (onProgress) =>
    convertCheckpointToOnnx({
      checkpointPath,
      arch,
      ...size,
      outPath,
      float16: flags.fp16,
      foldBatchNorm: flags.foldBn,
      onProgress,
    }),
  );
  process.stdout.write(`Wrote ${result.outPath} (${(result.params / 1e6).toFixed(1)} M parameters)\n`);
}

/** Adds `convert` under the `models` command. */
export function registerConvert(modelsCommand: Command): Command {
  return modelsCommand
    .command('convert')
    .description('Convert an HRNet or RTMPose PyTorch checkpoint (.pth, .pt or .safetensors) to ONNX, without Python')
    .argument('<checkpoint>', 'checkpoint file (official HRNet or MMPose layout, zip or legacy torch.save format)')
    .option('--arch <arch>', `architecture: ${POSE_ARCH_NAMES.join(', ')} (default with --as: the model's own)`)
    .option(
      '--input <HxW>',
      "network input size, height x width as in model names, e.g. 384x288 (default with --as: the model's own)",
    )
    .option('--as <model-id>', 'install into the model store as this model (e.g. hrnet-w48-coco-384x288)')
    .option('-o, --out <file>', 'write the ONNX model to this file instead')
    .option('--fp16', 'store weights as float16 (half the size; for GPU execution providers)')
    .option('--no-fold-bn', 'keep BatchNormalization nodes instead of folding them into the convolutions')
    .action(async (checkpoint: string, flags: ConvertFlags) => runConvert(checkpoint, flags));
}
