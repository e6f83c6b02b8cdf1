import type { ModelManifest } from '../models/manifest';

/** Detector strides go up to 32 px: an input side must be a multiple of it. */
export const DETECTOR_INPUT_STEP_PX = 32;
export const MIN_DETECTOR_INPUT_PX = 160;
export const MAX_DETECTOR_INPUT_PX = 2048;

/** Checks a requested square detector input side before any model loads. */
export function checkDetectorInputSize(sizePx: number | undefined): void {
  if (sizePx === undefined) return;
  if (
    !Number.isInteger(sizePx) ||
    sizePx % DETECTOR_INPUT_STEP_PX !== 0 ||
    sizePx < MIN_DETECTOR_INPUT_PX ||
    sizePx > MAX_DETECTOR_INPUT_PX
  ) {
    throw new Error(
      `Invalid detector input size ${sizePx}. Should be a multiple of ${DETECTOR_INPUT_STEP_PX} from ${MIN_DETECTOR_INPUT_PX} to ${MAX_DETECTOR_INPUT_PX}.`,
    );
  }
}

/**
 * The [width, height] the detector runs at: the manifest's, or `requestedPx` square when the
 * model file leaves its spatial dimensions free (RTMDet exports do; the YOLOX file is fixed at
 * 416). A larger input sees small, distant people the default shrinks away, at a cost that grows
 * with its area.
 *
 * @param declaredShape the model file's input shape, NCHW; strings are free dimensions
 */
export function detectorInputSize(
  manifest: ModelManifest,
  declaredShape: readonly (number | string)[] | undefined,
  requestedPx: number | undefined,
): [number, number] {
  if (requestedPx === undefined) return [manifest.input.width, manifest.input.height];
  const height = declaredShape?.[2];
  const width = declaredShape?.[3];
  if (typeof height === 'number' || typeof width === 'number') {
    throw new Error(
      `Model ${manifest.id} takes a fixed ${width ?? manifest.input.width}×${height ?? manifest.input.height} input; a detector input size (--det-size) needs a model that takes any size, such as rtmdet-nano.`,
    );
  }
  return [requestedPx, requestedPx];
}
