/** The speed calibration's network: dense convolutions whose multiply-accumulates are known exactly. */
import { writeOnnxModel, type OnnxInitializer, type OnnxNode } from '../convert/onnx-writer';
import { seededRandom } from '../util/random';

/** A stack of same-size convolutions (+ReLU): `layers` k×k convs, channels → channels, on height×width. */
export interface ConvStack {
  channels: number;
  height: number;
  width: number;
  layers: number;
  kernel: number;
}

/** The calibration network: 4 dense 3×3 convolutions of 64 channels at 56×56. */
export const CALIBRATION_NET: Readonly<ConvStack> = { channels: 64, height: 56, width: 56, layers: 4, kernel: 3 };
const WEIGHT_SEED = 7;

/** Exact multiply-accumulates of one calibration image: layers × C_out × C_in × k² × H × W. */
export function calibrationMacs(net: Readonly<ConvStack> = CALIBRATION_NET): number {
  return net.layers * net.channels * net.channels * net.kernel * net.kernel * net.height * net.width;
}

/** The calibration model as ONNX bytes: seeded weights of scale 1/√fan_in keep activations finite. */
export function buildCalibrationModel(net: Readonly<ConvStack> = CALIBRATION_NET): Uint8Array {
  const random = seededRandom(WEIGHT_SEED);
  const { channels: c, kernel: k } = net;
  const bound = Math.sqrt(3 / (c * k * k));
  const nodes: OnnxNode[] = [];
  const initializers: OnnxInitializer[] = [];
  let current = 'input';
  for (let layer = 0; layer < net.layers; layer++) {
    const weight = Float32Array.from({ length: c * c * k * k }, () => (2 * random() - 1) * bound);
    initializers.push({ name: `conv${layer}.weight`, type: 'float32', dims: [c, c, k, k], data: weight });
    initializers.push({ name: `conv${layer}.bias`, type: 'float32', dims: [c], data: new Float32Array(c) });
    const pad = (k - 1) / 2;
    const attributes = {
      kernel_shape: { ints: [k, k] },
      pads: { ints: [pad, pad, pad, pad] },
      strides: { ints: [1, 1] },
    };
    nodes.push({
      opType: 'Conv',
      inputs: [current, `conv${layer}.weight`, `conv${layer}.bias`],
      outputs: [`conv${layer}`],
      attributes,
    });
    nodes.push({ opType: 'Relu', inputs: [`conv${layer}`], outputs: [`relu${layer}`] });
    current = `relu${layer}`;
  }
  const shape = ['N', c, net.height, net.width];
  return writeOnnxModel({
    name: 'posetrail-speed-calibration',
    inputs: [{ name: 'input', type: 'float32', shape }],
    outputs: [{ name: current, type: 'float32', shape }],
    nodes,
    initializers,
  });
}
