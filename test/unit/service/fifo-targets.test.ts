import { execFileSync } from 'node:child_process';
import { constants, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExport } from '../../../core/service/export-job';
import type { CorePorts } from '../../../core/service/core-ports';
import type { ProjectState } from '../../../core/api/pose-api';
import { writeTrackingResult } from '../../../core/export';
import { existingFileKind } from '../../../core/export/existing-output';
import { trackFile } from '../../../core/batch/track-file';
import { writeFileAtomic } from '../../../core/util/fs';
import { makeResult } from '../export/fixtures';

/**
 * Opening a FIFO for reading blocks one of libuv's four file threads until a writer appears:
 * four exports to FIFOs stopped the web host, and a queue job with a FIFO output waited forever.
 * Outputs and inputs must be regular files, checked before anything opens them.
 */
let root: string;
const fifos: string[] = [];

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-fifo-'));
  for (let index = 0; index < 4; index++) {
    const fifo = path.join(root, `out-${index}.csv`);
    execFileSync('mkfifo', [fifo]);
    fifos.push(fifo);
  }
});

afterAll(async () => {
  // Were a read still blocked (the old code), a writer that opens and closes releases it.
  for (const fifo of fifos)
    await fs.open(fifo, constants.O_WRONLY | constants.O_NONBLOCK).then(
      (h) => h.close(),
      () => {},
    );
  await fs.rm(root, { recursive: true, force: true });
});

const ports = { writeResult: (outPath, result, format) => writeTrackingResult(outPath, result, { format }) } as Pick<
  CorePorts,
  'writeResult'
> as CorePorts;

function exportTo(outPath: string, overwrite: boolean) {
  const project = {
    videoPath: path.join(root, 'clip.mp4'),
    result: makeResult(),
    tracks: [],
  } as unknown as ProjectState;
  return runExport({
    videoPath: project.videoPath,
    project,
    options: { overwrite },
    format: 'csv',
    outPath,
    overwrite,
    ports,
    spawnWorker: () => {
      throw new Error('not used');
    },
    onProgress: () => {},
  });
}

/** Settles within `ms`, or reports that it hung. */
function within<T>(promise: Promise<T>, ms = 3_000): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still blocked after ${ms} ms`)), ms)),
  ]);
}

describe('FIFOs as export and batch outputs', () => {
  it('refuses four exports to FIFOs at once, and file reads still run afterwards', async () => {
    const results = await within(Promise.allSettled(fifos.map((fifo) => exportTo(fifo, false))));
    for (const [index, result] of results.entries()) {
      expect(result.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason.message).toBe(
        `Cannot export csv to ${fifos[index]}: ${fifos[index]} is a FIFO (named pipe), not a regular file; only regular files are read or replaced.`,
      );
    }
    // All four file threads are free: an ordinary read completes.
    await within(fs.readFile(__filename), 2_000);
  });

  it('refuses a confirmed replace of a FIFO too', async () => {
    await expect(within(exportTo(fifos[0], true))).rejects.toThrow(
      `Cannot export csv to ${fifos[0]}: ${fifos[0]} is a FIFO (named pipe)`,
    );
    expect((await fs.lstat(fifos[0])).isFIFO()).toBe(true);
  });

  it('a batch or queue job with a FIFO output fails at once, before tracking', async () => {
    const started = Date.now();
    await expect(
      within(trackFile(path.join(root, 'missing.mp4'), fifos[1], { settings: {} as never, format: 'posetrack18' }, {})),
    ).rejects.toThrow(`${fifos[1]} is a FIFO (named pipe), not a regular file`);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('existingFileKind and writeFileAtomic name the FIFO instead of blocking or replacing it', async () => {
    await expect(within(existingFileKind(fifos[2]))).rejects.toThrow(
      `${fifos[2]} is a FIFO (named pipe), not a regular file`,
    );
    await expect(within(writeFileAtomic(fifos[3], 'x'))).rejects.toThrow(fifos[3]);
    expect((await fs.lstat(fifos[3])).isFIFO()).toBe(true);
  });
});
