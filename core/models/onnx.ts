/**
 * ONNX Runtime in one place: the only module in the project that imports onnxruntime-node.
 *
 * Everything else talks to models through `ModelSession` and plain typed arrays (`NdArray`), so
 * the rest of the code never depends on the runtime's tensor classes, and swapping or upgrading
 * the runtime touches this file only.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import ort from 'onnxruntime-node';
import { GPU_PROVIDERS, providerPreference, type ExecutionDevice, type ExecutionProvider } from '../devices';
import { assertReadableModel, checkFeed, firstLine, validateThreads } from './session-checks';
import type { CreateSessionOptions, ModelSession, NdArray } from './session-types';

export type { CreateSessionOptions, ModelSession, NdArray, NdArrayType } from './session-types';
export { defaultThreadCount } from './session-checks';

type Provider = ExecutionProvider;

/**
 * ORT's intra-op threads busy-wait between and after their parallel sections unless told not to.
 * In a pipeline the model shares the cores with the decoder, pre-processing and a second model,
 * and the spinning threads take their time slices: on two cores a track run took twice as long
 * with spinning, and every model call 1.4× to 2.5× its bare time. Without it a call costs a few
 * percent more when nothing else runs.
 */
const NO_SPINNING = { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } };

/** ORT's native log level for our sessions: errors only (we report fallbacks ourselves). */
const ORT_LOG_SEVERITY_ERROR = 3;

/** Folder holding the native binding and the provider libraries for this platform. */
function bindingDir(): string {
  const require = createRequire(import.meta.url);
  const pkgDir = path.dirname(require.resolve('onnxruntime-node/package.json'));
  return path.join(pkgDir, 'bin', 'napi-v6', process.platform, process.arch);
}

/** CUDA's provider is compiled in but its libraries are an extra download (`npm run setup:gpu`). */
function cudaLibrariesPresent(): boolean {
  const dir = bindingDir();
  if (process.platform === 'win32') return existsSync(path.join(dir, 'onnxruntime_providers_cuda.dll'));
  return (
    existsSync(path.join(dir, 'libonnxruntime_providers_cuda.so')) &&
    existsSync(path.join(dir, 'libonnxruntime_providers_shared.so'))
  );
}

/** Why `provider` cannot be tried on this machine, or null when it can. */
function unavailableReason(provider: Provider): string | null {
  if (provider === 'cpu') return null;
  const failed = machineFailures.get(provider);
  if (failed !== undefined) return failed;
  const backends = new Set(ort.listSupportedBackends().map((b) => b.name));
  if (!backends.has(provider))
    return `this onnxruntime-node build for ${process.platform}/${process.arch} has no ${provider} provider`;
  if (provider === 'cuda' && !cudaLibrariesPresent()) {
    return 'the CUDA provider libraries are not installed (run `npm run setup:gpu`; CUDA 12 and cuDNN 9 are also needed)';
  }
  return null;
}

/**
 * Devices this binary and machine can try: cpu always, plus GPU providers whose libraries are
 * present. A listed GPU provider can still fail to initialise (no adapter, driver missing); then
 * `createSession` falls back to CPU with a warning.
 */
export function availableDevices(): ExecutionDevice[] {
  return ['cpu', ...GPU_PROVIDERS.filter((p) => unavailableReason(p) === null)];
}

/** Version of the onnxruntime-node package: a new runtime can be faster, so it invalidates the cache. */
export function onnxRuntimeVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('onnxruntime-node/package.json') as { version: string }).version;
}

/**
 * Failures that belong to the machine, not to the model (no adapter, missing driver library):
 * remembered per process so later sessions skip the slow, noisy retry but still warn.
 */
const MACHINE_FAILURE = /adapter|shared library|Failed to load|driver|no CUDA-capable device/i;
const machineFailures = new Map<Provider, string>();

function sessionOptions(provider: Provider, threads: number): ort.InferenceSession.SessionOptions {
  return {
    executionProviders: provider === 'cpu' ? ['cpu'] : [provider, 'cpu'],
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    logSeverityLevel: ORT_LOG_SEVERITY_ERROR,
    extra: NO_SPINNING,
  };
}

/**
 * Opens `modelPath` on the best provider `device` allows. A provider that is missing or fails to
 * initialise is skipped with a warning (never silently), ending on CPU; a file that even CPU cannot
 * load is an error that names the file.
 */
export async function createSession(modelPath: string, opts: CreateSessionOptions = {}): Promise<ModelSession> {
  const device = opts.device ?? 'auto';
  const threads = validateThreads(opts.threads);
  await assertReadableModel(modelPath);
  const warnings: string[] = [];
  const skipped: string[] = [];
  for (const provider of providerPreference(device, process.platform)) {
    const reason = unavailableReason(provider);
    if (reason !== null) {
      skipped.push(`${provider}: ${reason}`);
      continue;
    }
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(modelPath, sessionOptions(provider, threads));
    } catch (error) {
      if (provider === 'cpu') throw new Error(`Cannot load model file ${modelPath}: ${firstLine(error)}`);
      const reason = `failed to initialise (${firstLine(error)})`;
      if (MACHINE_FAILURE.test(reason)) machineFailures.set(provider, reason);
      skipped.push(`${provider}: ${reason}`);
      continue;
    }
    if (provider === 'cpu' && skipped.length > 0) {
      const what =
        device === 'auto'
          ? 'No GPU execution provider could be used'
          : `The requested ${device} execution provider could not be used`;
      warnings.push(`${what} for ${path.basename(modelPath)}; running on CPU (${skipped.join('; ')}).`);
    }
    for (const warning of warnings) opts.onWarning?.(warning);
    return wrapSession(session, modelPath, provider, warnings);
  }
  throw new Error(`No execution provider could load ${modelPath}.`); // unreachable: cpu is always last
}

function shapesOf(metadata: readonly ort.InferenceSession.ValueMetadata[]): Record<string, (number | string)[]> {
  const shapes: Record<string, (number | string)[]> = {};
  for (const m of metadata) shapes[m.name] = m.isTensor ? [...m.shape] : [];
  return shapes;
}

function wrapSession(
  session: ort.InferenceSession,
  modelPath: string,
  provider: Provider,
  warnings: string[],
): ModelSession {
  const inputShapes = shapesOf(session.inputMetadata);
  const outputShapes = shapesOf(session.outputMetadata);
  let disposed = false;
  return {
    path: modelPath,
    provider,
    warnings,
    inputNames: [...session.inputNames],
    outputNames: [...session.outputNames],
    inputShapes,
    outputShapes,
    async run(feeds) {
      if (disposed) throw new Error(`Model session for ${modelPath} was disposed.`);
      const ortFeeds: Record<string, ort.Tensor> = {};
      for (const name of session.inputNames) {
        const feed = feeds[name];
        if (!feed)
          throw new Error(
            `Missing input "${name}" for ${path.basename(modelPath)}; expected inputs: ${session.inputNames.join(', ')}.`,
          );
        checkFeed(modelPath, name, feed, inputShapes[name]);
        ortFeeds[name] = toTensor(feed);
      }
      const extra = Object.keys(feeds).filter((n) => !session.inputNames.includes(n));
      if (extra.length > 0) {
        throw new Error(
          `Unknown input ${extra.map((n) => `"${n}"`).join(', ')} for ${path.basename(modelPath)}; expected inputs: ${session.inputNames.join(', ')}.`,
        );
      }
      const results = await session.run(ortFeeds);
      const out: Record<string, NdArray> = {};
      for (const name of session.outputNames) out[name] = fromTensor(modelPath, name, results[name] as ort.Tensor);
      return out;
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await session.release();
    },
  };
}

function toTensor(array: NdArray): ort.Tensor {
  const dims = [...array.dims];
  switch (array.type) {
    case 'float32':
      return new ort.Tensor('float32', array.data as Float32Array, dims);
    case 'float16':
      return new ort.Tensor('float16', array.data as Uint16Array, dims);
    case 'int64':
      return new ort.Tensor('int64', array.data as BigInt64Array, dims);
    case 'int32':
      return new ort.Tensor('int32', array.data as Int32Array, dims);
    case 'uint8':
      return new ort.Tensor('uint8', array.data as Uint8Array, dims);
    case 'bool':
      return new ort.Tensor('bool', array.data as Uint8Array, dims);
  }
}

function fromTensor(modelPath: string, name: string, tensor: ort.Tensor): NdArray {
  const dims = [...tensor.dims];
  const data = tensor.data;
  switch (tensor.type) {
    case 'float32':
    case 'int64':
    case 'int32':
    case 'uint8':
      return { type: tensor.type, data: data as NdArray['data'], dims };
    case 'float16':
      // Runtimes with a native Float16Array hand back that view; keep the raw half bits either way.
      return {
        type: 'float16',
        data:
          data instanceof Uint16Array
            ? data
            : new Uint16Array(
                (data as ArrayBufferView).buffer,
                (data as ArrayBufferView).byteOffset,
                dims.reduce((a, b) => a * b, 1),
              ),
        dims,
      };
    case 'bool':
      return {
        type: 'bool',
        data: data instanceof Uint8Array ? data : Uint8Array.from(data as ArrayLike<number>, Number),
        dims,
      };
    default:
      throw new Error(
        `Output "${name}" of ${path.basename(modelPath)} has type ${tensor.type}, which Posetrail does not read.`,
      );
  }
}
