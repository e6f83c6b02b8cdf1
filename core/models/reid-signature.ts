/**
 * Person re-ID models are exported in many ways from the same weights: the input may be called
 * `input` or `images`, the batch fixed (Kornia's OSNet file: 16) or free, the crop 256×128 or
 * another size, channels first or last. So a re-ID model's input and output are read from the
 * file itself, and its manifest keeps only what the file cannot say (normalisation, colour order).
 */
import type { ModelManifest } from './manifest';
import type { ModelSignature } from './signature';
import { formatShape } from './signature';

const CHANNELS = 3;

/**
 * The manifest with input name, height, width, layout and batch, and output name and embedding
 * size, as `file` declares them. Throws, naming the file, when it is no single-image embedding
 * model: one 4-D input with 3 channels first or last, one 2-D output.
 */
export function reidManifestFromFile(manifest: ModelManifest, signature: ModelSignature, file: string): ModelManifest {
  const fail = (why: string) =>
    new Error(`Model ${manifest.id} (${file}) is not a person re-ID model Posetrail can feed: ${why}.`);
  if (signature.inputNames.length !== 1)
    throw fail(`it has ${signature.inputNames.length} inputs, one image batch expected`);
  if (signature.outputNames.length !== 1)
    throw fail(`it has ${signature.outputNames.length} outputs, one embedding per crop expected`);
  const inputName = signature.inputNames[0];
  const outputName = signature.outputNames[0];
  const inShape = signature.inputShapes[inputName] ?? [];
  const outShape = signature.outputShapes[outputName] ?? [];
  if (inShape.length !== 4)
    throw fail(
      `input "${inputName}" has shape ${formatShape(inShape)}, [batch,3,height,width] or [batch,height,width,3] expected`,
    );
  if (outShape.length !== 2)
    throw fail(`output "${outputName}" has shape ${formatShape(outShape)}, [batch,size] expected`);
  const layout = inShape[1] === CHANNELS ? 'NCHW' : inShape[3] === CHANNELS ? 'NHWC' : null;
  if (!layout)
    throw fail(`input "${inputName}" ${formatShape(inShape)} has no axis of 3 colour channels second or last`);
  const [heightDim, widthDim] = layout === 'NCHW' ? [inShape[2], inShape[3]] : [inShape[1], inShape[2]];
  const embeddingSize = typeof outShape[1] === 'number' ? outShape[1] : manifest.output.embeddingSize;
  if (!embeddingSize)
    throw fail(
      `output "${outputName}" ${formatShape(outShape)} does not fix the embedding size and the manifest gives none`,
    );
  return {
    ...manifest,
    input: {
      ...manifest.input,
      name: inputName,
      layout,
      // A file that leaves the crop size free is fed the manifest's.
      height: typeof heightDim === 'number' ? heightDim : manifest.input.height,
      width: typeof widthDim === 'number' ? widthDim : manifest.input.width,
      batch: typeof inShape[0] === 'number' ? inShape[0] : 'dynamic',
    },
    output: { ...manifest.output, names: [outputName], embeddingSize },
  };
}
