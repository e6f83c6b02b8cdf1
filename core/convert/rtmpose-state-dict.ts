/**
 * Checks an RTMPose state dict (MMPose 1.x names: `backbone.…`, `head.…`) against the requested
 * architecture: missing, unexpected or mis-shaped tensors are reported by name, with what the
 * checkpoint itself looks like (size, keypoints, input size) when that can be read from it.
 */
import { RTMPOSE_SIZES, type RtmposeArch } from './rtmpose-arch';
import { listKeys, stripDataParallel } from './state-dict';
import type { TorchTensor } from './torch/tensor';

/** Training state kept in published files: BatchNorm step counters, the data preprocessor's buffers. */
const IGNORED_SUFFIXES = ['.num_batches_tracked'];
const IGNORED_PREFIXES = ['data_preprocessor.'];

/** The stem's last conv has 64 × widen output channels. */
function sizeHint(tensors: ReadonlyMap<string, TorchTensor>): string {
  const stemChannels = tensors.get('backbone.stem.2.conv.weight')?.shape[0];
  if (stemChannels === undefined) return '';
  const name = Object.entries(RTMPOSE_SIZES).find(([, f]) => Math.floor(64 * f.widenFactor) === stemChannels)?.[0];
  return name
    ? ` The checkpoint looks like ${name}.`
    : ` Its stem has ${stemChannels} channels, which no RTMPose size has.`;
}

/** SimCC bins are twice the input size; the classifiers' rows give the size the head was built for. */
function inputHint(tensors: ReadonlyMap<string, TorchTensor>, arch: RtmposeArch): string {
  const binsX = tensors.get('head.cls_x.weight')?.shape[0];
  const binsY = tensors.get('head.cls_y.weight')?.shape[0];
  if (binsX === undefined || binsY === undefined) return '';
  const [width, height] = [binsX / arch.simccSplitRatio, binsY / arch.simccSplitRatio];
  if (width === arch.inputWidth && height === arch.inputHeight) return '';
  return ` It was built for ${height}x${width} inputs, not ${arch.inputHeight}x${arch.inputWidth}.`;
}

function jointsHint(tensors: ReadonlyMap<string, TorchTensor>, arch: RtmposeArch): string {
  const joints = tensors.get('head.final_layer.weight')?.shape[0];
  return joints !== undefined && joints !== arch.head.numJoints
    ? ` It predicts ${joints} keypoints, not ${arch.head.numJoints}.`
    : '';
}

/** Returns the tensors the graph needs; throws one error describing all problems (naming `source`). */
export function normalizeRtmposeStateDict(
  raw: Map<string, TorchTensor>,
  expected: ReadonlyMap<string, number[]>,
  arch: RtmposeArch,
  source: string,
): Map<string, TorchTensor> {
  const tensors = new Map<string, TorchTensor>();
  const unexpected: string[] = [];
  for (const [key, tensor] of stripDataParallel(raw)) {
    if (IGNORED_SUFFIXES.some((s) => key.endsWith(s)) || IGNORED_PREFIXES.some((p) => key.startsWith(p))) continue;
    if (expected.has(key)) tensors.set(key, tensor);
    else unexpected.push(key);
  }
  const missing = [...expected.keys()].filter((k) => !tensors.has(k));
  const misshapen = [...tensors]
    .filter(([k, t]) => t.shape.join(',') !== expected.get(k)!.join(','))
    .map(([k, t]) => `${k} is [${t.shape.join(',')}], expected [${expected.get(k)!.join(',')}]`);
  const problems: string[] = [];
  if (missing.length > 0) problems.push(`${missing.length} missing (${listKeys(missing)})`);
  if (unexpected.length > 0) problems.push(`${unexpected.length} unexpected (${listKeys(unexpected)})`);
  if (misshapen.length > 0) problems.push(`${misshapen.length} with the wrong shape (${listKeys(misshapen)})`);
  if (problems.length > 0) {
    const all = stripDataParallel(raw);
    const hints = `${sizeHint(all)}${jointsHint(all, arch)}${inputHint(all, arch)}`;
    throw new Error(
      `${source}: does not match the requested ${arch.name} at ${arch.inputHeight}x${arch.inputWidth}: ${problems.join('; ')}.${hints}`,
    );
  }
  return tensors;
}
