import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { register } from '../../../hosts/cli/commands/eval';
import { writeTrackingResult } from '../../../core/export/write';
import { makeResult } from '../export/fixtures';
import { readFileSync } from 'node:fs';
import { sharedAsset } from '../../helpers/assets';
import { posetrack18, tempDir, writeJson } from './fixtures';

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * Runs the eval sub-command on its own program, the way hosts/cli/main.ts does: usage errors exit
 * through commander, other errors print as one `posetrail: <message>` line with exit code 1.
 */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const program = new Command('posetrail')
    .exitOverride()
    .configureOutput({ writeErr: (s) => (stderr += s), writeOut: (s) => (stdout += s) });
  register(program);
  for (const command of program.commands) command.exitOverride().configureOutput({ writeErr: (s) => (stderr += s) });
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  let code = 0;
  try {
    await program.parseAsync(['node', 'posetrail', 'eval', ...args]);
  } catch (error) {
    code = error instanceof CommanderError ? error.exitCode : 1;
    if (!(error instanceof CommanderError)) stderr += `posetrail: ${(error as Error).message}\n`;
  }
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

describe('posetrail eval', () => {
  it('prints the table, and the full report with --json', async () => {
    const frames = [{ people: [{ track: 0, x: 10, y: 10 }] }, { people: [{ track: 0, x: 12, y: 10 }] }];
    const gt = await writeJson(path.join(dir, 'gt.json'), posetrack18(frames));
    const table = await cli('--gt', gt, '--pred', gt);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('1 sequence(s), 2 labelled frame(s) evaluated');
    // poseval's layout: the AP table, then the MOT table (MOTA per group, then MOTP, Prec, Rec totals).
    expect(table.stdout).toContain(
      'Average Precision (AP) metric:\n& Head & Shou & Elb  & Wri  & Hip  & Knee & Ankl & Total\\\\\n' +
        `&${'100.0 &'.repeat(7)}100.0 \\\\\n`,
    );
    expect(table.stdout).toContain(
      `& Head & Shou & Elb  & Wri  & Hip  & Knee & Ankl & Total& Total& Total& Total\\\\\n&${'100.0 &'.repeat(10)}100.0 \\\\\n`,
    );
    const json = await cli('--gt', gt, '--pred', gt, '--json');
    const report = JSON.parse(json.stdout);
    expect(report.ap.total).toBe(100);
    expect(report.mota.perJoint.nose).toBe(100);
    expect(report.motCounts.objects).toBe(15); // frame 0 only: MOT skips the last labelled frame
  });

  it('evaluates our own COCO-layout export against itself (head points derived on both sides)', async () => {
    const file = path.join(dir, 'ours.json');
    await writeTrackingResult(file, makeResult(), { format: 'posetrack18', keypoints: 'coco' });
    const { code, stdout } = await cli('--gt', file, '--pred', file, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.sequences[0]).toMatchObject({ frames: 5, evaluatedFrames: 3 });
    expect(report.ap.total).toBe(100);
    expect(report.mota.total).toBe(100);
  });

  it("--coco prints pycocotools' summary, and its numbers with --json", async () => {
    const gt = sharedAsset('images/coco/test_coco.json');
    const doc = JSON.parse(readFileSync(gt, 'utf8')) as {
      annotations: { image_id: number; keypoints: number[]; num_keypoints: number }[];
    };
    const results = doc.annotations
      .filter((a) => a.num_keypoints > 0)
      .map((a) => ({ image_id: a.image_id, category_id: 1, keypoints: a.keypoints, score: 1 }));
    const pred = await writeJson(path.join(dir, 'coco-results.json'), results);
    const text = await cli('--coco', '--gt', gt, '--pred', pred);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(' Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets= 20 ] = 1.000');
    expect(text.stdout).toContain(' Average Recall     (AR) @[ IoU=0.50      | area=   all | maxDets= 20 ] = 1.000');
    const json = JSON.parse((await cli('--coco', '--gt', gt, '--pred', pred, '--json')).stdout);
    expect(json).toMatchObject({ images: 4, groundTruthPeople: results.length, ap: 1, ar: 1 });
  });

  it('fails with one line naming the missing file, and on missing options', async () => {
    const missing = path.join(dir, 'missing.json');
    const r = await cli('--gt', missing, '--pred', missing);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`posetrail: --gt ${missing} does not exist.\n`);
    const usage = await cli('--gt', missing);
    expect(usage.code).not.toBe(0);
    expect(usage.stderr).toContain("required option '--pred <path>' not specified");
  });
});
