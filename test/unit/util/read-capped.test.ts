import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readTrackingResult } from '../../../core/export/read';
import { readCocoGroundTruth } from '../../../core/eval/coco/coco-files';
import { DEFAULT_MAX_JSON_MB, maxJsonBytes, readTextCapped } from '../../../core/util/read-capped';

/**
 * Issue 25, item 12: PoseTrack and COCO files were read whole whatever their size (a 77 MB file
 * took the process to 1.35 GB). They are capped now (64 MB by default, POSETRAIL_MAX_JSON_MB),
 * with a message naming the file, its size and how to raise the limit.
 */

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-read-capped-'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

/** A PoseTrack 2018 file of about `mb` megabytes (one image, padded with a long file name). */
async function poseTrackFile(name: string, mb: number): Promise<string> {
  const file = path.join(dir, name);
  const doc = {
    images: [{ id: 0, file_name: `${'x'.repeat(Math.round(mb * 1024 * 1024))}.jpg`, frame_id: 0 }],
    annotations: [],
  };
  await fs.writeFile(file, JSON.stringify(doc));
  return file;
}

describe('JSON input size cap', () => {
  it('is 64 MB unless POSETRAIL_MAX_JSON_MB says otherwise', () => {
    expect(DEFAULT_MAX_JSON_MB).toBe(64);
    expect(maxJsonBytes({})).toBe(64 * 1024 * 1024);
    expect(maxJsonBytes({ POSETRAIL_MAX_JSON_MB: '0.5' })).toBe(512 * 1024);
    expect(() => maxJsonBytes({ POSETRAIL_MAX_JSON_MB: 'lots' })).toThrow(
      'Invalid POSETRAIL_MAX_JSON_MB=lots. Should be a positive number of megabytes.',
    );
  });

  it('refuses PoseTrack and COCO files over the limit, naming the file, and reads those under it', async () => {
    vi.stubEnv('POSETRAIL_MAX_JSON_MB', '1');
    const big = await poseTrackFile('big.json', 1.5);
    const expected = `${big} is 1.5 MB, more than the 1.0 MB Posetrail reads from a JSON file; set POSETRAIL_MAX_JSON_MB to raise the limit.`;
    await expect(readTrackingResult(big)).rejects.toThrow(expected);
    await expect(readCocoGroundTruth(big)).rejects.toThrow(expected);
    const small = await poseTrackFile('small.json', 0.5);
    await expect(readTrackingResult(small)).resolves.toMatchObject({ video: { frameCount: 1 } });
    vi.stubEnv('POSETRAIL_MAX_JSON_MB', '2');
    await expect(readTrackingResult(big)).resolves.toMatchObject({ video: { frameCount: 1 } });
  });

  it('refuses what is not a regular file without waiting on it', async () => {
    const fifo = path.join(dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    await expect(readTextCapped(fifo)).rejects.toThrow(`${fifo}: cannot read (not a regular file).`);
    await expect(readTextCapped(dir)).rejects.toThrow(`${dir}: cannot read (not a regular file).`);
    await expect(readTextCapped(path.join(dir, 'missing.json'))).rejects.toThrow(
      `${path.join(dir, 'missing.json')}: cannot read (ENOENT).`,
    );
  });
});
