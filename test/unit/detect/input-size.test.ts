import { describe, expect, it } from 'vitest';
import { checkDetectorInputSize, detectorInputSize } from '../../../core/detect/input-size';
import { resolveDetectorOptions } from '../../../core/detect/options';
import type { ModelManifest } from '../../../core/models/manifest';

const manifest = (id: string, width: number, height: number) =>
  ({ id, input: { width, height } }) as unknown as ModelManifest;

describe('detector input size', () => {
  it('keeps the manifest size unless asked, and takes a square side when the file leaves H and W free', () => {
    expect(detectorInputSize(manifest('rtmdet-nano', 320, 320), ['batch', 3, 'height', 'width'], undefined)).toEqual([
      320, 320,
    ]);
    expect(detectorInputSize(manifest('rtmdet-nano', 320, 320), ['batch', 3, 'height', 'width'], 640)).toEqual([
      640, 640,
    ]);
  });

  it('refuses a size for a model fixed at its input size, naming the model and its size', () => {
    expect(() => detectorInputSize(manifest('yolox-nano-416', 416, 416), [1, 3, 416, 416], 640)).toThrow(
      'Model yolox-nano-416 takes a fixed 416×416 input; a detector input size (--det-size) needs a model that takes any size, such as rtmdet-nano.',
    );
  });

  it('accepts multiples of 32 from 160 to 2048 only, before any model loads', () => {
    expect(() => checkDetectorInputSize(640)).not.toThrow();
    for (const bad of [600, 128, 4096, 640.5, NaN])
      expect(() => checkDetectorInputSize(bad)).toThrow(`Invalid detector input size ${bad}.`);
    expect(() => resolveDetectorOptions({ model: 'rtmdet-nano', inputSizePx: 500 })).toThrow(
      'Invalid detector input size 500. Should be a multiple of 32 from 160 to 2048.',
    );
    expect(resolveDetectorOptions({ model: 'rtmdet-nano', inputSizePx: 640 }).inputSizePx).toBe(640);
  });
});

describe('input size choices in the model list', () => {
  it('offers RTMDet (any size) at its own 320 first, and nothing for the fixed YOLOX file', async () => {
    const { listModelEntries } = await import('../../../core/models/store');
    const entries = await listModelEntries();
    expect(entries.find((m) => m.id === 'rtmdet-nano')?.inputSizeChoices).toEqual([320, 480, 640, 800]);
    expect(entries.find((m) => m.id === 'yolox-nano-416')).not.toHaveProperty('inputSizeChoices');
  });
});
