import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectManager } from '../../../core/project/project-manager';
import { projectFileCandidates } from '../../../core/project/project-file';
import { resultOf, scriptOf } from './fixtures';
import { useTempFolder, videoIn } from './temp-folder';
import { DEFAULT_FILTERS } from '../../../core/analysis/filter-settings';
import { KEYPOINT_FLAG } from '../../../core/types';

const colorOf = (id: number) => ['#e6194b', '#3cb44b', '#4363d8'][id % 3];
const temp = useTempFolder('posetrail-project-');

const tracked = resultOf([
  [
    [0, 10],
    [1, 90],
  ],
  [
    [0, 20],
    [1, 80],
  ],
  [
    [0, 30],
    [1, 70],
  ],
]);

describe('ProjectManager', () => {
  it('keeps reviewed problems and filters after a restart, and exports with the filters applied', async () => {
    const video = await videoIn(path.join(temp.dir, 'review'));
    const first = new ProjectManager({ dataDir: path.join(temp.dir, 'data'), colorOf });
    await first.replaceResult(video, resultOf([[[0, 10]], [], [[0, 30]]]));
    await first.edit(video, { kind: 'review', problemId: 'weak-match@2:0', reviewed: true });
    await first.edit(video, { kind: 'setFilters', filters: { ...DEFAULT_FILTERS, maxGapFrames: 2 } });
    const reopened = new ProjectManager({ dataDir: path.join(temp.dir, 'data'), colorOf });
    expect(await reopened.load(video)).toMatchObject({
      reviewedProblems: ['weak-match@2:0'],
      filters: { maxGapFrames: 2 },
    });
    const exported = (await reopened.currentResult(video))!;
    expect(exported.frames[1].poses[0].keypoints[0][0]).toBe(20);
    expect(exported.frames[1].poses[0].keypointFlags?.[0]).toBe(KEYPOINT_FLAG.filled);
    // The project's own result stays raw: the filter is a view on top.
    expect((await reopened.load(video))!.result.frames[1].poses).toEqual([]);
  });

  it('returns null for a video that was never tracked', async () => {
    const manager = new ProjectManager({ dataDir: path.join(temp.dir, 'data'), colorOf });
    expect(await manager.load(await videoIn(path.join(temp.dir, 'untracked')))).toBeNull();
  });

  it('saves every edit beside the video and restores edits and undo history after a restart', async () => {
    const video = await videoIn(path.join(temp.dir, 'plain'));
    const first = new ProjectManager({ dataDir: path.join(temp.dir, 'data'), colorOf });
    const fresh = await first.replaceResult(video, tracked);
    expect(fresh).toMatchObject({ canUndo: false, canRedo: false, revision: 1 });
    await first.edit(video, { kind: 'swap', trackIdA: 0, trackIdB: 1, frameIndex: 1 });
    await first.edit(video, { kind: 'rename', trackId: 1, name: 'Runner' });
    const afterUndo = await first.undo(video);
    expect(afterUndo).toMatchObject({ canUndo: true, canRedo: true, revision: 4 });

    const file = path.join(temp.dir, 'plain', 'clip.posetrail.json');
    const saved = JSON.parse(await fs.readFile(file, 'utf8'));
    expect(saved).toMatchObject({ format: 'posetrail-project', version: 1, cursor: 1, revision: 4 });
    expect(saved.edits).toHaveLength(2);
    expect(saved.tracks).toEqual([
      { trackId: 0, name: 'Track 0', hidden: false, colorHex: '#e6194b' },
      { trackId: 1, name: 'Track 1', hidden: false, colorHex: '#3cb44b' },
    ]);

    // A new process: nothing cached, everything comes from the file.
    const second = new ProjectManager({ dataDir: path.join(temp.dir, 'data'), colorOf });
    const reopened = await second.load(video);
    expect(scriptOf(reopened!.result)).toEqual([
      [
        [0, 10],
        [1, 90],
      ],
      [
        [1, 20],
        [0, 80],
      ],
      [
        [1, 30],
        [0, 70],
      ],
    ]);
    const redone = await second.redo(video);
    expect(redone.tracks[1].name).toBe('Runner');
    expect(redone.canRedo).toBe(false);
  });

  it('falls back to the user data folder when the video folder is read-only', async () => {
    const folder = path.join(temp.dir, 'readonly');
    const video = await videoIn(folder);
    const dataDir = path.join(temp.dir, 'data-ro');
    // Permission bits do not stop root (CI runs as root), so the read-only check is injected.
    const readOnly = async (dir: string) => dir !== folder;
    const manager = new ProjectManager({ dataDir, colorOf, canWriteBeside: readOnly });
    await manager.replaceResult(video, tracked);
    await manager.edit(video, { kind: 'rename', trackId: 0, name: 'Kept' });
    const [beside, fallback] = projectFileCandidates(video, dataDir);
    await expect(fs.stat(beside)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(path.dirname(fallback)).toBe(path.join(dataDir, 'projects'));
    expect(path.basename(fallback)).toMatch(/^clip-[0-9a-f]{16}\.posetrail\.json$/);
    const reopened = await new ProjectManager({ dataDir, colorOf, canWriteBeside: readOnly }).load(video);
    expect(reopened!.tracks[0].name).toBe('Kept');
  });

  it('rejects edits before tracking and bad edits without changing the saved project', async () => {
    const video = await videoIn(path.join(temp.dir, 'errors'));
    const manager = new ProjectManager({ dataDir: path.join(temp.dir, 'data'), colorOf });
    await expect(manager.edit(video, { kind: 'delete', trackId: 0 })).rejects.toThrow('has not been tracked yet');
    await manager.replaceResult(video, tracked);
    await expect(manager.edit(video, { kind: 'delete', trackId: 42 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Track 42 does not exist in this result.',
    });
    const state = await manager.load(video);
    expect(state).toMatchObject({ revision: 1, canUndo: false });
  });

  it('serialises concurrent edits so none is lost', async () => {
    const video = await videoIn(path.join(temp.dir, 'concurrent'));
    const manager = new ProjectManager({ dataDir: path.join(temp.dir, 'data'), colorOf });
    await manager.replaceResult(video, tracked);
    await Promise.all([
      manager.edit(video, { kind: 'rename', trackId: 0, name: 'A' }),
      manager.edit(video, { kind: 'rename', trackId: 1, name: 'B' }),
      manager.edit(video, { kind: 'setHidden', trackId: 1, hidden: true }),
    ]);
    const reopened = await new ProjectManager({ dataDir: path.join(temp.dir, 'data'), colorOf }).load(video);
    expect(reopened!.tracks.map((t) => [t.name, t.hidden])).toEqual([
      ['A', false],
      ['B', true],
    ]);
    expect(reopened!.revision).toBe(4);
  });

  it('reports a corrupt project file by name', async () => {
    const video = await videoIn(path.join(temp.dir, 'corrupt'));
    await fs.writeFile(
      path.join(temp.dir, 'corrupt', 'clip.posetrail.json'),
      '{"format":"posetrail-project","version":1}',
    );
    const manager = new ProjectManager({ dataDir: path.join(temp.dir, 'data'), colorOf });
    await expect(manager.load(video)).rejects.toThrow(
      `Project file ${path.join(temp.dir, 'corrupt', 'clip.posetrail.json')} is not a valid Posetrail project`,
    );
  });
});
