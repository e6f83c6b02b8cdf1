/**
 * Collects the nodes and initializers of an ONNX graph as a network is walked: float weights are
 * stored as float32 or (for GPU providers) float16, shape and index constants as int64.
 */
import { float32ToFloat16 } from './float16';
import type { OnnxInitializer, OnnxNode } from './onnx-writer';

/** A checkpoint tensor by its state-dict name, as float32. */
export type WeightLookup = (name: string) => Float32Array;

export class GraphEmitter {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxInitializer[] = [];
  private readonly named = new Set<string>();

  constructor(readonly float16: boolean) {}

  /** A float tensor that takes part in the computation (float16 in float16 mode). */
  weight(name: string, dims: number[], data: Float32Array): string {
    this.initializers.push(
      this.float16
        ? { name, type: 'float16', dims, data: float32ToFloat16(data) }
        : { name, type: 'float32', dims, data },
    );
    return name;
  }

  /** A float scalar or vector shared by every node that names it (created once). */
  constant(name: string, dims: number[], values: number[]): string {
    if (!this.named.has(name)) {
      this.named.add(name);
      this.weight(name, dims, Float32Array.from(values));
    }
    return name;
  }

  /** A float32 tensor whatever the mode (Resize's scales). */
  float32Constant(name: string, dims: number[], values: number[]): string {
    if (!this.named.has(name)) {
      this.named.add(name);
      this.initializers.push({ name, type: 'float32', dims, data: Float32Array.from(values) });
    }
    return name;
  }

  /** An int64 vector (Reshape shapes, Split sizes), created once per name. */
  int64Constant(name: string, values: number[]): string {
    if (!this.named.has(name)) {
      this.named.add(name);
      this.initializers.push({
        name,
        type: 'int64',
        dims: [values.length],
        data: BigInt64Array.from(values.map(BigInt)),
      });
    }
    return name;
  }

  node(opType: string, name: string, inputs: string[], output: string, attributes?: OnnxNode['attributes']): string {
    this.nodes.push({ opType, name, inputs, outputs: [output], attributes });
    return output;
  }

  /** A node with several outputs (Split). */
  multiNode(
    opType: string,
    name: string,
    inputs: string[],
    outputs: string[],
    attributes?: OnnxNode['attributes'],
  ): string[] {
    this.nodes.push({ opType, name, inputs, outputs, attributes });
    return outputs;
  }
}
