import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectManager } from '../../../core/project/project-manager';
import { resultOf, scriptOf } from './fixtures';
import { useTempFolder, videoIn } from './temp-folder';

const colorOf = () => '#e6194b';
const temp = useTempFolder('posetrail-previous-');

const firstRun = resultOf([
  [
    [0, 10],
    [1, 90],
  ],
  [
    [0, 20],
    [1, 80],
  ],
]);
// A second run finds three people with other ids.
const secondRun = resultOf([
  [
    [4, 11],
    [5, 91],
    [6, 50],
  ],
  [
    [4, 21],
    [5, 81],
    [6, 55],
  ],
]);

describe('a run that replaces an edited result', () => {
  it('keeps the replaced result with its edits, restores it, and restoring again switches back', async () => {
    const video = await videoIn(path.join(temp.dir, 'runs'));
    const manager = new ProjectManager({ dataDir: path.join(temp.dir, 'data'), colorOf });
    await manager.replaceResult(video, firstRun);
    await manager.edit(video, { kind: 'rename', trackId: 0, name: 'Man on roof' });
    await manager.edit(video, { kind: 'delete', trackId: 1 });

    const replaced = await manager.replaceResult(video, secondRun);
    expect(replaced.tracks.map((t) => t.trackId)).toEqual([4, 5, 6]);
    expect(replaced.canUndo).toBe(false);
    expect(replaced.previous).toMatchObject({ editCount: 2, trackCount: 1 });

    const restored = await manager.restorePrevious(video);
    expect(restored.tracks).toEqual([{ trackId: 0, name: 'Man on roof', hidden: false, colorHex: '#e6194b' }]);
    expect(scriptOf(restored.result)).toEqual([[[0, 10]], [[0, 20]]]);
    // The edits come back as history: the delete can still be undone.
    expect(restored.canUndo).toBe(true);
    expect((await manager.undo(video)).tracks.map((t) => t.trackId)).toEqual([0, 1]);
    expect(restored.previous).toMatchObject({ editCount: 0, trackCount: 3 });

    // A restart reads both versions from the project file.
    const reopened = new ProjectManager({ dataDir: path.join(temp.dir, 'data'), colorOf });
    const back = await reopened.restorePrevious(video);
    expect(back.tracks.map((t) => t.trackId)).toEqual([4, 5, 6]);
    expect(back.previous).toMatchObject({ editCount: 1, trackCount: 2 });
  });

  it('says so when there is no earlier result to restore', async () => {
    const video = await videoIn(path.join(temp.dir, 'once'));
    const manager = new ProjectManager({ dataDir: path.join(temp.dir, 'data'), colorOf });
    const state = await manager.replaceResult(video, firstRun);
    expect(state.previous).toBeNull();
    await expect(manager.restorePrevious(video)).rejects.toThrow('clip.mp4 has no earlier result to restore.');
  });
});
