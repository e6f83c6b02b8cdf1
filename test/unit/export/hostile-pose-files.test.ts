/**
 * Pose files from elsewhere are read with bounded memory and never block: a SLEAP file whose
 * chunked, compressed "tracks" dataset declares billions of values in a few kilobytes is refused
 * before it is read, and a FIFO named as a SLEAP, NWB or DeepLabCut file is refused at once.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readResultFile } from '../../../core/export/read';
import { MAX_DATASET_VALUES } from '../../../core/export/hdf5/datasets';
import { runPython } from '../../helpers/python-readers';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-hostile-pose-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('hostile pose files', () => {
  it('refuses a SLEAP file whose tracks declare more values than it reads, naming file and dataset', async () => {
    const file = path.join(dir, 'bomb.analysis.h5');
    // 4 × 2 × 17 × 20 M = 2.7 G values, stored as one written chunk of zeros; the rest is fill.
    runPython(
      `import sys, json, numpy as np, h5py
with h5py.File(sys.argv[1], 'w') as f:
  t = f.create_dataset('tracks', shape=(4, 2, 17, 20_000_000), dtype='f8', chunks=(1, 2, 17, 1000), compression='gzip')
  t[0, :, :, :1000] = 0
  f['node_names'] = np.array([b'n%d' % i for i in range(17)])
  f['track_occupancy'] = np.zeros((20_000_000, 4), dtype=np.uint8)[:1]
print(json.dumps(True))`,
      [file],
    );
    await expect(readResultFile(file)).rejects.toThrow(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: "tracks" in / declares 2720000000 values, more than the ${MAX_DATASET_VALUES}`,
      ),
    );
  });

  it.each(['fifo.analysis.h5', 'fifo.nwb', 'fifo.csv'])(
    'refuses a FIFO named %s without waiting for a writer',
    async (name) => {
      const fifo = path.join(dir, name);
      execFileSync('mkfifo', [fifo]);
      const started = performance.now();
      await expect(readResultFile(fifo)).rejects.toThrow(`${fifo}: cannot read (not a regular file).`);
      expect(performance.now() - started).toBeLessThan(5_000);
    },
  );
});
