import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeOnnxModel, type OnnxGraph } from '../../../core/convert/onnx-writer';
import { createSession } from '../../../core/models/onnx';

describe('writeOnnxModel', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-onnx-writer-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function run(graph: OnnxGraph, input: Float32Array, dims: number[]) {
    const file = path.join(dir, `${graph.name}.onnx`);
    await writeFile(file, writeOnnxModel(graph));
    const session = await createSession(file, { device: 'cpu', threads: 1 });
    try {
      return { session, out: await session.run({ x: { type: 'float32', data: input, dims } }) };
    } finally {
      await session.dispose();
    }
  }

  it('writes a model ONNX Runtime runs: 3×3 conv with bias and padding, relu, nearest ×2 upsample', async () => {
    // A 3×3 "sum of the neighbourhood" conv with bias −4, then ReLU and a nearest ×2 Resize.
    const graph: OnnxGraph = {
      name: 'conv_relu_resize',
      inputs: [{ name: 'x', type: 'float32', shape: ['N', 1, 2, 3] }],
      outputs: [{ name: 'y', type: 'float32', shape: ['N', 1, 4, 6] }],
      initializers: [
        { name: 'w', type: 'float32', dims: [1, 1, 3, 3], data: new Float32Array(9).fill(1) },
        { name: 'b', type: 'float32', dims: [1], data: new Float32Array([-4]) },
        { name: 'scales', type: 'float32', dims: [4], data: new Float32Array([1, 1, 2, 2]) },
      ],
      nodes: [
        {
          opType: 'Conv',
          inputs: ['x', 'w', 'b'],
          outputs: ['c'],
          attributes: { kernel_shape: { ints: [3, 3] }, pads: { ints: [1, 1, 1, 1] } },
        },
        { opType: 'Relu', inputs: ['c'], outputs: ['r'] },
        {
          opType: 'Resize',
          inputs: ['r', '', 'scales'],
          outputs: ['y'],
          attributes: {
            mode: { string: 'nearest' },
            coordinate_transformation_mode: { string: 'asymmetric' },
            nearest_mode: { string: 'floor' },
          },
        },
      ],
      metadata: { purpose: 'test' },
    };
    // x = [[1,2,3],[4,5,6]] → 3×3 sums with zero padding: [[12,21,16],[12,21,16]] → −4, ReLU: [[8,17,12],[8,17,12]]
    const { session, out } = await run(graph, new Float32Array([1, 2, 3, 4, 5, 6]), [1, 1, 2, 3]);
    expect(session.inputShapes.x).toEqual(['N', 1, 2, 3]);
    expect(out.y.dims).toEqual([1, 1, 4, 6]);
    expect([...(out.y.data as Float32Array)].slice(0, 6)).toEqual([8, 8, 17, 17, 12, 12]);
  });

  it('stores float16 initializers as half bits and casts with integer attributes', async () => {
    const graph: OnnxGraph = {
      name: 'half',
      inputs: [{ name: 'x', type: 'float32', shape: [2] }],
      outputs: [{ name: 'y', type: 'float32', shape: [2] }],
      initializers: [{ name: 'k', type: 'float16', dims: [2], data: new Uint16Array([0x3c00, 0xc000]) }], // 1, −2
      nodes: [
        { opType: 'Cast', inputs: ['x'], outputs: ['xh'], attributes: { to: { int: 10 } } },
        { opType: 'Mul', inputs: ['xh', 'k'], outputs: ['yh'] },
        { opType: 'Cast', inputs: ['yh'], outputs: ['y'], attributes: { to: { int: 1 } } },
      ],
    };
    const { out } = await run(graph, new Float32Array([3, 0.25]), [2]);
    expect([...(out.y.data as Float32Array)]).toEqual([3, -0.5]);
  });

  it('rejects graphs that read undefined values or mis-sized initializers, with names', () => {
    const base = {
      inputs: [{ name: 'x', type: 'float32' as const, shape: [1] }],
      outputs: [{ name: 'y', type: 'float32' as const, shape: [1] }],
    };
    expect(() =>
      writeOnnxModel({
        ...base,
        initializers: [],
        nodes: [{ opType: 'Add', name: 'add1', inputs: ['x', 'bias'], outputs: ['y'] }],
      }),
    ).toThrow('Node add1 (Add) reads bias, which no earlier node, input or initializer defines.');
    expect(() =>
      writeOnnxModel({
        ...base,
        initializers: [{ name: 'b', type: 'float32', dims: [2], data: new Float32Array(3) }],
        nodes: [{ opType: 'Add', inputs: ['x', 'b'], outputs: ['y'] }],
      }),
    ).toThrow('Initializer b has 3 values but dims [2] need 2.');
    expect(() => writeOnnxModel({ ...base, initializers: [], nodes: [] })).toThrow('Graph output y is never produced.');
  });
});
