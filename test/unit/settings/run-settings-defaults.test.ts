import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { ModelEntry } from '../../../core/api/pose-api';
import { register as registerBatch } from '../../../hosts/cli/commands/batch';
import { register as registerTrack } from '../../../hosts/cli/commands/track';
import { trackSettingsFromCli, type TrackSettingsCliOptions } from '../../../hosts/cli/options';
import { resolveTrackOptions, trackOptionsFromSettings } from '../../../core/pipeline/track-options';
import { SettingsSchema } from '../../../core/api/schemas';
import {
  DEFAULT_TRACK_SETTINGS,
  RUN_SETTINGS_DEFAULTS,
  RunSettingsSchema,
  TrackSettingsSchema,
} from '../../../core/settings/run-settings';
import { initialTrackForm } from '../../../renderer/src/lib/track-form';

const defaults = RUN_SETTINGS_DEFAULTS;

function commandOpts(register: (program: Command) => void, name: string): Record<string, unknown> {
  const program = new Command();
  register(program);
  return program.commands.find((c) => c.name() === name)!.opts();
}

function model(id: string, task: ModelEntry['task']): ModelEntry {
  return {
    id,
    name: id,
    task,
    installed: true,
    path: `/m/${id}.onnx`,
    sizeBytes: 1,
    downloadable: true,
    description: '',
  } as ModelEntry;
}

describe('run settings defaults', () => {
  it('has a default for every setting, with the documented values', () => {
    expect(RunSettingsSchema.parse({})).toEqual(defaults);
    expect(defaults).toMatchObject({
      detIntervalFrames: 1,
      tileIntervalFrames: 3,
      minBoxScore: 0.3,
      minKeypointScore: 0.3,
      maxGapMs: 3000,
      reidModel: 'osnet-x0-25-msmt17',
    });
  });

  it('gives the CLI flags of track and batch the schema defaults', () => {
    for (const name of ['track', 'batch'] as const) {
      const opts = commandOpts(name === 'track' ? registerTrack : registerBatch, name);
      expect({
        device: opts.device,
        detInterval: opts.detInterval,
        flip: opts.flip,
        relink: opts.relink,
        stitch: opts.stitch,
        maxGap: opts.maxGap,
        tiling: opts.tiling,
      }).toEqual({
        device: defaults.device,
        detInterval: defaults.detIntervalFrames,
        flip: defaults.flipTest,
        relink: defaults.relink,
        stitch: defaults.stitch,
        maxGap: defaults.maxGapMs,
        tiling: defaults.detectorTiling,
      });
      const { reidModel, ...resolved } = resolveTrackOptions(
        trackOptionsFromSettings(trackSettingsFromCli(opts as unknown as TrackSettingsCliOptions)),
      );
      expect({ ...resolved, reidModel }).toEqual(defaults);
    }
    expect(commandOpts(registerTrack, 'track').tileInterval).toBe(defaults.tileIntervalFrames);
  });

  it('keeps the detector input size under one name from --det-size to the run', () => {
    const program = new Command();
    registerTrack(program);
    const track = program.commands.find((c) => c.name() === 'track')!;
    track.parseOptions(['--det-size', '640']);
    expect(track.opts().detectorInputSizePx).toBe(640);
    expect(resolveTrackOptions({ detector: 'rtmdet-nano', detectorInputSizePx: 640 }).detectorInputSizePx).toBe(640);
  });

  it('starts the Track dialog from the schema defaults when nothing was saved', () => {
    const models = [
      model(defaults.detector, 'person-detector'),
      model(defaults.poseModel, 'pose-topdown-heatmap'),
      model(defaults.reidModel, 'person-reid'),
    ];
    const form = initialTrackForm(null, models);
    expect(form).toMatchObject({
      detector: defaults.detector,
      poseModel: defaults.poseModel,
      device: defaults.device,
      detIntervalFrames: defaults.detIntervalFrames,
      minBoxScore: defaults.minBoxScore,
      minKeypointScore: defaults.minKeypointScore,
      flipTest: defaults.flipTest,
      detectorTiling: defaults.detectorTiling,
      relink: defaults.relink,
      stitch: defaults.stitch,
      reidModel: defaults.reidModel,
    });
    const { reidModel, ...resolved } = resolveTrackOptions(trackOptionsFromSettings(form));
    expect({ ...resolved, reidModel }).toEqual(defaults);
  });

  it("gives the API contract, saved settings and batch the run settings' fields, defaults and ranges", () => {
    // detectorTiling is narrowed to the modes: a tile grid belongs to one CLI run.
    const shared = Object.keys(TrackSettingsSchema.shape).filter(
      (key) => key in RunSettingsSchema.shape && key !== 'detectorTiling',
    );
    expect(shared.sort()).toEqual([
      'detIntervalFrames',
      'detector',
      'device',
      'flipTest',
      'maxGapMs',
      'minBoxScore',
      'minKeypointScore',
      'poseModel',
      'reidModel',
      'relink',
      'stitch',
      'threads',
    ]);
    for (const key of shared)
      expect(TrackSettingsSchema.shape[key as keyof typeof TrackSettingsSchema.shape]).toBe(
        RunSettingsSchema.shape[key as keyof typeof RunSettingsSchema.shape],
      );
    expect(DEFAULT_TRACK_SETTINGS).toEqual({
      ...Object.fromEntries(shared.map((key) => [key, defaults[key as keyof typeof defaults]])),
      detectorTiling: 'auto',
    });
    // A settings file written before relink, stitch, the gap and re-ID existed reads with the run's defaults.
    const older = SettingsSchema.parse({
      defaultDevice: 'cpu',
      threads: 0,
      track: {
        detector: 'a',
        poseModel: 'b',
        device: 'cpu',
        detIntervalFrames: 2,
        minBoxScore: 0.5,
        minKeypointScore: 0.3,
        flipTest: false,
      },
    });
    expect(older.track).toMatchObject({
      detIntervalFrames: 2,
      minBoxScore: 0.5,
      relink: true,
      stitch: true,
      maxGapMs: 3000,
      reidModel: defaults.reidModel,
      detectorTiling: 'auto',
    });
    const bad = TrackSettingsSchema.safeParse({ minBoxScore: 2, threads: 1e6 });
    expect(bad.error?.issues.map((issue) => issue.message)).toEqual([
      'Invalid threads 1000000. Should be an integer from 1 to 256.',
      'Invalid minBoxScore 2. Should be a number in [0, 1].',
    ]);
    expect(() => resolveTrackOptions({ minBoxScore: 2 })).toThrow(
      'Invalid minBoxScore 2. Should be a number in [0, 1].',
    );
  });
});
