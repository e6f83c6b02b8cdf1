/**
 * The review app never loses work: a run that ends after a reload keeps the edits restorable,
 * runs show in every window, exports ask before replacing a file and carry track names and the
 * hidden-track choice, and batch results open for review. Chromium against `posetrail serve`;
 * screenshots in test-results/e2e/work-*.png.
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ProjectState } from '../../core/api/pose-api';
import {
  dismissToasts,
  openByPastedPath,
  startReviewSession,
  startTracking,
  TRACKING_TIMEOUT_MS,
  type ReviewSession,
} from './support/review-session';

// The root tsconfig has no DOM lib (core/ is Node code); page.evaluate bodies run in the page.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: { querySelector(selector: string): any };

let s: ReviewSession;
let page: Page;

beforeAll(async () => {
  s = await startReviewSession();
  page = s.page;
}, 180_000);

afterAll(async () => {
  await s?.close();
});

const load = () => s.api<ProjectState>('project', 'load', s.videoPath);
const longest = (state: ProjectState) =>
  [...state.tracks].sort(
    (a, b) =>
      state.result.frames.filter((f) => f.poses.some((p) => p.trackId === b.trackId)).length -
      state.result.frames.filter((f) => f.poses.some((p) => p.trackId === a.trackId)).length,
  );

describe('the review app keeps the work', () => {
  let womanId: number;
  let hiddenId: number;

  it(
    'opens a pasted video path, tracks it, and keeps a name and a hidden track',
    async () => {
      await page.goto(s.host.url);
      await page.waitForSelector('text=Track people in a video');
      await openByPastedPath(page, s.videoPath);
      await startTracking(page);
      await page.waitForSelector('text=Tracking finished', { timeout: TRACKING_TIMEOUT_MS });
      const state = await load();
      [womanId, hiddenId] = longest(state).map((t) => t.trackId);
      await page.dblclick(`.tracks tr[data-track-id="${womanId}"]`);
      await page.fill('.tracks input[aria-label="Track name"]', 'Woman');
      await page.press('.tracks input[aria-label="Track name"]', 'Enter');
      await page.click(`.tracks tr[data-track-id="${hiddenId}"] .eye button`);
      await expect.poll(async () => (await load()).tracks.find((t) => t.trackId === hiddenId)?.hidden).toBe(true);
      // One naming style everywhere: "Woman (#1)".
      expect(await page.textContent(`.tracks tr[data-track-id="${womanId}"] .name`)).toBe(`Woman (#${womanId})`);
      await s.shot('work-01-named-and-hidden');
    },
    TRACKING_TIMEOUT_MS + 60_000,
  );

  it('shows a run after a reload and in a new tab, with progress, ETA and Cancel, and disables Track', async () => {
    await startTracking(page);
    await page.waitForSelector('[data-testid=run-progress]');
    await page.reload();
    // The reload reopens the video, which shows that it is being tracked.
    await page.waitForSelector(`.topbar .name:has-text("${path.basename(s.videoPath)}")`);
    await page.waitForSelector('[data-testid=jobs] .job');
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid=run-progress]')?.getAttribute('aria-valuenow')) > 0,
      undefined,
      { timeout: 60_000 },
    );
    expect(await page.isDisabled('.topbar .actions button.primary')).toBe(true);
    expect(await page.getAttribute('.topbar .actions button.primary', 'title')).toMatch(/being tracked/);
    expect(await page.textContent('[data-testid=jobs]')).toMatch(/Tracking two_people.*%.*Cancel/s);
    await s.shot('work-02-reloaded-while-tracking');
    // A second tab, opened at the address the host printed: the token lives in each tab's
    // sessionStorage only, so a new tab needs the token in its URL.
    const tab = await s.chromium.context.newPage();
    await tab.goto(s.host.url);
    await tab.waitForSelector('[data-testid=jobs] .job');
    await tab.waitForFunction(
      () => /ETA/.test(document.querySelector('[data-testid=jobs]')?.textContent ?? ''),
      undefined,
      { timeout: 60_000 },
    );
    await s.shot('work-03-second-tab-sees-the-run', tab);
    await tab.close();
  }, 120_000);

  it(
    'keeps the replaced result with its edits, and restores it',
    async () => {
      await page.waitForSelector('text=Tracking finished', { timeout: TRACKING_TIMEOUT_MS });
      await page.waitForSelector('.toasts button:has-text("Restore previous result")');
      expect(await page.textContent('[data-testid=previous-result]')).toMatch(/Earlier result kept: .*2 edits/);
      expect((await load()).previous?.editCount).toBe(2);
      await s.shot('work-04-run-finished-edits-kept');
      await page.click('.toasts button:has-text("Restore previous result")');
      await expect.poll(async () => (await load()).tracks.find((t) => t.trackId === womanId)?.name).toBe('Woman');
      expect((await load()).tracks.find((t) => t.trackId === hiddenId)?.hidden).toBe(true);
      await page.waitForSelector(`.tracks tr[data-track-id="${womanId}"] .name:has-text("Woman (#${womanId})")`);
      await s.shot('work-05-previous-restored');
    },
    TRACKING_TIMEOUT_MS + 30_000,
  );

  it('asks before replacing an export, and needs explicit consent for a file Posetrail did not write', async () => {
    await dismissToasts(page);
    const out = path.join(s.host.rootDir, 'exports', 'two_people.posetrack18.json');
    writeFileSync(path.join(s.host.rootDir, 'placeholder'), '');
    (await import('node:fs')).mkdirSync(path.dirname(out), { recursive: true });
    const theirs = JSON.stringify({ images: [], annotations: [], note: 'ground truth typed by hand' }).padEnd(
      335_000,
      ' ',
    );
    writeFileSync(out, theirs);
    await page.keyboard.press('Control+e');
    // Hidden tracks are left out by default as soon as one is hidden.
    expect(await page.isChecked('[data-testid=exclude-hidden]')).toBe(true);
    expect(await page.textContent('[data-testid=export-names-note]')).toMatch(
      /Track names \(1 named\) are saved in the file/,
    );
    await page.fill('#outpath', out);
    await page.click('dialog button:has-text("Export")');
    await page.waitForSelector('[data-testid=export-exists]');
    expect(await page.textContent('[data-testid=export-exists]')).toMatch(
      /already exists and was not written by Posetrail/,
    );
    expect(await page.isDisabled('dialog button.primary')).toBe(true);
    await s.shot('work-06-export-foreign-file');
    expect(readFileSync(out, 'utf8')).toBe(theirs);
    await page.check('[data-testid=confirm-foreign]');
    await page.click('dialog button:has-text("Replace")');
    await page.waitForSelector('[data-testid=export-done]');
    const written = JSON.parse(readFileSync(out, 'utf8')) as {
      annotations: { track_id: number }[];
      posetrail: { track_names: Record<string, string> };
    };
    expect(written.posetrail.track_names[String(womanId)]).toBe('Woman');
    expect(written.annotations.some((a) => a.track_id === hiddenId)).toBe(false);
    // Again onto our own export: asked, then replaced.
    await page.click('dialog button:has-text("Export")');
    await page.waitForSelector('[data-testid=export-exists]:has-text("an earlier Posetrail export")');
    await s.shot('work-07-export-asks-before-replacing');
    const before = statSync(out).mtimeMs;
    await page.click('dialog button:has-text("Replace")');
    await page.waitForSelector('[data-testid=export-done]');
    expect(statSync(out).mtimeMs).toBeGreaterThan(before);
    await page.keyboard.press('Escape');
  }, 60_000);

  it('writes names and leaves hidden tracks out in PoseTrack 2017 and CSV, and guards the overlay video too', async () => {
    for (const [format, file] of [
      ['posetrack17', 'two_people.pt17.json'],
      ['csv', 'two_people.csv'],
    ] as const) {
      const out = path.join(s.host.rootDir, 'exports', file);
      await page.keyboard.press('Control+e');
      await page.check(`input[value=${format}]`);
      await page.fill('#outpath', out);
      await page.click('dialog button:has-text("Export")');
      await page.waitForSelector('[data-testid=export-done]');
      await page.keyboard.press('Escape');
      const text = readFileSync(out, 'utf8');
      if (format === 'csv') {
        const lines = text.trimEnd().split('\n');
        expect(lines[0]).toBe('frame,time_ms,track_id,keypoint,x,y,score,flags,track_name');
        expect(lines.some((l) => l.split(',')[2] === String(womanId) && l.endsWith(',Woman'))).toBe(true);
        expect(lines.some((l) => l.split(',')[2] === String(hiddenId))).toBe(false);
      } else {
        const doc = JSON.parse(text) as {
          annolist: { annorect: { track_id: number[] }[] }[];
          posetrail: { track_names: Record<string, string> };
        };
        expect(doc.posetrail.track_names[String(womanId)]).toBe('Woman');
        expect(doc.annolist.some((f) => f.annorect.some((r) => r.track_id[0] === hiddenId))).toBe(false);
      }
    }
    const clip = path.join(s.host.rootDir, 'exports', 'holiday.mp4');
    writeFileSync(clip, Buffer.alloc(50_000, 7));
    await page.keyboard.press('Control+e');
    await page.check('input[value=overlay-video]');
    await page.fill('#outpath', clip);
    await page.click('dialog button:has-text("Export")');
    await page.waitForSelector('[data-testid=export-exists]:has-text("not written by Posetrail")');
    await page.keyboard.press('Escape');
    expect(readFileSync(clip).equals(Buffer.alloc(50_000, 7))).toBe(true);
  }, 90_000);

  it('runs a batch with its own visible settings, opens a finished row with its result, re-exports a format change and keeps the report', async () => {
    const outDir = path.join(s.host.rootDir, 'batch-out');
    await page.click('nav >> text=Batch');
    expect(await page.isDisabled('[data-testid=batch-start]')).toBe(true);
    expect(await page.textContent('[data-testid=batch-start-why]')).toMatch(/Choose the folder with the videos/);
    expect(await page.inputValue('#bdet')).toBe('yolox-nano-416');
    await s.shot('work-08-batch-settings-and-why-start-is-off');
    await page.fill('#bfolder', path.dirname(s.streetPath));
    await page.fill('#bout', outDir);
    await page.uncheck('[data-testid=batch-tiling]');
    await page.click('[data-testid=batch-start]');
    await page.waitForSelector('[data-testid=batch-summary]', { timeout: 120_000 });
    // Opening the video first: its batch result is offered instead of "No tracks yet".
    await page.click('nav >> text=Video');
    await openByPastedPath(page, s.streetPath);
    await page.waitForSelector('[data-testid=batch-result-offer]');
    await s.shot('work-09-batch-result-offered');
    await page.click('nav >> text=Batch');
    await page.click('tr[data-file="street.mp4"]');
    await page.waitForSelector('.tracks tbody tr');
    const street = await s.api<ProjectState>('project', 'load', s.streetPath);
    expect(street.result.frames).toHaveLength(5);
    await page.waitForFunction(() => document.querySelector('[data-testid=player] img')?.naturalWidth > 0, undefined, {
      timeout: 30_000,
    });
    await s.shot('work-10-batch-row-opened');
    // Only the format changes: the result is re-exported, not tracked again.
    await page.click('nav >> text=Batch');
    await page.selectOption('#bformat', 'csv');
    await page.click('[data-testid=batch-start]');
    await page.waitForFunction(
      () => document.querySelector('tr[data-file="street.mp4"]')?.getAttribute('data-status') === 'done',
      undefined,
      { timeout: 60_000 },
    );
    await page.waitForSelector('[data-testid=batch-summary]');
    const report = JSON.parse(readFileSync(path.join(outDir, 'batch-report.json'), 'utf8')) as {
      format: string;
      files: { reexportFrom?: string; output: string }[];
    };
    expect(report.format).toBe('csv');
    expect(report.files[0].reexportFrom).toMatch(/street\.posetrack\.json$/);
    expect(readFileSync(report.files[0].output, 'utf8').split('\n')[0]).toBe(
      'frame,time_ms,track_id,keypoint,x,y,score,flags,track_name',
    );
    expect(readdirSync(outDir).filter((f) => /^batch-report\..+\.json$/.test(f))).toHaveLength(1);
    expect(existsSync(path.join(outDir, 'street.posetrack.json'))).toBe(true);
    await s.shot('work-11-batch-reexported');
  }, 240_000);
});
