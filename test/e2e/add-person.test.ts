/**
 * Adding a person the detector missed, end to end in Chromium against `posetrail serve`: the
 * woman's track is deleted on frames 60–80 of a real result (frames 30–100 of the shared
 * two-people clip), then the box tool draws a box around her on frame 60, the back end runs the
 * pose model on it and follows her for 10 frames; undo and redo take the whole addition back and
 * forth, and the CSV export flags her poses "added". Screenshots land in test-results/e2e/add-person/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ProjectState } from '../../core/api/pose-api';
import { KEYPOINT_FLAG, type TrackingResult } from '../../core/types';
import { runTracking } from '../../core/pipeline/runner';
import { writeProjectFile } from '../../core/project/project-file';
import { EMPTY_HISTORY } from '../../core/project/history';
import { REPO_ROOT, SHARED_MODELS_DIR, VIDEOS } from '../helpers/assets';
import { copyIntoHost, startE2eSession, type E2eSession } from './support/review-session';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: { querySelector(selector: string): any };

const SHOTS = path.join(REPO_ROOT, 'test-results/e2e/add-person');
const FOLLOW_FRAMES = 10;

let s: E2eSession;
let page: Page;
let videoPath: string;
let tracked: TrackingResult;
let woman: number;
let added: number;

const load = () => s.api<ProjectState>('project', 'load', videoPath);
const addedFrames = (state: ProjectState, trackId: number) =>
  state.result.frames
    .filter((f) =>
      f.poses.some((p) => p.trackId === trackId && p.keypointFlags?.every((bits) => bits === KEYPOINT_FLAG.added)),
    )
    .map((f) => f.frameIndex);

async function goToFrame(frame: number): Promise<void> {
  await page.fill('[data-testid=frame-input]', String(frame));
  await page.press('[data-testid=frame-input]', 'Enter');
  await page.waitForFunction(
    (f) => document.querySelector('[data-testid=overlay]')?.getAttribute('data-frame') === String(f),
    frame,
  );
  await page.locator('[data-testid=player]').click({ position: { x: 3, y: 3 } });
}

/** Screen position of image point (x, y) on the box tool's layer. */
async function screenPoint(x: number, y: number): Promise<[number, number]> {
  const r = (await page.locator('[data-testid=box-tool]').boundingBox())!;
  return [r.x + (x / tracked.video.width) * r.width, r.y + (y / tracked.video.height) * r.height];
}

beforeAll(async () => {
  process.env.POSETRAIL_MODEL_PATH ??= SHARED_MODELS_DIR;
  s = await startE2eSession({ shotsDir: SHOTS });
  page = s.page;
  videoPath = copyIntoHost(s.host, 'videos', VIDEOS.twoPeople);
  const run = await runTracking(
    videoPath,
    {
      detector: 'yolox-nano-416',
      poseModel: 'simplepose-nano',
      device: 'cpu',
      detectorTiling: 'off',
      reidModel: 'none',
      startFrame: 30,
      endFrame: 100,
    },
    {},
  );
  tracked = run.result;
  const atStart = new Set(tracked.frames[0].poses.map((p) => p.trackId));
  woman = tracked.frames.find((f) => f.frameIndex === 70)!.poses.find((p) => !atStart.has(p.trackId))!.trackId;
  await writeProjectFile(
    { videoPath, baseResult: tracked, history: EMPTY_HISTORY, revision: 1 },
    [],
    path.join(s.host.rootDir, 'data'),
  );
  // The detector "missed" her on frames 60–80.
  await s.api('project', 'edit', videoPath, {
    kind: 'deleteRange',
    trackId: woman,
    fromFrameIndex: 60,
    toFrameIndex: 80,
  });
}, 300_000);

afterAll(async () => {
  await s?.close();
});

describe('adding a missed person in Chromium against posetrail serve', () => {
  it('draws a box around her on frame 60 and adds her, followed for 10 frames, on a new track', async () => {
    await page.goto(`${s.host.url}&open=${encodeURIComponent(videoPath)}`);
    await page.waitForSelector('[data-testid=overlay]');
    await goToFrame(60);
    await page.click('[data-testid=add-person-tool]');
    await page.waitForSelector('[data-testid=box-tool]');
    await page.waitForSelector('[data-testid=add-person-panel] >> text=Drag a box around the person');
    const { x, y, w, h } = tracked.frames.find((f) => f.frameIndex === 60)!.poses.find((p) => p.trackId === woman)!.box;
    const [x0, y0] = await screenPoint(x, y);
    const [x1, y1] = await screenPoint(x + w, y + h);
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    await page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, { steps: 4 });
    await page.mouse.move(x1, y1, { steps: 4 });
    await page.mouse.up();
    const drawn = (await page.getAttribute('[data-testid=box-tool]', 'data-box'))!.split(',').map(Number);
    // The drawn box is her box, within the few image pixels one screen pixel spans.
    for (const [i, expected] of [x, y, w, h].entries()) expect(Math.abs(drawn[i] - expected)).toBeLessThan(6);
    await page.fill('[data-testid=add-person-follow]', String(FOLLOW_FRAMES));
    await s.shot('01-box-tool');
    const before = new Set((await load()).tracks.map((t) => t.trackId));
    await page.click('[data-testid=add-person-add]');
    await page
      .waitForSelector('[data-testid=box-tool]', { state: 'detached', timeout: 60_000 })
      .catch(async (error) => {
        throw new Error(`${error.message}; the page says: ${await page.locator('body').innerText()}`);
      });
    const state = await load();
    added = state.tracks.find((t) => !before.has(t.trackId))!.trackId;
    expect(addedFrames(state, added)).toEqual(Array.from({ length: FOLLOW_FRAMES + 1 }, (_, i) => 60 + i));
    await page.waitForSelector(`text=Added #${added} on ${FOLLOW_FRAMES + 1} frames`);
    await goToFrame(66);
    await page.waitForSelector(`.tracks tr[data-track-id="${added}"]`);
    await s.shot('02-added-track');
  }, 120_000);

  it('undoes and redoes the whole addition as one edit', async () => {
    await page.keyboard.press('Control+z');
    await expect.poll(async () => addedFrames(await load(), added)).toEqual([]);
    await page.waitForSelector(`.tracks tr[data-track-id="${added}"]`, { state: 'detached' });
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => addedFrames(await load(), added).length).toBe(FOLLOW_FRAMES + 1);
    await page.waitForSelector(`.tracks tr[data-track-id="${added}"]`);
  });

  it('opens the box tool with A and leaves it with Escape', async () => {
    await page.keyboard.press('a');
    await page.waitForSelector('[data-testid=box-tool]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=box-tool]', { state: 'detached' });
    await page.waitForSelector('[data-testid=add-person-panel]', { state: 'detached' });
  });

  it('exports her poses flagged "added" in the CSV', async () => {
    const out = path.join(s.host.rootDir, 'exports');
    mkdirSync(out, { recursive: true });
    await page.keyboard.press('Control+e');
    await page.check('input[value=csv]');
    await page.fill('#outpath', path.join(out, 'poses.csv'));
    await page.click('dialog button:has-text("Export")');
    await page.waitForSelector('[data-testid=export-done]', { timeout: 60_000 });
    await s.shot('03-export');
    await page.keyboard.press('Escape');
    const rows = readFileSync(path.join(out, 'poses.csv'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => l.split(','));
    const flags = rows[0].indexOf('flags');
    const hers = rows.filter((r) => r[2] === String(added));
    expect(hers).toHaveLength((FOLLOW_FRAMES + 1) * 17);
    expect(hers.every((r) => r[flags] === 'added')).toBe(true);
    expect(rows.filter((r) => r[2] !== String(added) && r[flags] === 'added')).toEqual([]);
  });
});
