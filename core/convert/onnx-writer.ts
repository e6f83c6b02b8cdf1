/**
 * Writes ONNX models from a plain description — no Python, no onnx package.
 *
 * Usage (a one-node model):
 *   const bytes = writeOnnxModel({
 *     inputs: [{ name: 'x', type: 'float32', shape: ['N', 3] }],
 *     outputs: [{ name: 'y', type: 'float32', shape: ['N', 3] }],
 *     initializers: [{ name: 'b', type: 'float32', dims: [3], data: new Float32Array([1, 2, 3]) }],
 *     nodes: [{ opType: 'Add', inputs: ['x', 'b'], outputs: ['y'] }],
 *   });
 * Attributes are tagged so ints and floats cannot be confused: `{ kernel_shape: { ints: [3, 3] },
 * epsilon: { float: 1e-5 }, mode: { string: 'nearest' }, to: { int: 10 } }`. String dims are
 * symbolic (dynamic) dimensions.
 */
import { ONNX_ATTRIBUTE_TYPE, ONNX_DATA_TYPE, onnxModelType } from './onnx-proto';

export type OnnxElementType = keyof typeof ONNX_DATA_TYPE;

export type OnnxAttribute =
  | { int: number }
  | { float: number }
  | { string: string }
  | { ints: number[] }
  | { floats: number[] };

export interface OnnxNode {
  opType: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  attributes?: Record<string, OnnxAttribute>;
}

export interface OnnxInitializer {
  name: string;
  type: OnnxElementType;
  dims: number[];
  /** Raw little-endian elements; float16 as half bits (Uint16Array). */
  data: Float32Array | Uint16Array | BigInt64Array | Int32Array | Uint8Array | Float64Array;
}

export interface OnnxValueInfo {
  name: string;
  type: OnnxElementType;
  /** Numbers are fixed sizes; strings are named dynamic dimensions ('N'). */
  shape: (number | string)[];
}

export interface OnnxGraph {
  name?: string;
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  nodes: OnnxNode[];
  initializers: OnnxInitializer[];
  /** Default-domain opset; default 13. */
  opsetVersion?: number;
  producerName?: string;
  producerVersion?: string;
  docString?: string;
  /** Free-form key/value pairs stored in the model (architecture, source checkpoint, …). */
  metadata?: Record<string, string>;
}

export const DEFAULT_OPSET = 13;

/** Smallest IR version that can carry each opset (onnx/helper.py VERSION_TABLE). */
function irVersionFor(opset: number): number {
  if (opset <= 8) return 3;
  if (opset <= 10) return 5;
  if (opset <= 12) return 7;
  if (opset <= 14) return 7;
  if (opset <= 18) return 8;
  if (opset <= 21) return 9;
  return 10;
}

function encodeAttribute(name: string, value: OnnxAttribute): Record<string, unknown> {
  if ('int' in value) return { name, type: ONNX_ATTRIBUTE_TYPE.INT, i: value.int };
  if ('float' in value) return { name, type: ONNX_ATTRIBUTE_TYPE.FLOAT, f: value.float };
  if ('string' in value) return { name, type: ONNX_ATTRIBUTE_TYPE.STRING, s: new TextEncoder().encode(value.string) };
  if ('ints' in value) return { name, type: ONNX_ATTRIBUTE_TYPE.INTS, ints: value.ints };
  return { name, type: ONNX_ATTRIBUTE_TYPE.FLOATS, floats: value.floats };
}

function encodeValueInfo(info: OnnxValueInfo): Record<string, unknown> {
  const dim = info.shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name: info.name, type: { tensorType: { elemType: ONNX_DATA_TYPE[info.type], shape: { dim } } } };
}

function encodeInitializer(tensor: OnnxInitializer): Record<string, unknown> {
  const count = tensor.dims.reduce((a, b) => a * b, 1);
  if (tensor.data.length !== count) {
    throw new Error(
      `Initializer ${tensor.name} has ${tensor.data.length} values but dims [${tensor.dims.join(',')}] need ${count}.`,
    );
  }
  const { buffer, byteOffset, byteLength } = tensor.data;
  // raw_data is little-endian, as typed arrays are on every platform Node supports.
  return {
    name: tensor.name,
    dims: tensor.dims,
    dataType: ONNX_DATA_TYPE[tensor.type],
    rawData: new Uint8Array(buffer, byteOffset, byteLength),
  };
}

/** Fails early, with names, on graphs ONNX Runtime would reject with a less helpful message. */
function checkGraph(graph: OnnxGraph): void {
  const defined = new Set<string>(['', ...graph.inputs.map((i) => i.name), ...graph.initializers.map((i) => i.name)]);
  for (const [index, node] of graph.nodes.entries()) {
    for (const input of node.inputs) {
      if (!defined.has(input))
        throw new Error(
          `Node ${node.name ?? index} (${node.opType}) reads ${input}, which no earlier node, input or initializer defines.`,
        );
    }
    for (const output of node.outputs) defined.add(output);
  }
  for (const output of graph.outputs)
    if (!defined.has(output.name)) throw new Error(`Graph output ${output.name} is never produced.`);
}

/** Serialises `graph` as an ONNX ModelProto. */
export function writeOnnxModel(graph: OnnxGraph): Uint8Array {
  checkGraph(graph);
  const opset = graph.opsetVersion ?? DEFAULT_OPSET;
  const model = {
    irVersion: irVersionFor(opset),
    opsetImport: [{ domain: '', version: opset }],
    producerName: graph.producerName ?? 'posetrail',
    producerVersion: graph.producerVersion ?? '',
    docString: graph.docString ?? '',
    metadataProps: Object.entries(graph.metadata ?? {}).map(([key, value]) => ({ key, value })),
    graph: {
      name: graph.name ?? 'graph',
      node: graph.nodes.map((node, index) => ({
        name: node.name ?? `${node.opType}_${index}`,
        opType: node.opType,
        input: node.inputs,
        output: node.outputs,
        attribute: Object.entries(node.attributes ?? {}).map(([name, value]) => encodeAttribute(name, value)),
      })),
      initializer: graph.initializers.map(encodeInitializer),
      input: graph.inputs.map(encodeValueInfo),
      output: graph.outputs.map(encodeValueInfo),
    },
  };
  return onnxModelType().encode(model).finish();
}
