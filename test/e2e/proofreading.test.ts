/**
 * Proofreading end to end in Chromium against `posetrail serve`: the problem list (N / Shift+N,
 * mark reviewed), dragging and nudging a keypoint, a range swap chosen on the timeline, the
 * lossless merge prompt, the filtered preview, the plot panel and the analysis exports. The project
 * is a real tracking result of frames 30–110 of the shared two-people clip (both people in view),
 * computed once in-process and saved beside the video as the app saves it.
 * Screenshots land in test-results/e2e/proofreading/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ProjectState } from '../../core/api/pose-api';
import { KEYPOINT_FLAG, type TrackedPose } from '../../core/types';
import { runTracking } from '../../core/pipeline/runner';
import { writeProjectFile } from '../../core/project/project-file';
import { EMPTY_HISTORY } from '../../core/project/history';
import { overlapFrames } from '../../core/project/range-edits';
import { REPO_ROOT, SHARED_MODELS_DIR, VIDEOS } from '../helpers/assets';
import { copyIntoHost, dismissToasts, startE2eSession, type E2eSession } from './support/review-session';
import { colorDistance, hexToRgb } from './support/pixels';
import { TIMELINE_LABEL_DEFAULT_WIDTH_PX } from '../../renderer/src/lib/constants';
import { CSV_HEADER } from '../../core/export/csv-writer';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: { querySelector(selector: string): any };

const SHOTS = path.join(REPO_ROOT, 'test-results/e2e/proofreading');
const SPAN = { startFrame: 30, endFrame: 110 };
const COLOR_TOLERANCE = 12;

let s: E2eSession;
let page: Page;
let videoPath: string;
let state: ProjectState;
let trackA: number;
let trackB: number;

const load = () => s.api<ProjectState>('project', 'load', videoPath);
const shownFrame = async () => Number(await page.getAttribute('[data-testid=overlay]', 'data-frame'));
const poseOf = (s: ProjectState, frame: number, trackId: number): TrackedPose | undefined =>
  s.result.frames.find((f) => f.frameIndex === frame)?.poses.find((p) => p.trackId === trackId);
const trackFrames = (s: ProjectState, trackId: number) =>
  s.result.frames.filter((f) => f.poses.some((p) => p.trackId === trackId)).map((f) => f.frameIndex);

async function goToFrame(frame: number): Promise<void> {
  await page.fill('[data-testid=frame-input]', String(frame));
  await page.press('[data-testid=frame-input]', 'Enter');
  await page.waitForFunction(
    (f) => document.querySelector('[data-testid=overlay]')?.getAttribute('data-frame') === String(f),
    frame,
  );
  await page.locator('[data-testid=player]').click({ position: { x: 3, y: 3 } });
}

async function select(...ids: number[]): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  for (const [i, id] of ids.entries())
    await page.click(`.tracks tr[data-track-id="${id}"]`, i ? { modifiers: ['Control'] } : undefined);
}

async function overlayPixel(x: number, y: number): Promise<number[]> {
  return page.evaluate(
    ([px, py]) => [
      ...document
        .querySelector('[data-testid=overlay]')
        .getContext('2d')
        .getImageData(Math.round(px), Math.round(py), 1, 1).data,
    ],
    [x, y],
  );
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
      reidModel: 'none',
      device: 'cpu',
      detectorTiling: 'off',
      ...SPAN,
    },
    {},
  );
  await writeProjectFile(
    { videoPath, baseResult: run.result, history: EMPTY_HISTORY, revision: 1 },
    [],
    path.join(s.host.rootDir, 'data'),
  );
}, 300_000);

afterAll(async () => {
  await s?.close();
});

describe('proofreading in Chromium against posetrail serve', () => {
  it('opens the tracked video with its problem list and marks on the timeline', async () => {
    await page.goto(`${s.host.url}&open=${encodeURIComponent(videoPath)}`);
    await page.waitForSelector('[data-testid=overlay]');
    state = await load();
    const byLength = [...new Set(state.result.frames.flatMap((f) => f.poses.map((p) => p.trackId)))]
      .map((id) => ({ id, n: trackFrames(state, id).length }))
      .sort((a, b) => b.n - a.n);
    [trackA, trackB] = [byLength[0].id, byLength[1].id].sort((a, b) => a - b);
    expect(overlapFrames(state.result, trackA, trackB).length).toBeGreaterThan(30);
    await expect.poll(() => page.locator('.problems [data-problem]').count()).toBeGreaterThan(0);
    await s.shot('01-opened');
  });

  it('steps through problems with N / Shift+N and marks one reviewed with X (saved in the project)', async () => {
    await goToFrame(SPAN.startFrame);
    const frames = [
      ...new Set(
        await page
          .locator('.problems [data-problem]')
          .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-frame')))),
      ),
    ];
    await page.keyboard.press('n');
    await expect.poll(shownFrame).toBe(frames.find((f) => f > SPAN.startFrame));
    const first = await shownFrame();
    await page.keyboard.press('n');
    await expect.poll(shownFrame).toBeGreaterThan(first);
    await page.keyboard.press('Shift+N');
    await expect.poll(shownFrame).toBe(first);
    await page.keyboard.press('x');
    await expect.poll(async () => (await load()).reviewedProblems.length).toBe(1);
    const reviewed = (await load()).reviewedProblems[0];
    expect(reviewed).toMatch(new RegExp(`@${first}:`));
    await expect.poll(() => page.locator(`[data-problem="${reviewed}"] input[type=checkbox]`).isChecked()).toBe(true);
    // Reviewed problems are skipped: N from before it lands on the next open one.
    await goToFrame(first - 1);
    await page.keyboard.press('n');
    await expect.poll(shownFrame).not.toBe(first - 1);
    await s.shot('02-problems');
  });

  it('drags a keypoint on the video, nudges it with Alt+arrows, marks it occluded with V; undo restores', async () => {
    const frame = overlapFrames(state.result, trackA, trackB)[10];
    await goToFrame(frame);
    await select(trackA);
    const handle = page.locator('[data-testid=keypoint-editor] circle[data-keypoint=left_wrist]');
    await handle.waitFor();
    const before = poseOf(state, frame, trackA)!.keypoints[9];
    const box = (await handle.boundingBox())!;
    const scale = (await page.locator('[data-testid=overlay]').boundingBox())!.width / 1768;
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + 20, cy + 15, { steps: 5 });
    await page.mouse.move(cx + 40, cy + 30, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => poseOf(await load(), frame, trackA)!.keypointFlags?.[9]).toBe(KEYPOINT_FLAG.edited);
    const moved = poseOf(await load(), frame, trackA)!.keypoints[9];
    expect(moved[0] - before[0]).toBeCloseTo(40 / scale, -0.5);
    expect(moved[1] - before[1]).toBeCloseTo(30 / scale, -0.5);
    await s.shot('03-keypoint-dragged');
    // Drawn with the edited mark: a white ring just outside the dot (limbs may cover part of it);
    // the selected track is drawn 1.8× larger.
    const ringPx = ((3.5 + 2.5) * 1.8) / scale;
    const ring = await Promise.all(
      [
        [ringPx, 0],
        [-ringPx, 0],
        [0, ringPx],
        [0, -ringPx],
      ].map(([dx, dy]) => overlayPixel(moved[0] + dx, moved[1] + dy)),
    );
    expect(ring.filter((p) => colorDistance(p, [255, 255, 255]) < 60).length).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Alt+ArrowRight');
    await expect.poll(async () => poseOf(await load(), frame, trackA)!.keypoints[9][0]).toBeCloseTo(moved[0] + 1, 6);
    await page.keyboard.press('v');
    await expect
      .poll(async () => poseOf(await load(), frame, trackA)!.keypointFlags?.[9])
      .toBe(KEYPOINT_FLAG.edited | KEYPOINT_FLAG.occluded);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+z');
    await expect.poll(async () => poseOf(await load(), frame, trackA)!.keypoints[9]).toEqual(before);
    await s.shot('04-keypoint-undone');
  });

  it('selects a frame range on the timeline with Shift+drag and swaps two tracks over that range only', async () => {
    state = await load();
    await goToFrame(50);
    await select(trackA, trackB);
    const timeline = (await page.locator('[data-testid=timeline]').boundingBox())!;
    const frameX = (f: number) =>
      timeline.x +
      TIMELINE_LABEL_DEFAULT_WIDTH_PX +
      ((f + 0.5) / 230) * (timeline.width - TIMELINE_LABEL_DEFAULT_WIDTH_PX);
    await page.keyboard.down('Shift');
    await page.mouse.move(frameX(60), timeline.y + 30);
    await page.mouse.down();
    await page.mouse.move(frameX(80), timeline.y + 30, { steps: 6 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    const bar = page.locator('[data-testid=range-bar]');
    await bar.waitFor();
    const [from, to] = [Number(await bar.getAttribute('data-from')), Number(await bar.getAttribute('data-to'))];
    expect(Math.abs(from - 60)).toBeLessThanOrEqual(1);
    expect(Math.abs(to - 80)).toBeLessThanOrEqual(1);
    await s.shot('05-range-selected');
    await page.keyboard.press('w');
    await expect.poll(async () => (await load()).revision).toBe(state.revision + 1);
    const swapped = await load();
    for (const f of [from, Math.round((from + to) / 2), to]) {
      expect(poseOf(swapped, f, trackB)?.keypoints).toEqual(poseOf(state, f, trackA)?.keypoints);
      expect(poseOf(swapped, f, trackA)?.keypoints).toEqual(poseOf(state, f, trackB)?.keypoints);
    }
    for (const f of [from - 1, to + 1]) expect(poseOf(swapped, f, trackA)).toEqual(poseOf(state, f, trackA));
    await goToFrame(Math.round((from + to) / 2));
    const colorB = swapped.tracks.find((t) => t.trackId === trackB)!.colorHex;
    const hip = poseOf(state, Math.round((from + to) / 2), trackA)!.keypoints[11];
    expect(colorDistance(await overlayPixel(hip[0], hip[1]), hexToRgb(colorB))).toBeLessThanOrEqual(COLOR_TOLERANCE);
    await s.shot('06-range-swapped');
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await load()).result.frames).toEqual(state.result.frames);
  });

  it('refuses a lossy merge: the prompt names the overlap, Cancel changes nothing', async () => {
    state = await load();
    await page.keyboard.press('Escape');
    await select(trackA, trackB);
    await page.keyboard.press('m');
    const overlap = overlapFrames(state.result, trackA, trackB).length;
    await expect
      .poll(() => page.locator('[data-testid=merge-overlap]').textContent())
      .toContain(`a pose in ${overlap} frames`);
    await s.shot('07-merge-prompt');
    await page.click('dialog button:has-text("Cancel")');
    expect((await load()).revision).toBe(state.revision);
  });

  it('merges only the frames where the target is absent: every pose is still there, the overlap stays on the source', async () => {
    state = await load();
    const overlap = overlapFrames(state.result, trackA, trackB);
    const movable = trackFrames(state, trackA).filter((f) => !overlap.includes(f));
    expect(movable.length).toBeGreaterThan(0);
    const poseCount = (s: ProjectState) => s.result.frames.reduce((n, f) => n + f.poses.length, 0);
    await select(trackB, trackA);
    await page.keyboard.press('m');
    await page.click(`dialog button:has-text("Merge the ${movable.length} non-overlapping frames")`);
    await expect.poll(async () => (await load()).revision).toBe(state.revision + 1);
    const merged = await load();
    expect(poseCount(merged)).toBe(poseCount(state));
    expect(trackFrames(merged, trackA)).toEqual(overlap);
    expect(trackFrames(merged, trackB)).toEqual(
      [...new Set([...trackFrames(state, trackB), ...movable])].sort((a, b) => a - b),
    );
    await s.shot('07b-merged-losslessly');
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await load()).result.frames).toEqual(state.result.frames);
  });

  it('smooths and fills gaps with a live filtered preview (F), stored with the project', async () => {
    await page.keyboard.press('Escape');
    await page.selectOption('.filters-panel select[aria-label=Smoothing]', 'savgol');
    await page.fill('.filters-panel input[aria-label="Fill gaps up to frames"]', '3');
    await page.press('.filters-panel input[aria-label="Fill gaps up to frames"]', 'Tab');
    await expect.poll(async () => (await load()).filters).toMatchObject({ smooth: 'savgol', maxGapFrames: 3 });
    const frame = overlapFrames(state.result, trackA, trackB)[20];
    await goToFrame(frame);
    // A notice timing out between the two pictures would resize the player, and so the strokes.
    await dismissToasts(page);
    const raw = await page.evaluate(() => document.querySelector('[data-testid=overlay]').toDataURL());
    await page.keyboard.press('f');
    await page.waitForSelector('[data-testid=overlay][data-filtered=true]');
    await expect
      .poll(() => page.evaluate(() => document.querySelector('[data-testid=overlay]').toDataURL()))
      .not.toBe(raw);
    await s.shot('08-filtered-preview');
    await page.keyboard.press('f');
    await page.waitForSelector('[data-testid=overlay][data-filtered=false]');
    await expect.poll(() => page.evaluate(() => document.querySelector('[data-testid=overlay]').toDataURL())).toBe(raw);
  });

  it('plots a joint angle for the selected track, raw and filtered, and seeks on click', async () => {
    await select(trackA);
    await page.keyboard.press('p');
    await page.selectOption('.plot select[aria-label=Measure]', 'angle');
    await page.selectOption('.plot select[aria-label="Joint angle"]', 'left_knee');
    await expect.poll(() => page.getAttribute('[data-testid=plot]', 'data-lines')).toBe('2');
    // The plot's time axis is the timeline's: a frame sits at the same x in both (the middle of its timeline cell).
    const plot = (await page.locator('[data-testid=plot]').boundingBox())!;
    const timeline = (await page.locator('[data-testid=timeline]').boundingBox())!;
    const target = Math.round(0.3 * 229);
    const frameX =
      timeline.x +
      TIMELINE_LABEL_DEFAULT_WIDTH_PX +
      ((target + 0.5) / 230) * (timeline.width - TIMELINE_LABEL_DEFAULT_WIDTH_PX);
    await page.mouse.click(frameX, plot.y + 60);
    await expect.poll(shownFrame).toBe(target);
    await s.shot('09-plot-panel');
  });

  it('exports the filtered result with every made-up value flagged, and angles and speeds as CSV', async () => {
    const out = path.join(s.host.rootDir, 'exports');
    mkdirSync(out, { recursive: true });
    await page.keyboard.press('Control+e');
    await page.check('input[value=csv]');
    await page.fill('#outpath', path.join(out, 'poses.csv'));
    await s.shot('10-export-dialog');
    await page.click('dialog button:has-text("Export")');
    await page.waitForSelector('[data-testid=export-done]', { timeout: 60_000 });
    const rows = readFileSync(path.join(out, 'poses.csv'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => l.split(','));
    // The long CSV's columns, with the track names the app adds last.
    expect(rows[0]).toEqual([...CSV_HEADER.split(','), 'track_name']);
    expect(rows.filter((r) => r[7]?.includes('smoothed')).length).toBeGreaterThan(rows.length / 3);
    await page.check('input[value=analysis-csv]');
    await page.fill('#outpath', path.join(out, 'angles.csv'));
    await page.click('dialog button:has-text("Export")');
    await expect
      .poll(() => readFileSync(path.join(out, 'angles.csv'), 'utf8').split('\n')[0])
      .toContain('left_knee_deg');
    await page.keyboard.press('Escape');
  });

  it('lists every review key in the help dialog', async () => {
    await page.keyboard.press('?');
    for (const text of [
      'Next unreviewed problem',
      'Raw / filtered view',
      'Nudge the picked keypoint',
      'Swap two tracks over the selected range',
    ]) {
      await page.waitForSelector(`dialog >> text=${text}`);
    }
    await s.shot('11-help');
    await page.keyboard.press('Escape');
  });
});
