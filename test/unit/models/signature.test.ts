import { describe, expect, it } from 'vitest';
import { getManifest } from '../../../core/models/registry';
import {
  expectedInputShape,
  expectedOutputShapes,
  signatureProblems,
  yoloxAnchorCount,
  type ModelSignature,
} from '../../../core/models/signature';

const simplepose: ModelSignature = {
  inputNames: ['data'],
  outputNames: ['hybridsequential0_conv7_fwd'],
  inputShapes: { data: [1, 3, 256, 192] },
  outputShapes: { hybridsequential0_conv7_fwd: [1, 17, 64, 48] },
};

describe('yoloxAnchorCount', () => {
  it('counts one row per cell on strides 8, 16 and 32', () => {
    expect(yoloxAnchorCount(416, 416)).toBe(52 * 52 + 26 * 26 + 13 * 13);
    expect(yoloxAnchorCount(640, 640)).toBe(8400);
    expect(yoloxAnchorCount(640, 384)).toBe(80 * 48 + 40 * 24 + 20 * 12);
  });
});

describe('signatureProblems', () => {
  it('accepts the real layouts of the shared models', () => {
    expect(signatureProblems(getManifest('simplepose-nano'), simplepose)).toEqual([]);
    const rtmdet: ModelSignature = {
      inputNames: ['input'],
      outputNames: ['dets', 'labels'],
      inputShapes: { input: ['batch', 3, 'height', 'width'] },
      outputShapes: { dets: ['batch', 'num_dets', 'Reshapedets_dim_2'], labels: ['batch', 'num_dets'] },
    };
    expect(signatureProblems(getManifest('rtmdet-nano'), rtmdet)).toEqual([]);
    const yolox: ModelSignature = {
      inputNames: ['images'],
      outputNames: ['output'],
      inputShapes: { images: [1, 3, 416, 416] },
      outputShapes: { output: [1, 3549, 85] },
    };
    expect(signatureProblems(getManifest('yolox-nano-416'), yolox)).toEqual([]);
  });

  it('derives expected shapes with height before width', () => {
    const m = getManifest('hrnet-w48-coco-384x288');
    expect(expectedInputShape(m)).toEqual(['?', 3, 384, 288]);
    expect(expectedOutputShapes(m)).toEqual({ heatmaps: ['?', 17, 96, 72] });
  });

  it('expects RTMPose x vectors of 2 bins per input column and y vectors of 2 per row', () => {
    const m = getManifest('rtmpose-l-coco-384x288');
    expect(expectedOutputShapes(m)).toEqual({ simcc_x: ['?', 17, 576], simcc_y: ['?', 17, 768] });
    const converted: ModelSignature = {
      inputNames: ['input'],
      outputNames: ['simcc_x', 'simcc_y'],
      inputShapes: { input: ['N', 3, 384, 288] },
      outputShapes: { simcc_x: ['N', 17, 576], simcc_y: ['N', 17, 768] },
    };
    expect(signatureProblems(m, converted)).toEqual([]);
    // The 256×192 model's file under the 384×288 id: its vectors are too short.
    const smaller = {
      ...converted,
      inputShapes: { input: ['N', 3, 256, 192] },
      outputShapes: { simcc_x: ['N', 17, 384], simcc_y: ['N', 17, 512] },
    };
    expect(signatureProblems(m, smaller)).toEqual([
      'input "input" has shape [N,3,256,192], expected [?,3,384,288]',
      'output "simcc_x" has shape [N,17,384], expected [?,17,576]',
      'output "simcc_y" has shape [N,17,512], expected [?,17,768]',
    ]);
  });

  it('names expected and actual shapes when a heatmap model has another size', () => {
    const swapped = {
      ...simplepose,
      inputShapes: { data: [1, 3, 192, 256] },
      outputShapes: { hybridsequential0_conv7_fwd: [1, 17, 48, 64] },
    };
    expect(signatureProblems(getManifest('simplepose-nano'), swapped)).toEqual([
      'input "data" has shape [1,3,192,256], expected [1,3,256,192]',
      'output "hybridsequential0_conv7_fwd" has shape [1,17,48,64], expected [1,17,64,48]',
    ]);
  });

  it('reports missing names with what the file has instead', () => {
    const problems = signatureProblems(getManifest('hrnet-w32-coco-256x192'), simplepose);
    expect(problems[0]).toBe('input "input" [?,3,256,192] is missing (the file has "data" [1,3,256,192])');
    expect(problems).toContain('unexpected extra inputs "data" [1,3,256,192]');
    expect(problems).toContain(
      'output "heatmaps" [?,17,64,48] is missing (the file has "hybridsequential0_conv7_fwd" [1,17,64,48])',
    );
  });

  it('catches a YOLOX file exported for another input size and a wrong output count', () => {
    const yolox640: ModelSignature = {
      inputNames: ['images'],
      outputNames: ['output', 'extra'],
      inputShapes: { images: [1, 3, 640, 640] },
      outputShapes: { output: [1, 8400, 85], extra: [1] },
    };
    expect(signatureProblems(getManifest('yolox-nano'), yolox640)).toEqual([
      'input "images" has shape [1,3,640,640], expected [1,3,416,416]',
      'output "output" has shape [1,8400,85], expected [1,3549,?]',
      'the file has 2 outputs, expected 1 (output)',
    ]);
  });
});
