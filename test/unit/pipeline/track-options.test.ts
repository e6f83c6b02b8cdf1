import { describe, expect, it } from 'vitest';
import { resolveTrackOptions, trackOptionsFromSettings } from '../../../core/pipeline/track-options';
import { resolveFrameRange } from '../../../core/pipeline/frame-range';
import { DEFAULT_REID_MODEL_ID } from '../../../core/settings/run-defaults';
import { DEFAULT_TRACK_SETTINGS, TrackSettingsSchema } from '../../../core/settings/run-settings';

const base = { detector: 'yolox-nano-416', poseModel: 'simplepose-nano' };

describe('resolveTrackOptions', () => {
  it('fills in the documented defaults', () => {
    expect(resolveTrackOptions(base)).toEqual({
      ...base,
      device: 'auto',
      threads: undefined,
      detIntervalFrames: 1,
      tileIntervalFrames: 3,
      minBoxScore: 0.3,
      minKeypointScore: 0.3,
      flipTest: false,
      startFrame: 0,
      endFrame: undefined,
      stride: 1,
      detectorTiling: 'auto',
      relink: true,
      stitch: true,
      maxGapMs: 3000,
      reidModel: DEFAULT_REID_MODEL_ID,
    });
  });

  it('rejects bad values with a message naming the option', () => {
    expect(() => resolveTrackOptions({ ...base, detIntervalFrames: 0 })).toThrow(
      'Invalid detIntervalFrames 0. Should be an integer from 1 to 10000.',
    );
    expect(() => resolveTrackOptions({ ...base, tileIntervalFrames: 0 })).toThrow(
      'Invalid tileIntervalFrames 0. Should be an integer ≥ 1.',
    );
    expect(() => resolveTrackOptions({ ...base, stride: 1.5 })).toThrow(
      'Invalid stride 1.5. Should be an integer ≥ 1.',
    );
    expect(() => resolveTrackOptions({ ...base, minKeypointScore: 2 })).toThrow(
      'Invalid minKeypointScore 2. Should be a number in [0, 1].',
    );
    expect(() => resolveTrackOptions({ ...base, startFrame: 10, endFrame: 10 })).toThrow(
      'Invalid frame range 10:10. The end frame must be after the start frame.',
    );
    expect(() => resolveTrackOptions({ ...base, threads: 0 })).toThrow(
      'Invalid threads 0. Should be an integer from 1 to 256.',
    );
    expect(() => resolveTrackOptions({ ...base, detector: '' })).toThrow('No detector model given.');
    expect(() => resolveTrackOptions({ ...base, maxGapMs: -1 })).toThrow(
      'Invalid maxGapMs -1. Should be a time in ms from 0 to 600000.',
    );
  });

  it('takes a time span instead of frames, never both for one end', () => {
    expect(resolveTrackOptions({ ...base, startTimeMs: 1500, endTimeMs: 4000 })).toMatchObject({
      startTimeMs: 1500,
      endTimeMs: 4000,
    });
    expect(() => resolveTrackOptions({ ...base, startFrame: 3, startTimeMs: 100 })).toThrow(
      'Give a start frame or a start time, not both.',
    );
    expect(() => resolveTrackOptions({ ...base, endFrame: 30, endTimeMs: 100 })).toThrow(
      'Give an end frame or an end time, not both.',
    );
    expect(() => resolveTrackOptions({ ...base, startTimeMs: -5 })).toThrow(
      'Invalid startTimeMs -5. Should be a time in ms ≥ 0.',
    );
    expect(() => resolveTrackOptions({ ...base, startTimeMs: 2000, endTimeMs: 2000 })).toThrow(
      'Invalid time span 2000–2000 ms. The end must be after the start.',
    );
  });

  it('maps the app settings onto the run options', () => {
    const options = trackOptionsFromSettings({ ...DEFAULT_TRACK_SETTINGS, detIntervalFrames: 3, threads: 2 });
    expect(options).toMatchObject({
      detector: 'yolox-nano',
      poseModel: 'rtmpose-m-coco-256x192',
      detIntervalFrames: 3,
      threads: 2,
      detectorTiling: 'auto',
    });
    expect(trackOptionsFromSettings({ ...DEFAULT_TRACK_SETTINGS, detectorTiling: 'off' }).detectorTiling).toBe('off');
    const { detectorTiling: _absent, ...saved } = DEFAULT_TRACK_SETTINGS;
    expect(trackOptionsFromSettings(TrackSettingsSchema.parse(saved)).detectorTiling).toBe('auto');
  });

  it('takes the input size remembered for the chosen detector only', () => {
    const sizes = { 'rtmdet-nano': 640 };
    expect(
      trackOptionsFromSettings({ ...DEFAULT_TRACK_SETTINGS, detector: 'rtmdet-nano', detectorInputSizes: sizes })
        .detectorInputSizePx,
    ).toBe(640);
    expect(
      trackOptionsFromSettings({ ...DEFAULT_TRACK_SETTINGS, detector: 'yolox-nano', detectorInputSizes: sizes }),
    ).not.toHaveProperty('detectorInputSizePx');
    expect(() => resolveTrackOptions({ detector: 'rtmdet-nano', poseModel: 'p', detectorInputSizePx: 500 })).toThrow(
      'Invalid detector input size 500.',
    );
  });

  it('carries a re-ID model from the command line and the settings to the run, the default one unless "none"', async () => {
    const { Command } = await import('commander');
    const { addTrackSettingsOptions, trackSettingsFromCli } = await import('../../../hosts/cli/options');
    const command = addTrackSettingsOptions(new Command()).exitOverride();
    command.parse(['--reid-model', 'osnet-x0-25-msmt17'], { from: 'user' });
    const settings = trackSettingsFromCli(command.opts() as Parameters<typeof trackSettingsFromCli>[0]);
    expect(settings.reidModel).toBe('osnet-x0-25-msmt17');
    expect(resolveTrackOptions(trackOptionsFromSettings(settings)).reidModel).toBe('osnet-x0-25-msmt17');
    expect(resolveTrackOptions(trackOptionsFromSettings(DEFAULT_TRACK_SETTINGS)).reidModel).toBe(DEFAULT_REID_MODEL_ID);
    command.parse(['--reid-model', 'none'], { from: 'user' });
    const colours = trackSettingsFromCli(command.opts() as Parameters<typeof trackSettingsFromCli>[0]);
    expect(resolveTrackOptions(trackOptionsFromSettings(colours))).not.toHaveProperty('reidModel');
    // Without re-linking and stitching nothing would use it.
    expect(
      resolveTrackOptions(trackOptionsFromSettings({ ...DEFAULT_TRACK_SETTINGS, relink: false, stitch: false })),
    ).not.toHaveProperty('reidModel');
    // The run API takes the same default model, and compares colours when told 'none'.
    expect(resolveTrackOptions({ detector: 'd', poseModel: 'p' }).reidModel).toBe(DEFAULT_REID_MODEL_ID);
    expect(resolveTrackOptions({ detector: 'd', poseModel: 'p', reidModel: 'none' })).not.toHaveProperty('reidModel');
  });
});

describe('resolveFrameRange', () => {
  it('counts the visited frames with a stride and clamps the end to the video', () => {
    expect(resolveFrameRange(230, { startFrame: 0, stride: 1 }, 'v.mp4')).toEqual({
      startFrame: 0,
      endFrame: 230,
      stride: 1,
      count: 230,
    });
    expect(resolveFrameRange(230, { startFrame: 10, endFrame: 21, stride: 5 }, 'v.mp4').count).toBe(3);
    expect(resolveFrameRange(230, { startFrame: 200, endFrame: 1000, stride: 1 }, 'v.mp4')).toMatchObject({
      endFrame: 230,
      count: 30,
    });
  });

  it('names the video when the start is past its end', () => {
    expect(() => resolveFrameRange(230, { startFrame: 230, stride: 1 }, '/data/v.mp4')).toThrow(
      'Start frame 230 is past the end of /data/v.mp4 (230 frames).',
    );
  });
});
