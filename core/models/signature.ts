/**
 * Checks a model file's declared inputs and outputs against its manifest before anything runs, so a
 * wrong file (other input size, other keypoint count, other detector head) fails with a message that
 * names the model and both shapes instead of producing garbage or a native error mid-video.
 */
import { getSchema } from '../keypoints/schema';
import { simccBins, type ModelManifest } from './manifest';

/** What a session says about itself: names and declared shapes (numbers fixed, strings symbolic). */
export interface ModelSignature {
  inputNames: readonly string[];
  outputNames: readonly string[];
  inputShapes: Record<string, (number | string)[]>;
  outputShapes: Record<string, (number | string)[]>;
}

/** A dim the manifest does not pin down (batch of a dynamic model, detection count, …). */
export const ANY_DIM = '?';
export type ExpectedDim = number | typeof ANY_DIM;

/** Feature-map strides of the YOLOX heads, finest first: one output row per grid cell of each, in this order. */
export const YOLOX_STRIDES = [8, 16, 32] as const;
/** x, y, w, h, objectness, then one score per class. */
const YOLOX_BOX_FIELDS = 5;
/** x1, y1, x2, y2, score. */
const RTMDET_DET_FIELDS = 5;

export function yoloxAnchorCount(inputWidth: number, inputHeight: number): number {
  return YOLOX_STRIDES.reduce((sum, s) => sum + Math.ceil(inputWidth / s) * Math.ceil(inputHeight / s), 0);
}

export function expectedInputShape(manifest: ModelManifest): ExpectedDim[] {
  const { batch, height, width, layout } = manifest.input;
  const batchDim = batch === 'dynamic' ? ANY_DIM : batch;
  // RTMDet-style models take any size; the manifest's size is what we feed, not what the file fixes.
  return layout === 'NHWC' ? [batchDim, height, width, 3] : [batchDim, 3, height, width];
}

/** Expected output shapes by output name, in the manifest's order. */
export function expectedOutputShapes(manifest: ModelManifest): Record<string, ExpectedDim[]> {
  const { output, input } = manifest;
  const batch: ExpectedDim = input.batch === 'dynamic' ? ANY_DIM : input.batch;
  const names = output.names;
  switch (output.decoder) {
    case 'heatmap': {
      const [hmWidth, hmHeight]: ExpectedDim[] = output.heatmapSize ?? [ANY_DIM, ANY_DIM];
      const keypoints = getSchema(manifest.keypointSchema ?? 'coco17').names.length;
      return { [names[0]]: [batch, keypoints, hmHeight, hmWidth] };
    }
    case 'simcc': {
      const keypoints = getSchema(manifest.keypointSchema ?? 'coco17').names.length;
      const [xBins, yBins] = simccBins(manifest);
      return { [names[0]]: [batch, keypoints, xBins], [names[1]]: [batch, keypoints, yBins] };
    }
    case 'yolox':
      return { [names[0]]: [batch, yoloxAnchorCount(input.width, input.height), ANY_DIM] };
    case 'rtmdet':
      return { [names[0]]: [batch, ANY_DIM, RTMDET_DET_FIELDS], ...(names[1] ? { [names[1]]: [batch, ANY_DIM] } : {}) };
    case 'embedding':
      return { [names[0]]: [batch, output.embeddingSize ?? ANY_DIM] };
  }
}

export function formatShape(shape: readonly (number | string)[]): string {
  return `[${shape.join(',')}]`;
}

/** A fixed dim in the file must equal a fixed dim in the manifest; symbolic dims match anything. */
function shapeMatches(expected: readonly ExpectedDim[], actual: readonly (number | string)[]): boolean {
  if (expected.length !== actual.length) return false;
  return expected.every((e, i) => e === ANY_DIM || typeof actual[i] !== 'number' || actual[i] === e);
}

/** Every way `signature` disagrees with `manifest`, as sentences; empty when it fits. */
export function signatureProblems(manifest: ModelManifest, signature: ModelSignature): string[] {
  const problems: string[] = [];
  const inputName = manifest.input.name;
  const expectedIn = expectedInputShape(manifest);
  if (!signature.inputNames.includes(inputName)) {
    problems.push(
      `input "${inputName}" ${formatShape(expectedIn)} is missing (the file has ${describe(signature.inputNames, signature.inputShapes)})`,
    );
  } else if (!shapeMatches(expectedIn, signature.inputShapes[inputName] ?? [])) {
    problems.push(
      `input "${inputName}" has shape ${formatShape(signature.inputShapes[inputName] ?? [])}, expected ${formatShape(expectedIn)}`,
    );
  }
  const extraInputs = signature.inputNames.filter((n) => n !== inputName);
  if (extraInputs.length > 0) problems.push(`unexpected extra inputs ${describe(extraInputs, signature.inputShapes)}`);
  if (manifest.output.decoder === 'yolox') {
    const shape = signature.outputShapes[manifest.output.names[0]];
    const last = shape?.[2];
    if (typeof last === 'number' && last < YOLOX_BOX_FIELDS + 1) {
      problems.push(
        `output "${manifest.output.names[0]}" has ${last} values per anchor, expected ${YOLOX_BOX_FIELDS} box fields plus class scores`,
      );
    }
  }
  for (const [name, expected] of Object.entries(expectedOutputShapes(manifest))) {
    const actual = signature.outputShapes[name];
    if (!signature.outputNames.includes(name) || !actual) {
      problems.push(
        `output "${name}" ${formatShape(expected)} is missing (the file has ${describe(signature.outputNames, signature.outputShapes)})`,
      );
    } else if (!shapeMatches(expected, actual)) {
      problems.push(`output "${name}" has shape ${formatShape(actual)}, expected ${formatShape(expected)}`);
    }
  }
  if (signature.outputNames.length !== manifest.output.names.length) {
    problems.push(
      `the file has ${signature.outputNames.length} outputs, expected ${manifest.output.names.length} (${manifest.output.names.join(', ')})`,
    );
  }
  return problems;
}

function describe(names: readonly string[], shapes: Record<string, (number | string)[]>): string {
  if (names.length === 0) return 'none';
  return names.map((n) => `"${n}" ${formatShape(shapes[n] ?? [])}`).join(', ');
}

/** Throws one error naming the model, its file and every mismatch. */
export function assertSignature(manifest: ModelManifest, signature: ModelSignature, file: string): void {
  const problems = signatureProblems(manifest, signature);
  if (problems.length > 0) {
    throw new Error(`Model ${manifest.id} (${file}) does not match its manifest: ${problems.join('; ')}.`);
  }
}
