/**
 * NWB files with ndx-pose, laid out as pynwb writes them (built here with h5py, since pynwb and
 * ndx-pose are not packaged for Debian): read as one track per PoseEstimation.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COCO17 } from '../../../core/keypoints/schema';
import { readResultFile } from '../../../core/export/read';
import { runPython } from '../../helpers/python-readers';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-nwb-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Two PoseEstimations over 4 frames at 25 fps from 10 s: "track_2" (timestamps) and "rat" (starting_time + rate, unseen on frame 1). */
const MAKE_NWB = `import sys, numpy as np, h5py
names = sys.argv[2].split(',')
def typed(obj, ntype, ns):
  obj.attrs['neurodata_type'] = ntype; obj.attrs['namespace'] = ns; obj.attrs['object_id'] = ntype
with h5py.File(sys.argv[1], 'w') as f:
  typed(f, 'NWBFile', 'core'); f.attrs['nwb_version'] = '2.8.0'
  behavior = f.create_group('processing/behavior'); typed(behavior, 'ProcessingModule', 'core')
  behavior.attrs['description'] = 'poses'
  for track, (name, timed) in enumerate([('track_2', True), ('rat', False)]):
    pe = behavior.create_group(name); typed(pe, 'PoseEstimation', 'ndx-pose')
    pe.create_dataset('original_videos', data=['/data/arena.mp4'], dtype=h5py.string_dtype())
    for n, node in enumerate(names):
      s = pe.create_group(node); typed(s, 'PoseEstimationSeries', 'ndx-pose')
      xy = np.array([[100 * track + n + f / 8, 200 + n] for f in range(4)], dtype=np.float32)
      conf = np.array([0.5 + n / 100] * 4, dtype=np.float32)
      if name == 'rat': xy[1] = np.nan; conf[1] = np.nan
      d = s.create_dataset('data', data=xy); d.attrs['unit'] = 'pixels'; d.attrs['conversion'] = 1.0
      s.create_dataset('confidence', data=conf)
      if timed:
        s.create_dataset('timestamps', data=10 + np.arange(4) / 25).attrs['unit'] = 'seconds'
      else:
        st = s.create_dataset('starting_time', data=10.0); st.attrs['rate'] = 25.0; st.attrs['unit'] = 'seconds'
print('1')`;

describe('NWB with ndx-pose', () => {
  it('reads each PoseEstimation as a track, each series as a keypoint, frames from the timestamps', async () => {
    const file = path.join(dir, 'session.nwb');
    runPython(MAKE_NWB, [file, COCO17.names.join(',')]);
    const { result, trackNames } = await readResultFile(file);
    expect(trackNames).toEqual({ 3: 'rat' });
    expect(result.schema).toBe('coco17');
    expect(result.video.path).toBe('/data/arena.mp4');
    expect(result.frames.map((f) => f.timestampMs)).toEqual([0, 40, 80, 120]);
    expect(result.frames.map((f) => f.poses.map((p) => p.trackId).sort())).toEqual([[2, 3], [2], [2, 3], [2, 3]]);
    // float32 in the file: 116.25 and 216 are exact, 0.66 is its nearest float32.
    expect(result.frames[2].poses.find((p) => p.trackId === 3)!.keypoints[16]).toEqual([
      116.25,
      216,
      Math.fround(0.66),
    ]);
  });

  it('refuses an HDF5 file that is not NWB, naming it', async () => {
    const file = path.join(dir, 'plain.nwb');
    runPython(`import sys, h5py\nh5py.File(sys.argv[1], 'w').create_group('processing')\nprint('1')`, [file]);
    await expect(readResultFile(file)).rejects.toThrow(
      `${file}: not an NWB file (the root has no neurodata_type "NWBFile").`,
    );
  });
});
