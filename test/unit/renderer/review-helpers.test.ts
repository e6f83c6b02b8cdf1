import { describe, expect, it } from 'vitest';
import { nextTrackBoundary } from '../../../renderer/src/lib/track-bounds';
import { plainError } from '../../../renderer/src/lib/plain-errors';
import { trackLabel } from '../../../renderer/src/lib/track-label';
import {
  deviceOptions,
  failedDownloads,
  modelOptionLabel,
  offeredModels,
  preferredModel,
  preferredReidModel,
} from '../../../renderer/src/lib/installed-models';
import { listManifests } from '../../../core/models/registry';
import type { ModelEntry } from '../../../core/api/pose-api';

const summaries = [
  { trackId: 0, firstFrame: 0, lastFrame: 229, frameCount: 230, meanScore: 0.9 },
  { trackId: 1, firstFrame: 37, lastFrame: 211, frameCount: 175, meanScore: 0.8 },
  // a short spurious track
  { trackId: 7, firstFrame: 120, lastFrame: 123, frameCount: 4, meanScore: 0.3 },
];

describe('next/previous track start or end', () => {
  it('steps through every start and end in frame order, both ways', () => {
    const forward: number[] = [];
    for (let f: number | null = 0; (f = nextTrackBoundary(summaries, f, 1)) !== null; ) forward.push(f);
    expect(forward).toEqual([37, 120, 123, 211, 229]);
    expect(nextTrackBoundary(summaries, 121, -1)).toBe(120);
    expect(nextTrackBoundary(summaries, 0, -1)).toBeNull();
    expect(nextTrackBoundary([], 10, 1)).toBeNull();
  });
});

describe('plain error words', () => {
  it('drops bare codes and translates system messages', () => {
    expect(plainError('INVALID_ARGUMENT', 'INVALID_ARGUMENT: Frame 220 is beyond the end of a.mp4 (230 frames).')).toBe(
      'Frame 220 is beyond the end of a.mp4 (230 frames).',
    );
    expect(plainError('ENOTDIR', "ENOTDIR: not a directory, scandir '/data/a.mp4'")).toBe(
      '/data/a.mp4: that is a file, not a folder.',
    );
    expect(plainError('DOWNLOAD_NETWORK', '')).toBe(
      'The download could not reach the server (is this machine offline?).',
    );
    expect(plainError(undefined, 'Cannot list /x: it does not exist.')).toBe('Cannot list /x: it does not exist.');
  });
});

describe('track naming style', () => {
  it('is "Name (#id)" for named tracks and "#id" otherwise', () => {
    expect(trackLabel(1, 'Woman')).toBe('Woman (#1)');
    expect(trackLabel(3, 'Track 3')).toBe('#3');
    expect(trackLabel(4, undefined)).toBe('#4');
  });
});

describe('model and device choices', () => {
  const entry = (id: string, task: ModelEntry['task'], installed: boolean, downloadable = true) =>
    ({ id, name: id.toUpperCase(), task, installed, downloadable }) as ModelEntry;
  const models = [
    entry('hrnet-w32', 'pose-topdown-heatmap', false),
    entry('simplepose-nano', 'pose-topdown-heatmap', true),
    entry('rtm', 'person-detector', false, false),
    entry('yolox-nano-416', 'person-detector', true),
  ];

  it('marks installed models and keeps a saved model that can still be fetched', () => {
    expect(modelOptionLabel(models[1])).toBe('✓ SIMPLEPOSE-NANO');
    expect(modelOptionLabel(models[0])).toBe('HRNET-W32 (not installed: downloads on start)');
    expect(preferredModel(models, 'pose-topdown-heatmap', 'hrnet-w32')).toBe('hrnet-w32');
    // Import-only and not installed: an installed detector is preselected.
    expect(preferredModel(models, 'person-detector', 'rtm')).toBe('yolox-nano-416');
  });

  it('offers one YOLOX-Nano 416: the community export only when installed or chosen, and names tell the two apart', () => {
    const real = listManifests().map(
      (m) =>
        ({
          id: m.id,
          name: m.name,
          task: m.task,
          installed: false,
          downloadable: !m.source.localImportOnly && Boolean(m.source.url),
        }) as ModelEntry,
    );
    const names = real.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    expect(
      names
        .filter((n) => n.startsWith('YOLOX-Nano 416'))
        .every((n) => /\((official release|community export)\)$/.test(n)),
    ).toBe(true);
    const ids = (list: ModelEntry[], selected: string) =>
      offeredModels(list, 'person-detector', selected).map((m) => m.id);
    expect(ids(real, 'yolox-nano').filter((id) => id.startsWith('yolox-nano'))).toEqual(['yolox-nano']);
    expect(ids(real, 'yolox-nano-416')).toContain('yolox-nano-416');
    const installed = real.map((m) => (m.id === 'yolox-nano-416' ? { ...m, installed: true } : m));
    expect(ids(installed, 'yolox-nano').filter((id) => id.startsWith('yolox-nano'))).toEqual([
      'yolox-nano',
      'yolox-nano-416',
    ]);
  });

  it('preselects the default re-ID model unless colours were chosen or it cannot be had', () => {
    const osnet = entry('osnet-x0-25-msmt17', 'person-reid', false);
    expect(preferredReidModel([...models, osnet], undefined)).toBe('osnet-x0-25-msmt17');
    expect(preferredReidModel([...models, osnet], 'none')).toBe('none');
    failedDownloads.add(osnet.id);
    expect(preferredReidModel([...models, osnet], undefined)).toBe('none');
    failedDownloads.delete(osnet.id);
    expect(preferredReidModel([...models, { ...osnet, downloadable: false }], 'osnet-x0-25-msmt17')).toBe('none');
  });

  it('never leaves the device list blank and says what Auto picks', () => {
    expect(deviceOptions([]).map((d) => d.label)).toEqual(['Auto (CPU here)', 'CPU']);
    expect(deviceOptions(['auto', 'cpu', 'webgpu']).map((d) => d.label)).toEqual([
      'Auto (WEBGPU here)',
      'CPU',
      'WEBGPU',
    ]);
  });
});
