import { describe, expect, it } from 'vitest';
import { downloadUrl } from '../../../core/models/install';

const PUBLISHER = 'https://download.openmmlab.com/mmpose/top_down/hrnet/hrnet_w48_coco_384x288-314c8528_20200708.pth';

describe('downloadUrl', () => {
  it("is the publisher's URL without a mirror", () => {
    expect(downloadUrl(PUBLISHER, {})).toBe(PUBLISHER);
    expect(downloadUrl(PUBLISHER, { POSETRAIL_MODEL_MIRROR: '  ' })).toBe(PUBLISHER);
  });

  it('is the file of the same name under the mirror, with or without a trailing slash', () => {
    const expected = 'http://models.lab.internal/posetrail/hrnet_w48_coco_384x288-314c8528_20200708.pth';
    expect(downloadUrl(PUBLISHER, { POSETRAIL_MODEL_MIRROR: 'http://models.lab.internal/posetrail' })).toBe(expected);
    expect(downloadUrl(PUBLISHER, { POSETRAIL_MODEL_MIRROR: 'http://models.lab.internal/posetrail/' })).toBe(expected);
  });

  it('names the variable when the mirror is not an http(s) address', () => {
    expect(() => downloadUrl(PUBLISHER, { POSETRAIL_MODEL_MIRROR: 'models.lab.internal' })).toThrow(
      'POSETRAIL_MODEL_MIRROR is not an http(s) address: "models.lab.internal". Set it to the base address of a folder holding the model files, such as http://models.lab.internal/posetrail/ (for a local folder of .onnx files use POSETRAIL_MODEL_PATH).',
    );
    expect(() => downloadUrl(PUBLISHER, { POSETRAIL_MODEL_MIRROR: 'file:///srv/models' })).toThrow(
      /is not an http\(s\) address: "file:\/\/\/srv\/models"/,
    );
  });
});
