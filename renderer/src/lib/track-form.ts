import type { ModelEntry, Settings, TrackSettings } from '../../../core/api/pose-api';
import { RUN_SETTINGS_DEFAULTS } from '../../../core/settings/run-settings';
import { preferredModel, preferredReidModel } from './installed-models';

/**
 * The Track dialog's starting settings: the saved ones, each missing field from the run settings'
 * defaults (core/settings/run-settings.ts, the CLI's too); the models preselected among those
 * installed or fetchable.
 */
export function initialTrackForm(saved: Settings | null | undefined, models: readonly ModelEntry[]): TrackSettings {
  const d = saved?.track;
  const defaults = RUN_SETTINGS_DEFAULTS;
  return {
    detector: preferredModel(models, 'person-detector', d?.detector ?? ''),
    poseModel: preferredModel(models, 'pose-topdown-heatmap', d?.poseModel ?? ''),
    device: d?.device ?? saved?.defaultDevice ?? defaults.device,
    threads: d?.threads ?? (saved?.threads || defaults.threads),
    detIntervalFrames: d?.detIntervalFrames ?? defaults.detIntervalFrames,
    minBoxScore: d?.minBoxScore ?? defaults.minBoxScore,
    minKeypointScore: d?.minKeypointScore ?? defaults.minKeypointScore,
    flipTest: d?.flipTest ?? defaults.flipTest,
    detectorTiling: d?.detectorTiling ?? (defaults.detectorTiling === 'off' ? 'off' : 'auto'),
    detectorInputSizes: { ...d?.detectorInputSizes },
    relink: d?.relink ?? defaults.relink,
    stitch: d?.stitch ?? defaults.stitch,
    maxGapMs: d?.maxGapMs ?? defaults.maxGapMs,
    reidModel: preferredReidModel(models, d?.reidModel),
  };
}
