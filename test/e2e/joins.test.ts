/**
 * Stitching joins in the app, end to end: a clip cut from the shared two-people video in which a
 * grey block hides the woman for 2 s is tracked with the lost-track memory off and stitching on,
 * so her two pieces are joined after the run. The real renderer in Chromium, against
 * `posetrail serve`, shows the join as a mark across the gap in her lane; hovering it says why;
 * "Split here" undoes the join, Ctrl+Z joins again and Ctrl+Y splits again, every step autosaved.
 * Screenshots land in test-results/e2e/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SHARED_MODELS_DIR, VIDEOS } from '../helpers/assets';
import { resolveTool } from '../../core/video/ffmpeg';
import { runTracking } from '../../core/pipeline/runner';
import { ProjectManager } from '../../core/project/project-manager';
import { projectFileCandidates } from '../../core/project/project-file';
import { trackColorHex } from '../../core/render/colors';
import type { TrackJoin } from '../../core/types';
import { openThroughFileBrowser, startE2eSession, type E2eSession } from './support/review-session';
import { TIMELINE_LABEL_DEFAULT_WIDTH_PX } from '../../renderer/src/lib/constants';

let s: E2eSession;
let page: Page;
let videoPath: string;
let join: TrackJoin;

async function laneIds(): Promise<number[]> {
  const ids = (await page.getAttribute('[data-testid=timeline]', 'data-track-ids')) ?? '';
  return ids ? ids.split(',').map(Number) : [];
}

function savedEdits(): { kind: string }[] {
  const file = JSON.parse(readFileSync(projectFileCandidates(videoPath, path.join(s.host.rootDir, 'data'))[0], 'utf8'));
  return file.edits.slice(0, file.cursor);
}

beforeAll(async () => {
  s = await startE2eSession();
  page = s.page;
  const videos = path.join(s.host.rootDir, 'videos');
  mkdirSync(videos, { recursive: true });
  videoPath = path.join(videos, 'hidden-2s.mp4');
  // Source frames 40–149 at 480×270; the lower half (where she walks) grey on clip frames 30–89.
  const block = "drawbox=x=0:y=ih/2:w=iw:h=ih/2:color=gray:t=fill:enable='between(n,30,89)'";
  const made = spawnSync(
    resolveTool('ffmpeg').path,
    [
      '-v',
      'error',
      '-y',
      '-i',
      VIDEOS.twoPeople,
      '-vf',
      `trim=start_frame=40:end_frame=150,setpts=PTS-STARTPTS,scale=480:270,${block}`,
      '-an',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-crf',
      '18',
      '-pix_fmt',
      'yuv420p',
      videoPath,
    ],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`ffmpeg failed: ${made.stderr}`);
  process.env.POSETRAIL_MODEL_PATH ??= SHARED_MODELS_DIR;
  const { result } = await runTracking(videoPath, {
    detector: 'yolox-nano-416',
    poseModel: 'simplepose-nano',
    reidModel: 'none',
    device: 'cpu',
    detectorTiling: 'off',
    relink: false,
    stitch: true,
  });
  // Her pieces before and after the block, joined.
  join = result.joins!.find((j) => j.endFrame < 35 && j.startFrame > 85)!;
  expect(join).toBeDefined();
  await new ProjectManager({ dataDir: path.join(s.host.rootDir, 'data'), colorOf: trackColorHex }).replaceResult(
    videoPath,
    result,
  );
}, 400_000);

afterAll(async () => {
  await s?.close();
});

describe('stitching joins on the timeline', () => {
  it('draws the joined identity as one lane with a join mark across the gap, and says why on hover', async () => {
    await page.goto(s.host.url);
    await openThroughFileBrowser(page, videoPath, '[data-testid=timeline]');
    const mark = page.locator(
      `[data-testid=join-mark][data-track-id="${join.trackId}"][data-start-frame="${join.startFrame}"]`,
    );
    await mark.waitFor();
    expect(await laneIds()).not.toContain(join.pieceId);
    // The mark spans the gap: from after the last frame before it to the first frame after it.
    const timeline = (await page.locator('[data-testid=timeline]').boundingBox())!;
    const box = (await mark.boundingBox())!;
    const areaW = timeline.width - TIMELINE_LABEL_DEFAULT_WIDTH_PX;
    const frameX = (f: number) => timeline.x + TIMELINE_LABEL_DEFAULT_WIDTH_PX + (f / 110) * areaW;
    expect(box.x).toBeCloseTo(frameX(join.endFrame + 1), -1);
    expect(box.x + box.width).toBeCloseTo(frameX(join.startFrame), -1);
    await mark.hover();
    const tip = await page.locator('[data-testid=join-tip]').textContent();
    expect(tip).toContain(
      `Joined across a ${(join.gapFrames / 30).toFixed(1)} s gap (${join.gapFrames} frames, ${join.endFrame}→${join.startFrame})`,
    );
    expect(tip).toContain(`${join.distance.toFixed(2)} body heights`);
    expect(tip).toContain(join.appearance === null ? 'no colours' : `colours alike ${join.appearance.toFixed(2)}`);
    await s.shot('joins-01-hover');
  });

  it('"Split here" undoes the join; Ctrl+Z joins again, Ctrl+Y splits again; each step is saved', async () => {
    const mark = page.locator(
      `[data-testid=join-mark][data-track-id="${join.trackId}"][data-start-frame="${join.startFrame}"]`,
    );
    await mark.click();
    await page.locator('[data-testid=join-menu]').waitFor();
    await s.shot('joins-02-menu');
    await page.click('[data-testid=split-join]');
    await expect.poll(laneIds).toContain(join.pieceId);
    expect(await mark.count()).toBe(0);
    expect(savedEdits()).toEqual([{ kind: 'unjoin', trackId: join.trackId, frameIndex: join.startFrame }]);
    await s.shot('joins-03-split');
    await page.keyboard.press('Control+z');
    await expect.poll(laneIds).not.toContain(join.pieceId);
    await mark.waitFor();
    expect(savedEdits()).toEqual([]);
    await page.keyboard.press('Control+y');
    await expect.poll(laneIds).toContain(join.pieceId);
    expect(savedEdits()).toHaveLength(1);
  });
});
