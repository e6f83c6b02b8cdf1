import { describe, expect, it } from 'vitest';
import { dispatchApiCall } from '../../../core/api/dispatch';
import { buildApiProxy } from '../../../core/api/channels';
import type { PoseApi } from '../../../core/api/pose-api';
import { DEFAULT_FILTERS } from '../../../core/analysis/filter-settings';

/** The review edits cross the API boundary validated like every other argument. */
describe('review edits at the API boundary', () => {
  const received: unknown[][] = [];
  const api = buildApiProxy(
    async (_ref, args) => {
      received.push(args);
      return null;
    },
    () => () => {},
  ) as PoseApi;
  const edit = (payload: unknown) => dispatchApiCall(api, 'project', 'edit', ['/a.mp4', payload]);

  it('passes range, pose, keypoint, review, filter and explicit lossy-merge edits', async () => {
    const edits = [
      { kind: 'swap', trackIdA: 0, trackIdB: 1, frameIndex: 10, toFrameIndex: 20 },
      { kind: 'deleteRange', trackId: 0, fromFrameIndex: 3, toFrameIndex: 9 },
      { kind: 'reassignRange', trackId: 0, fromFrameIndex: 3, toFrameIndex: 9 },
      { kind: 'givePose', frameIndex: 4, fromTrackId: 2, toTrackId: 0 },
      { kind: 'keypoint', trackId: 0, frameIndex: 4, keypointIndex: 9, x: 10.5, y: 20, visibility: 'occluded' },
      { kind: 'review', problemId: 'likely-swap@12:0-1', reviewed: true },
      { kind: 'setFilters', filters: { ...DEFAULT_FILTERS, smooth: 'savgol' } },
      { kind: 'merge', targetId: 0, sourceId: 1, overlap: 'drop-source' },
    ];
    for (const e of edits) {
      await edit(e);
      expect(received.at(-1)).toEqual(['/a.mp4', e]);
    }
  });

  it('names the bad field', async () => {
    await expect(edit({ kind: 'merge', targetId: 0, sourceId: 1, overlap: 'whatever' })).rejects.toThrow(
      /argument 2 \(overlap\)/,
    );
    await expect(
      edit({ kind: 'keypoint', trackId: 0, frameIndex: 1, keypointIndex: 0, visibility: 'hidden' }),
    ).rejects.toThrow(/argument 2 \(visibility\)/);
    await expect(edit({ kind: 'setFilters', filters: { ...DEFAULT_FILTERS, savgolWindowFrames: 6 } })).rejects.toThrow(
      /filters\.savgolWindowFrames.*odd/,
    );
    await expect(
      edit({ kind: 'keypoint', trackId: 0, frameIndex: 1, keypointIndex: 0, x: Number.NaN }),
    ).rejects.toThrow(/argument 2 \(x\)/);
  });
});
