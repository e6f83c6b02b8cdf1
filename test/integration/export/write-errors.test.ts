import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTrackingResult } from '../../../core/export';
import { writeCause } from '../../../core/util/write-errors';
import { mountSmallDisk, type SmallDisk } from '../../helpers/small-disk';
import { makeResult } from '../../unit/export/fixtures';

let disk: SmallDisk | null = null;
let skipReason = '';

beforeAll(async () => {
  ({ disk, reason: skipReason } = await mountSmallDisk(1024 * 1024));
});
afterAll(async () => {
  await disk?.unmount();
});

describe('write errors in words', () => {
  it('names the file and says the disk is full, leaving no partial file', async (context) => {
    if (!disk) return context.skip(skipReason);
    await disk.leaveFree(4096);
    const out = path.join(disk.dir, 'out.json');
    const big = makeResult();
    big.frames = Array.from({ length: 400 }, (_, frameIndex) => ({ ...big.frames[0], frameIndex }));
    big.video = { ...big.video, frameCount: 400, frameTimesMs: Array.from({ length: 400 }, (_, i) => i * 40) };
    await expect(writeTrackingResult(out, big, { format: 'posetrack18' })).rejects.toMatchObject({
      message: `Cannot write ${out}: the disk is full`,
      code: 'ENOSPC',
    });
    expect((await fs.readdir(disk.dir)).filter((name) => name !== '.filler')).toEqual([]);
  });

  it('words the other common causes', () => {
    const coded = (code: string) => Object.assign(new Error(`${code}: raw`), { code });
    expect(writeCause(coded('EACCES'))).toBe('permission denied');
    expect(writeCause(coded('EROFS'))).toBe('the file system is read-only');
    expect(writeCause(coded('EDQUOT'))).toBe('the disk quota is used up');
    expect(writeCause(coded('EWEIRD'))).toBe('EWEIRD: raw');
  });
});
