import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readResultFile } from '../../../core/export/read';
import { writeTrackingResult } from '../../../core/export/write';
import { createPoseService, type PoseService } from '../../../core/service/service';
import { FIXTURE_FRAME_COUNT, GT17_FIXTURE, GT18_FIXTURE, makeClip } from '../../helpers/gt-clip';
import { VIDEOS } from '../../helpers/assets';
import { runPython } from '../../helpers/python-readers';
import { COCO17 } from '../../../core/keypoints/schema';

/**
 * Track layers through the real service: published-shape PoseTrack 2018 ground truth (empty
 * `scores`, unlabelled frames, 11-digit ids) and 2017 annolist files opened over a clip of the
 * same frame count, remembered beside the video, removed; files that do not fit are refused with
 * the file name and both counts, malformed ones with the reader's error.
 */
let root: string;
let clip: string;
let gt18: string;
let gt17: string;
const services: PoseService[] = [];

function newService(): PoseService {
  const service = createPoseService({
    host: 'web',
    version: '0.0.0-test',
    configDir: path.join(root, 'config'),
    dataDir: path.join(root, 'data'),
    mediaUrlFor: async (file) => `/media?path=${encodeURIComponent(file)}`,
  });
  services.push(service);
  return service;
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-layers-'));
  clip = makeClip(path.join(root, 'clip.mp4'), FIXTURE_FRAME_COUNT);
  gt18 = path.join(root, 'gt18.json');
  gt17 = path.join(root, 'gt17.json');
  await fs.copyFile(GT18_FIXTURE, gt18);
  await fs.copyFile(GT17_FIXTURE, gt17);
}, 60_000);

afterAll(async () => {
  await Promise.all(services.map((s) => s.dispose()));
  if (root) await fs.rm(root, { recursive: true, force: true });
});

describe('track layers', () => {
  it('opens PoseTrack 2018 ground truth: labelled frames only, people by track id, v in {0, 1}', async () => {
    const layers = await newService().layers.add(clip, gt18);
    expect(layers).toHaveLength(1);
    const [layer] = layers;
    expect(layer).toMatchObject({ path: gt18, name: 'gt18.json', frameCount: 6, schema: 'posetrack18' });
    expect(layer.error).toBeUndefined();
    // Frames 0 and 5 are unlabelled (is_labeled false, no annotations): not part of the layer.
    expect(layer.frames.map((f) => f.frameIndex)).toEqual([1, 2, 3, 4]);
    expect(layer.frames.map((f) => f.poses.map((p) => p.trackId))).toEqual([
      [0, 1],
      [0, 1],
      [0, 1, 2],
      [0, 1],
    ]);
    const joints = layer.frames.flatMap((f) => f.poses.flatMap((p) => p.keypoints));
    expect(joints).toHaveLength(9 * 17);
    expect(new Set(joints.map((k) => k[2]))).toEqual(new Set([0, 1]));
  });

  it('adds PoseTrack 2017 ground truth beside it, remembers both by path, and removes one', async () => {
    const layers = await newService().layers.add(clip, gt17);
    expect(layers.map((l) => l.name)).toEqual(['gt18.json', 'gt17.json']);
    expect(layers[1].frameCount).toBe(6);
    expect(layers[1].frames.map((f) => f.poses.length)).toEqual([2, 2, 3, 2]);
    const saved = JSON.parse(await fs.readFile(path.join(root, 'clip.posetrail-layers.json'), 'utf8'));
    expect(saved.layers).toEqual([{ path: gt18 }, { path: gt17 }]);

    const reopened = await newService().layers.list(clip);
    expect(reopened.map((l) => [l.name, l.frames.length])).toEqual([
      ['gt18.json', 4],
      ['gt17.json', 4],
    ]);
    const left = await newService().layers.remove(clip, gt18);
    expect(left.map((l) => l.name)).toEqual(['gt17.json']);
    expect((await newService().layers.list(clip)).map((l) => l.name)).toEqual(['gt17.json']);
  });

  it('refuses a file whose frame count does not fit the video, naming the file and both counts', async () => {
    const street = path.join(root, 'street.mp4');
    await fs.copyFile(VIDEOS.street, street);
    await expect(newService().layers.add(street, gt18)).rejects.toThrow(
      'gt18.json does not fit street.mp4: the file describes 6 frames, the video has 5.',
    );
    expect(await newService().layers.list(street)).toEqual([]);
  });

  it("refuses a malformed file with the reader's error and keeps the layer list as it was", async () => {
    const broken = JSON.parse(await fs.readFile(GT18_FIXTURE, 'utf8'));
    broken.annotations[3].keypoints = broken.annotations[3].keypoints.slice(0, 50);
    const bad = path.join(root, 'broken.json');
    await fs.writeFile(bad, JSON.stringify(broken));
    const error = await newService()
      .layers.add(clip, bad)
      .catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /^broken\.json cannot be opened as a track layer: .*broken\.json.*annotations\[3\]\.keypoints/,
    );
    expect((await newService().layers.list(clip)).map((l) => l.name)).toEqual(['gt17.json']);
  });

  it('shows a remembered file that has gone as a layer with its error', async () => {
    await fs.rename(gt17, `${gt17}.moved`);
    try {
      const [layer] = await newService().layers.list(clip);
      expect(layer.frames).toEqual([]);
      expect(layer.error).toBe(`gt17.json cannot be opened as a track layer: ${gt17} does not exist or is not a file.`);
    } finally {
      await fs.rename(`${gt17}.moved`, gt17);
    }
  });

  it('lists PoseTrack JSON files (not videos, projects or layer lists) for the layer browser', async () => {
    const names = (await newService().files.list(root, 'tracks')).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['broken.json', 'gt17.json', 'gt18.json']));
    expect(names.some((n) => n.endsWith('.mp4') || n.includes('.posetrail'))).toBe(false);
    expect((await newService().files.list(root)).map((e) => e.name)).toEqual(
      expect.arrayContaining(['clip.mp4', 'street.mp4']),
    );
  });

  it('opens the same ground truth as a SLEAP analysis file and as a DeepLabCut CSV, with the same joints', async () => {
    const { result } = await readResultFile(gt18);
    const sleap = path.join(root, 'gt18.analysis.h5');
    const dlc = path.join(root, 'gt18.dlc.csv');
    await writeTrackingResult(sleap, result, { format: 'sleap-analysis' });
    await writeTrackingResult(dlc, result, { format: 'dlc' });
    const service = newService();
    await service.layers.add(clip, sleap);
    const layers = await service.layers.add(clip, dlc);
    const byName = Object.fromEntries(layers.map((l) => [l.name, l]));
    for (const name of ['gt18.analysis.h5', 'gt18.dlc.csv']) {
      expect(byName[name]).toMatchObject({ frameCount: 6, schema: 'posetrack18' });
      const people = byName[name].frames
        .filter((f) => f.poses.length)
        .map((f) => [f.frameIndex, f.poses.map((p) => p.trackId)]);
      // Person 2 of frame 3 has no annotated joint: an array format has nothing to hold it by.
      expect(people).toEqual([
        [1, [0, 1]],
        [2, [0, 1]],
        [3, [0, 1]],
        [4, [0, 1]],
      ]);
      const withJoints = result.frames.flatMap((f) => f.poses.filter((p) => p.keypoints.some((k) => k[2] > 0)));
      expect(byName[name].frames.flatMap((f) => f.poses.flatMap((p) => p.keypoints))).toEqual(
        withJoints.flatMap((p) => p.keypoints),
      );
    }
    expect((await newService().files.list(root, 'tracks')).map((e) => e.name)).toEqual(
      expect.arrayContaining(['gt18.analysis.h5', 'gt18.dlc.csv']),
    );
  });

  it("opens SLEAP's own file, which ends at its last labelled frame, over a longer video, and refuses a longer file", async () => {
    const make = (file: string, frames: number) =>
      runPython(
        `import sys, numpy as np, h5py
F, N = int(sys.argv[2]), 17
loc = np.full((F, N, 2, 1), 7.5); loc[:, :, 1, :] = 9.0
with h5py.File(sys.argv[1], 'w') as h:
  h.create_dataset('tracks', data=np.transpose(loc))
  h.create_dataset('track_occupancy', data=np.transpose(np.ones((1, F), dtype=np.uint8)))
  h.create_dataset('node_names', data=[np.bytes_(n) for n in sys.argv[3].split(',')])
print('1')`,
        [file, String(frames), COCO17.names.join(',')],
      );
    const short = path.join(root, 'sleap-short.h5');
    const long = path.join(root, 'sleap-long.h5');
    make(short, 4);
    make(long, FIXTURE_FRAME_COUNT + 2);
    const layers = await newService().layers.add(clip, short);
    const layer = layers.find((l) => l.name === 'sleap-short.h5')!;
    expect(layer).toMatchObject({ frameCount: FIXTURE_FRAME_COUNT, schema: 'coco17' });
    expect(layer.frames.map((f) => [f.frameIndex, f.poses.length])).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
    await expect(newService().layers.add(clip, long)).rejects.toThrow(
      `sleap-long.h5 does not fit clip.mp4: the file describes ${FIXTURE_FRAME_COUNT + 2} frames, the video has ${FIXTURE_FRAME_COUNT}.`,
    );
  });
});
