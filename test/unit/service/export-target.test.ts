import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExport } from '../../../core/service/export-job';
import { isPosetrailOutput } from '../../../core/export/existing-output';
import type { CorePorts } from '../../../core/service/core-ports';
import type { ProjectState } from '../../../core/api/pose-api';
import { writeTrackingResult } from '../../../core/export';
import { createVideoWriter } from '../../../core/video/writer';
import { makeResult } from '../export/fixtures';

let root: string;
beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-export-target-'));
});
afterAll(() => fs.rm(root, { recursive: true, force: true }));

const ports = { writeResult: (outPath, result, format) => writeTrackingResult(outPath, result, { format }) } as Pick<
  CorePorts,
  'writeResult'
> as CorePorts;

function exportTo(outPath: string, format: 'csv' | 'posetrack18', overwrite = false) {
  const project = {
    videoPath: path.join(root, 'clip.mp4'),
    result: makeResult(),
    tracks: [],
  } as unknown as ProjectState;
  return runExport({
    videoPath: project.videoPath,
    project,
    options: { overwrite },
    format,
    outPath,
    overwrite,
    ports,
    spawnWorker: () => {
      throw new Error('not used');
    },
    onProgress: () => {},
  });
}

async function overlayVideo(file: string): Promise<void> {
  const writer = await createVideoWriter(file, { width: 32, height: 24, fps: { num: 5, den: 1 } });
  for (let i = 0; i < 3; i++) await writer.write(new Uint8Array(32 * 24 * 3).fill(i * 40));
  await writer.finish();
}

describe('exports replace only files Posetrail wrote', () => {
  it('refuses to replace an unrelated file with EXPORT_EXISTS and leaves it untouched', async () => {
    const notes = path.join(root, 'notes.json');
    await fs.writeFile(notes, '{"my":"thesis data"}');
    await expect(exportTo(notes, 'posetrack18')).rejects.toMatchObject({
      code: 'EXPORT_EXISTS',
      message: `${notes} already exists and was not written by Posetrail; replace it only if you are sure.`,
    });
    expect(await fs.readFile(notes, 'utf8')).toBe('{"my":"thesis data"}');
    const sheet = path.join(root, 'budget.csv');
    await fs.writeFile(sheet, 'month,amount\njan,12\n');
    await expect(exportTo(sheet, 'csv')).rejects.toMatchObject({ code: 'EXPORT_EXISTS' });
    expect(await fs.readFile(sheet, 'utf8')).toBe('month,amount\njan,12\n');
  });

  it('replaces an unrelated file when the request says overwrite', async () => {
    const notes = path.join(root, 'forced.json');
    await fs.writeFile(notes, 'not ours');
    await exportTo(notes, 'posetrack18', true);
    expect(JSON.parse(await fs.readFile(notes, 'utf8')).posetrail.format_version).toBe(1);
  });

  it('asks (ALREADY_EXISTS) before replacing its own earlier exports, and replaces them with overwrite, across formats', async () => {
    const out = path.join(root, 'again.json');
    await exportTo(out, 'posetrack18');
    await expect(exportTo(out, 'posetrack18')).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    await exportTo(out, 'posetrack18', true);
    const csv = path.join(root, 'again.csv');
    await exportTo(csv, 'csv');
    await exportTo(csv, 'csv', true);
    expect(await isPosetrailOutput(out)).toBe(true);
    expect(await isPosetrailOutput(csv)).toBe(true);
  });

  it('recognises every result format it writes, and a long-form CSV from before the flags column', async () => {
    for (const format of ['posetrack17', 'csv-wide', 'coco', 'analysis-csv'] as const) {
      const out = path.join(root, `${format}.out`);
      await writeTrackingResult(out, makeResult(), { format });
      expect(await isPosetrailOutput(out), format).toBe(true);
    }
    const older = path.join(root, 'older.csv');
    await fs.writeFile(older, 'frame,time_ms,track_id,keypoint,x,y,score\n1,40,0,nose,1,2,0.9\n');
    expect(await isPosetrailOutput(older)).toBe(true);
    const theirs = path.join(root, 'baseline.json');
    await fs.writeFile(theirs, JSON.stringify([{ image_id: 1, category_id: 1, keypoints: [1, 2, 1], score: 0.9 }]));
    expect(await isPosetrailOutput(theirs)).toBe(false);
  });

  it('tells its own overlay video from another MP4, and a ground-truth PoseTrack file from its own', async () => {
    const ours = path.join(root, 'overlay.mp4');
    await overlayVideo(ours);
    expect(await isPosetrailOutput(ours)).toBe(true);
    const theirs = path.join(root, 'holiday.mp4');
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=32x24:rate=5',
      '-frames:v',
      '3',
      '-pix_fmt',
      'yuv420p',
      '-y',
      theirs,
    ]);
    expect(await isPosetrailOutput(theirs)).toBe(false);
    const groundTruth = path.join(root, '000342_mpii_test.json');
    await fs.writeFile(
      groundTruth,
      JSON.stringify({
        images: [{ id: 1, file_name: 'images/val/000342_mpii_test/000000.jpg' }],
        annotations: [],
        categories: [],
      }),
    );
    expect(await isPosetrailOutput(groundTruth)).toBe(false);
  });
});

describe('the exports.run arguments', () => {
  it('accept an optional overwrite flag and nothing else', async () => {
    const { API_ARG_SCHEMAS } = await import('../../../core/api/schemas');
    const run = API_ARG_SCHEMAS.exports.run;
    expect(run.safeParse(['/v.mp4', 'csv', '/o.csv']).success).toBe(true);
    expect(run.safeParse(['/v.mp4', 'csv', '/o.csv', { overwrite: true }]).success).toBe(true);
    expect(run.safeParse(['/v.mp4', 'csv', '/o.csv', { overwrite: 'yes' }]).success).toBe(false);
    expect(run.safeParse(['/v.mp4', 'csv', '/o.csv', { force: true }]).success).toBe(false);
  });
});
