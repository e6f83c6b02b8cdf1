/**
 * SLEAP's analysis HDF5 and DeepLabCut's CSV: written, read back by Posetrail, and opened with
 * the readers their users have (h5py, pandas) through Debian's Python.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COCO17 } from '../../../core/keypoints/schema';
import { readResultFile } from '../../../core/export/read';
import { dlcH5PathFor, writeTrackingResult } from '../../../core/export/write';
import type { TrackingResult } from '../../../core/types';
import { runPython } from '../../helpers/python-readers';
import { makeResult } from './fixtures';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-array-formats-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const NAMES = { 7: 'Émile, "the" runner' };

/** Every pose of `a` is in `b` with the same keypoints and scores, under the id `idOf` gives its id. */
function expectSamePoses(
  a: TrackingResult,
  b: TrackingResult,
  opts: { poseScore: boolean; idOf?: (id: number) => number },
): void {
  const idOf = opts.idOf ?? ((id: number) => id);
  for (const frame of a.frames) {
    const other = b.frames.find((f) => f.frameIndex === frame.frameIndex);
    expect(other?.poses.map((p) => p.trackId)).toEqual(frame.poses.map((p) => idOf(p.trackId)));
    frame.poses.forEach((pose, i) => {
      expect(other!.poses[i].keypoints).toEqual(pose.keypoints);
      if (opts.poseScore) expect(other!.poses[i].score).toBe(pose.score);
    });
  }
}

describe('SLEAP analysis HDF5', () => {
  it('round-trips every keypoint, score, track id, name and the video timing', async () => {
    const out = path.join(dir, 'clip.analysis.h5');
    const result = makeResult();
    await writeTrackingResult(out, result, { format: 'sleap-analysis', trackNames: NAMES });
    const back = await readResultFile(out);
    expectSamePoses(result, back.result, { poseScore: true });
    expect(back.trackNames).toEqual(NAMES);
    expect(back.result.video).toEqual(result.video);
    expect(back.result.schema).toBe('coco17');
    // Frames 1–4 were the processed span; frame 3 (not processed) reads back as a frame without poses.
    expect(back.result.frames.map((f) => [f.frameIndex, f.poses.length])).toEqual([
      [1, 2],
      [2, 2],
      [3, 0],
      [4, 2],
    ]);
  });

  it('has the datasets, shapes, dtypes and axis order SLEAP writes, as h5py reads them', async () => {
    const out = path.join(dir, 'h5py.analysis.h5');
    const result = makeResult();
    await writeTrackingResult(out, result, { format: 'sleap-analysis', trackNames: NAMES });
    const seen = runPython(
      `import sys, json, h5py, math
f = h5py.File(sys.argv[1], 'r')
nan = lambda v: None if math.isnan(v) else v
print(json.dumps({
  'datasets': {k: [str(f[k].dtype), list(f[k].shape), f[k].compression] for k in f},
  'track_names': [n.decode('utf-8') for n in f['track_names'][:]],
  'node_names': [n.decode() for n in f['node_names'][:]],
  'edge_inds': f['edge_inds'][:].tolist(),
  'edge_names0': [n.decode() for n in f['edge_names'][0]],
  'nose_t0_f1': [f['tracks'][0, 0, 0, 1], f['tracks'][0, 1, 0, 1]],
  'wrist_t1_f2': [nan(f['tracks'][1, 0, 9, 2]), nan(f['point_scores'][1, 9, 2])],
  'score_t1_f4': f['point_scores'][1, 16, 4],
  'instance_t0_f4': f['instance_scores'][0, 4],
  'occupancy': f['track_occupancy'][:].tolist(),
  'video_path': f['video_path'][()].decode(),
  'video_ind': int(f['video_ind'][()]),
  'provenance_ids': json.loads(f['provenance'][()])['posetrail']['track_ids'],
}))`,
      [out],
    ) as Record<string, unknown>;
    const [F, T, N, E] = [5, 2, 17, COCO17.skeleton.length];
    expect(seen.datasets).toEqual({
      edge_inds: ['int64', [E, 2], null],
      edge_names: [`|S${'right_shoulder'.length}`, [E, 2], null],
      instance_scores: ['float64', [T, F], 'gzip'],
      labels_path: ['object', [], null],
      node_names: [`|S${'right_shoulder'.length}`, [N], null],
      point_scores: ['float64', [T, N, F], 'gzip'],
      provenance: ['object', [], null],
      track_names: [`|S${Buffer.byteLength(NAMES[7])}`, [T], null],
      track_occupancy: ['uint8', [F, T], 'gzip'],
      tracking_scores: ['float64', [T, F], 'gzip'],
      tracks: ['float64', [T, 2, N, F], 'gzip'],
      video_ind: ['int64', [], null],
      video_path: ['object', [], null],
    });
    expect(seen.track_names).toEqual(['track_3', NAMES[7]]);
    expect(seen.node_names).toEqual(COCO17.names);
    expect(seen.edge_inds).toEqual(COCO17.skeleton.map((e) => [...e]));
    expect(seen.edge_names0).toEqual([COCO17.names[COCO17.skeleton[0][0]], COCO17.names[COCO17.skeleton[0][1]]]);
    const nose = result.frames[0].poses[0].keypoints[0];
    expect(seen.nose_t0_f1).toEqual([nose[0], nose[1]]);
    expect(seen.wrist_t1_f2).toEqual([null, null]);
    expect(seen.score_t1_f4).toBe(result.frames[2].poses[1].keypoints[16][2]);
    expect(seen.instance_t0_f4).toBe(result.frames[2].poses[0].score);
    expect(seen.occupancy).toEqual([
      [0, 0],
      [1, 1],
      [1, 1],
      [0, 0],
      [1, 1],
    ]);
    expect(seen.video_path).toBe('/videos/clip.mp4');
    expect(seen.video_ind).toBe(0);
    expect(seen.provenance_ids).toEqual([3, 7]);
  });

  it('reads a file laid out as SLEAP writes it (numpy arrays transposed by h5py, no Posetrail record)', async () => {
    const out = path.join(dir, 'sleap-made.analysis.h5');
    // As sleap/info/write_tracking_h5.py: (frames, nodes, 2, tracks) etc., transposed on writing.
    runPython(
      `import sys, numpy as np, h5py
names = sys.argv[2].split(',')
F, N, T = 3, len(names), 2
loc = np.full((F, N, 2, T), np.nan); scores = np.full((F, N, T), np.nan); inst = np.full((F, T), np.nan)
occ = np.zeros((T, F), dtype=np.uint8)
for f in range(F):
  for t in range(T):
    if f == 2 and t == 1: continue
    occ[t, f] = 1; inst[f, t] = 0.5 + t / 10
    for n in range(N):
      loc[f, n, 0, t] = 100 * t + n + f / 4; loc[f, n, 1, t] = 50 + n; scores[f, n, t] = (n + 1) / 20
loc[1, 3, :, 0] = np.nan
with h5py.File(sys.argv[1], 'w') as h:
  for k, v in dict(track_occupancy=occ, tracks=loc, point_scores=scores, instance_scores=inst, tracking_scores=inst).items():
    h.create_dataset(k, data=np.transpose(v), compression='gzip', compression_opts=9)
  h.create_dataset('track_names', data=[np.bytes_('track_0'), np.bytes_('mouse')])
  h.create_dataset('node_names', data=[np.bytes_(n) for n in names])
  h.create_dataset('video_path', data='/data/mice.mp4')
print('1')`,
      [out, COCO17.names.join(',')],
    );
    const { result, trackNames } = await readResultFile(out);
    expect(trackNames).toEqual({ 1: 'mouse' });
    expect(result.video.path).toBe('/data/mice.mp4');
    expect(result.frames.map((f) => f.poses.map((p) => p.trackId))).toEqual([[0, 1], [0, 1], [0]]);
    const mouse = result.frames[1].poses[1];
    expect(mouse.keypoints[5]).toEqual([105.25, 55, 0.3]);
    expect(mouse.score).toBe(0.6);
    expect(result.frames[1].poses[0].keypoints[3]).toEqual([0, 0, 0]);
  });

  it('refuses an HDF5 file that is not a SLEAP analysis file, naming it', async () => {
    const out = path.join(dir, 'other.h5');
    runPython(`import sys, h5py, json\nh5py.File(sys.argv[1], 'w').create_dataset('x', data=[1])\nprint('1')`, [out]);
    await expect(readResultFile(out)).rejects.toThrow(`${out}: not a SLEAP analysis file (no "tracks" dataset).`);
  });
});

describe('DeepLabCut CSV', () => {
  it('round-trips every keypoint, likelihood, identity and name', async () => {
    const out = path.join(dir, 'clip.dlc.csv');
    const result = makeResult();
    await writeTrackingResult(out, result, { format: 'dlc', trackNames: NAMES });
    const back = await readResultFile(out);
    // Names stand for identities: track_3 keeps its id, the named track gets the next free one.
    expectSamePoses(result, back.result, { poseScore: false, idOf: (id) => (id === 7 ? 4 : id) });
    expect(back.trackNames).toEqual({ 4: NAMES[7] });
    expect(back.result.frames.map((f) => f.frameIndex)).toEqual([0, 1, 2, 3, 4]);
  });

  it('reads in pandas as DeepLabCut files do: four column levels, frame index first', async () => {
    const out = path.join(dir, 'pandas.dlc.csv');
    const result = makeResult();
    await writeTrackingResult(out, result, { format: 'dlc', trackNames: NAMES });
    const seen = runPython(
      `import sys, json, math, pandas as pd
df = pd.read_csv(sys.argv[1], header=[0, 1, 2, 3], index_col=0)
scorer = df.columns.get_level_values(0)[0]
nan = lambda v: None if math.isnan(v) else float(v)
print(json.dumps({
  'levels': list(df.columns.names), 'shape': list(df.shape), 'index': df.index.tolist(),
  'individuals': list(dict.fromkeys(df.columns.get_level_values(1))),
  'coords': list(df.columns.get_level_values(3)[:3]),
  'nose': [df.loc[1, (scorer, 'track_3', 'nose', c)] for c in ('x', 'y', 'likelihood')],
  'wrist': nan(df.loc[2, (scorer, sys.argv[2], 'left_wrist', 'x')]),
  'empty': nan(df.loc[0, (scorer, 'track_3', 'nose', 'x')]),
}))`,
      [out, NAMES[7]],
    ) as Record<string, unknown>;
    expect(seen.levels).toEqual(['scorer', 'individuals', 'bodyparts', 'coords']);
    expect(seen.shape).toEqual([5, 2 * 17 * 3]);
    expect(seen.index).toEqual([0, 1, 2, 3, 4]);
    expect(seen.individuals).toEqual(['track_3', NAMES[7]]);
    expect(seen.coords).toEqual(['x', 'y', 'likelihood']);
    expect(seen.nose).toEqual(result.frames[0].poses[0].keypoints[0]);
    expect(seen.wrist).toBeNull();
    expect(seen.empty).toBeNull();
  });

  it('reads a single-animal table (three header rows) as one track, and one with nobody in it', async () => {
    const single = path.join(dir, 'single.csv');
    const header = (row: string, cells: (name: string) => string[]) => [row, ...COCO17.names.flatMap(cells)].join(',');
    const values = COCO17.names.flatMap((_, i) => [String(10 + i), String(20.5 + i), '0.75']);
    await writeFile(
      single,
      [
        header('scorer', () => ['DLC_resnet50', 'DLC_resnet50', 'DLC_resnet50']),
        header('bodyparts', (n) => [n, n, n]),
        header('coords', () => ['x', 'y', 'likelihood']),
        `0,${values.join(',')}`,
        `1,${values.map(() => '').join(',')}`,
      ].join('\n'),
    );
    const { result } = await readResultFile(single);
    expect(result.frames.map((f) => f.poses.map((p) => p.trackId))).toEqual([[0], []]);
    expect(result.frames[0].poses[0].keypoints[16]).toEqual([26, 36.5, 0.75]);

    const empty = path.join(dir, 'nobody.dlc.csv');
    const nobody = makeResult();
    nobody.frames = nobody.frames.map((f) => ({ ...f, poses: [] }));
    await writeTrackingResult(empty, nobody, { format: 'dlc' });
    expect((await readResultFile(empty)).result.frames.every((f) => f.poses.length === 0)).toBe(true);
  });

  it('writes the .h5 beside the CSV that pandas.read_hdf reads as the same frame as read_csv', async () => {
    const out = path.join(dir, 'frame.dlc.csv');
    await writeTrackingResult(out, makeResult(), { format: 'dlc', trackNames: NAMES });
    expect(dlcH5PathFor(out)).toBe(path.join(dir, 'frame.dlc.h5'));
    const seen = runPython(
      `import sys, json, pandas as pd
h5 = pd.read_hdf(sys.argv[2], 'df_with_missing')
csv = pd.read_csv(sys.argv[1], header=[0, 1, 2, 3], index_col=0)
pd.testing.assert_frame_equal(h5, csv)
print(json.dumps({'shape': list(h5.shape), 'nan': int(h5.isna().sum().sum()), 'levels': list(h5.columns.names)}))`,
      [out, dlcH5PathFor(out)],
    );
    // 5 frames × 102 columns; frames 0 and 3 are empty (2 × 102), and track 7's wrist on frame 2 (3 values).
    expect(seen).toEqual({
      shape: [5, 102],
      nan: 2 * 102 + 3,
      levels: ['scorer', 'individuals', 'bodyparts', 'coords'],
    });
    await expect(readResultFile(dlcH5PathFor(out))).rejects.toThrow(
      'a DeepLabCut .h5 (pandas table); open the DeepLabCut .csv written beside it instead.',
    );
  });
});
