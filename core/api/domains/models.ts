import type { ExecutionDevice } from '../../types';

export interface ModelEntry {
  id: string;
  name: string;
  task: 'person-detector' | 'pose-topdown-heatmap' | 'person-reid';
  installed: boolean;
  path: string | null;
  sizeBytes: number | null;
  /** Can be fetched by the app (false for local-import-only models). */
  downloadable: boolean;
  description: string;
  /** Size of the published file a download fetches; null when the publisher states none (known after download). */
  downloadSizeBytes: number | null;
  paramsMillions: number | null;
  /** Multiply-accumulates per inference ÷ 1e9, as the model's paper reports "GFLOPs". */
  gflops: number | null;
  /** Model-call throughput estimated from this machine's calibration; null until one exists for the device. */
  expectedRate: ExpectedRate | null;
  /** Detectors that take any input size: the square sides (px) to offer, the default first. */
  inputSizeChoices?: number[];
}

export interface ExpectedRate {
  /** Frames per second for detectors, persons (pose boxes) per second for pose models. */
  perSecond: number;
  unit: 'frames' | 'persons';
  /** The execution provider the calibration ran on ('cpu', 'webgpu', …). */
  device: string;
}

export interface ModelsApi {
  list(): Promise<ModelEntry[]>;
  download(modelId: string): Promise<void>;
  /** Whether these models' download servers answer now (false offline): the app then picks installed models before starting. */
  canFetch(modelIds: string[]): Promise<boolean>;
  import(filePath: string, modelId: string): Promise<ModelEntry>;
  /** Measures this machine on `device` (refreshing the cached calibration) and lists the models with their expected speed. */
  estimateSpeed(device: ExecutionDevice): Promise<ModelEntry[]>;
}
