/**
 * Stitching joins in the app, end to end: a clip cut from the shared two-people video in which a
 * grey block hides the woman for 2 s is tracked with the lost-track memory off and stitching on,
 * so her two pieces are joined after the run. The real renderer in Chromium, against
 * `posetrail serve`, shows the join as a mark across the gap in her lane; hovering it says why;
 * "Split here" undoes the join, Ctrl+Z joins again and Ctrl+Y splits again, every step autosaved.
 * Screenshots land in test-results/e2e/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { REPO_ROOT, SHARED_MODELS_DIR, VIDEOS } from '../helpers/assets';
import { resolveTool } from '../../core/video/ffmpeg';
import { runTracking } from '../../core/pipeline/runner';
import { ProjectManager } from '../../core/project/project-manager';
import { projectFileCandidates } from '../../core/project/project-file';
import { trackColorHex } from '../../core/render/colors';
import type { TrackJoin } from '../../core/types';
import { launchChromium, type ChromiumSession } from './support/browser';
import { startWebHost, type RunningHost } from './support/web-host';

const SHOTS = path.join(REPO_ROOT, 'test-results/e2e');
const FOLDER_PATH_INPUT = 'input[aria-label="Folder path"]';

let host: RunningHost;
let session: ChromiumSession;
let page: Page;
let videoPath: string;
let join: TrackJoin;

async function laneIds(): Promise<number[]> {
  const ids = (await page.getAttribute('[data-testid=timeline]', 'data-track-ids')) ?? '';
  return ids ? ids.split(',').map(Number) : [];
}

function savedEdits(): { kind: string }[] {
  const file = JSON.parse(readFileSync(projectFileCandidates(videoPath, path.join(host.rootDir, 'data'))[0], 'utf8'));
  return file.edits.slice(0, file.cursor);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'error'], { cwd: REPO_ROOT, stdio: 'inherit' });
  host = await startWebHost();
  const videos = path.join(host.rootDir, 'videos');
  mkdirSync(videos, { recursive: true });
  videoPath = path.join(videos, 'hidden-2s.mp4');
  // Source frames 40–149 at 480×270; the lower half (where she walks) grey on clip frames 30–89.
  const block = "drawbox=x=0:y=ih/2:w=iw:h=ih/2:color=gray:t=fill:enable='between(n,30,89)'";
  const made = spawnSync(resolveTool('ffmpeg').path, ['-v', 'error', '-y', '-i', VIDEOS.twoPeople, '-vf', `trim=start_frame=40:end_frame=150,setpts=PTS-STARTPTS,scale=480:270,${block}`, '-an', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p', videoPath], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`ffmpeg failed: ${made.stderr}`);
  process.env.POSETRAIL_MODEL_PATH ??= SHARED_MODELS_DIR;
  const { result } = await runTracking(videoPath, { detector: 'yolox-nano-416', poseModel: 'simplepose-nano', device: 'cpu', detectorTiling: 'off', relink: false, stitch: true });
  // Her pieces before and after the block, joined.
  join = result.joins!.find((j) => j.endFrame < 35 && j.startFrame > 85)!;
  expect(join).toBeDefined();
  await new ProjectManager({ dataDir: path.join(host.rootDir, 'data'), colorOf: trackColorHex }).replaceResult(videoPath, result);
  session = await launchChromium();
  page = session.page;
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
}, 400_000);

afterAll(async () => {
  await session?.close();
  await host?.stop();
});

describe('stitching joins on the timeline', () => {
  it('draws the joined identity as one lane with a join mark across the gap, and says why on hover', async () => {
    await page.goto(host.url);
    await page.click('button:has-text("Open video…")');
    await page.fill(FOLDER_PATH_INPUT, path.dirname(videoPath));
    await page.press(FOLDER_PATH_INPUT, 'Enter');
    await page.click(`button[role=option]:has-text("${path.basename(videoPath)}")`);
    await page.click('dialog button:has-text("Open")');
    await page.waitForSelector('[data-testid=timeline]');
    const mark = page.locator(`[data-testid=join-mark][data-track-id="${join.trackId}"][data-start-frame="${join.startFrame}"]`);
    await mark.waitFor();
    expect(await laneIds()).not.toContain(join.pieceId);
    // The mark spans the gap: from after the last frame before it to the first frame after it.
    const timeline = (await page.locator('[data-testid=timeline]').boundingBox())!;
    const box = (await mark.boundingBox())!;
    const areaW = timeline.width - 76;
    const frameX = (f: number) => timeline.x + 76 + (f / 110) * areaW;
    expect(box.x).toBeCloseTo(frameX(join.endFrame + 1), -1);
    expect(box.x + box.width).toBeCloseTo(frameX(join.startFrame), -1);
    await mark.hover();
    const tip = await page.locator('[data-testid=join-tip]').textContent();
    expect(tip).toContain(`Joined across a ${(join.gapFrames / 30).toFixed(1)} s gap (${join.gapFrames} frames, ${join.endFrame}→${join.startFrame})`);
    expect(tip).toContain(`${join.distance.toFixed(2)} body heights`);
    expect(tip).toContain(join.appearance === null ? 'no colours' : `colours alike ${join.appearance.toFixed(2)}`);
    await page.screenshot({ path: path.join(SHOTS, 'joins-01-hover.png') });
  });

  it('"Split here" undoes the join; Ctrl+Z joins again, Ctrl+Y splits again; each step is saved', async () => {
    const mark = page.locator(`[data-testid=join-mark][data-track-id="${join.trackId}"][data-start-frame="${join.startFrame}"]`);
    await mark.click();
    await page.locator('[data-testid=join-menu]').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'joins-02-menu.png') });
    await page.click('[data-testid=split-join]');
    await expect.poll(laneIds).toContain(join.pieceId);
    expect(await mark.count()).toBe(0);
    expect(savedEdits()).toEqual([{ kind: 'unjoin', trackId: join.trackId, frameIndex: join.startFrame }]);
    await page.screenshot({ path: path.join(SHOTS, 'joins-03-split.png') });
    await page.keyboard.press('Control+z');
    await expect.poll(laneIds).not.toContain(join.pieceId);
    await mark.waitFor();
    expect(savedEdits()).toEqual([]);
    await page.keyboard.press('Control+y');
    await expect.poll(laneIds).toContain(join.pieceId);
    expect(savedEdits()).toHaveLength(1);
  });
});
