/** Messages between the pipeline and the detector's thread (detector-thread.ts, detector-worker.ts). */
import type { Box } from '../../types';
import type { DetectRequest } from '../../detect/detector';
import type { ModelManifest } from '../../models/manifest';
import type { ModelCallTimes } from '../../models/call-times';

export type ToDetectorThread = { kind: 'detect'; id: number; requests: DetectRequest[] } | { kind: 'dispose' };

export type FromDetectorThread =
  | { kind: 'ready'; manifest: ModelManifest; provider: string; inputSize: [number, number] }
  | { kind: 'failed'; message: string }
  | { kind: 'warning'; message: string }
  | { kind: 'boxes'; id: number; boxes: Box[][]; times: ModelCallTimes }
  | { kind: 'error'; id: number; message: string }
  | { kind: 'disposed' };
