import { describe, expect, it } from 'vitest';
import { BatchOptionsSchema, SettingsSchema } from '../../../core/api/schemas';

const track = {
  detector: 'yolox-nano',
  poseModel: 'simplepose-nano',
  device: 'cpu',
  detIntervalFrames: 1,
  minBoxScore: 0.3,
  minKeypointScore: 0.3,
  flipTest: false,
};
const settings = { defaultDevice: 'cpu', threads: 0, track };
const batch = {
  folder: '/lab/videos',
  outDir: '/lab/poses',
  recursive: false,
  extensions: ['mp4'],
  settings: track,
  format: 'posetrack18',
};

describe('the queue URL at the API boundary', () => {
  it('takes a Redis URL, or an empty one (track on this computer) in Settings', () => {
    expect(SettingsSchema.parse({ ...settings, queueUrl: 'rediss://:pw@queue.lab:6380/2' }).queueUrl).toBe(
      'rediss://:pw@queue.lab:6380/2',
    );
    expect(SettingsSchema.parse({ ...settings, queueUrl: '' }).queueUrl).toBe('');
    expect(BatchOptionsSchema.parse({ ...batch, queueUrl: 'redis://queue.lab:6379' }).queueUrl).toBe(
      'redis://queue.lab:6379',
    );
    expect(BatchOptionsSchema.parse(batch)).not.toHaveProperty('queueUrl');
  });

  it('refuses anything else, saying what it expects', () => {
    const result = SettingsSchema.safeParse({ ...settings, queueUrl: 'http://queue.lab:6379' });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('must be a Redis URL such as redis://host:6379');
    expect(BatchOptionsSchema.safeParse({ ...batch, queueUrl: '' }).success).toBe(false);
  });
});
