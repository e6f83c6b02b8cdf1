/**
 * The review sidebar on common screens (issue 24): after tracking the shared clip and splitting its
 * tracks to six, with notices showing, at 1280×720, 1440×900 and 1920×1080 the track list shows at
 * least five whole rows, its Score column and eye buttons lie inside the sidebar, no two sections or
 * buttons overlap, and the notices cover no control. Sections collapse and resize, the timeline's
 * name column widens, and a long track name is shown in full under the list. Chromium against
 * `posetrail serve`; screenshots in test-results/e2e/layout-*.png. At each size the transport bar's
 * controls (through Fit and zoom in) and the open plot lie whole inside the window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ProjectState } from '../../core/api/pose-api';
import {
  openByPastedPath,
  startReviewSession,
  startTracking,
  TRACKING_TIMEOUT_MS,
  type ReviewSession,
} from './support/review-session';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: { querySelector(selector: string): any; querySelectorAll(selector: string): any };

type Rect = { x: number; y: number; width: number; height: number };
const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
const inside = (inner: Rect, outer: Rect) =>
  inner.x >= outer.x - 0.5 &&
  inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5;
const LONG_NAME = 'Woman in the long coat crossing the lawn';

let s: ReviewSession;
let page: Page;
/** The track given LONG_NAME. */
let named: number;

const load = () => s.api<ProjectState>('project', 'load', s.videoPath);
const trackIds = async () => [...new Set((await load()).result.frames.flatMap((f) => f.poses.map((p) => p.trackId)))];
const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;

async function goToFrame(frame: number): Promise<void> {
  await page.fill('[data-testid=frame-input]', String(frame));
  await page.press('[data-testid=frame-input]', 'Enter');
  await page.waitForFunction(
    (f) => document.querySelector('[data-testid=overlay]')?.getAttribute('data-frame') === String(f),
    frame,
  );
  await page.locator('[data-testid=player]').click({ position: { x: 3, y: 3 } });
}

/** Splits the longest track at its middle frame. */
async function splitLongest(): Promise<void> {
  const state = await load();
  const framesOf = (id: number) =>
    state.result.frames.filter((f) => f.poses.some((p) => p.trackId === id)).map((f) => f.frameIndex);
  const ids = await trackIds();
  const trackId = ids.sort((a, b) => framesOf(b).length - framesOf(a).length)[0];
  const frames = framesOf(trackId);
  const before = ids.length;
  await goToFrame(frames[frames.length >> 1]);
  await page.click(`.tracks tr[data-track-id="${trackId}"]`);
  await page.click('[data-testid=split]');
  await expect.poll(async () => (await trackIds()).length).toBe(before + 1);
}

/** Two notices that stay a few seconds: the filter preview hint and "no problem before frame 0". */
async function showToasts(): Promise<void> {
  await goToFrame(0);
  await page.keyboard.press('f');
  await page.keyboard.press('f');
  await page.keyboard.press('Shift+N');
  await expect.poll(() => page.locator('.toasts .toast').count()).toBeGreaterThanOrEqual(2);
}

beforeAll(async () => {
  s = await startReviewSession();
  page = s.page;
}, 180_000);

afterAll(async () => {
  await s?.close();
});

describe('the review sidebar on common screens', () => {
  it(
    'tracks the shared clip and splits its tracks to six, one with a long name',
    async () => {
      await page.goto(s.host.url);
      await page.waitForSelector('text=Track people in a video');
      await openByPastedPath(page, s.videoPath);
      await startTracking(page);
      await page.waitForSelector('text=Tracking finished', { timeout: TRACKING_TIMEOUT_MS });
      // The clip has two people (three tracks at most): splits make six tracks, each split a notice with Undo.
      while ((await trackIds()).length < 6) await splitLongest();
      named = (await trackIds())[1];
      await page.dblclick(`.tracks tr[data-track-id="${named}"] td.name`);
      await page.fill('.tracks input[aria-label="Track name"]', LONG_NAME);
      await page.press('.tracks input[aria-label="Track name"]', 'Enter');
      await expect.poll(async () => (await load()).tracks.find((t) => t.trackId === named)?.name).toBe(LONG_NAME);
      await page.click(`.tracks tr[data-track-id="${named}"]`);
    },
    TRACKING_TIMEOUT_MS + 120_000,
  );

  it.each([
    [1280, 720],
    [1440, 900],
    [1920, 1080],
  ])(
    'at %i×%i shows five whole track rows, full columns and nothing overlapping, with notices up',
    async (width, height) => {
      await page.setViewportSize({ width, height });
      await showToasts();
      // One synchronous snapshot of every box: notices time out, and the layout moves when one goes.
      const snap = await page.evaluate(() => {
        const rect = (el: { getBoundingClientRect(): Rect }) => {
          const r = el.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        };
        const all = (selector: string) =>
          [...document.querySelectorAll(selector)].map(rect).filter((r: Rect) => r.width > 0 && r.height > 0);
        return {
          toastCount: document.querySelectorAll('.toasts .toast').length,
          sidebar: rect(document.querySelector('[data-testid=sidebar]')),
          list: rect(document.querySelector('[data-testid=track-list]')),
          main: rect(document.querySelector('.main')),
          toasts: rect(document.querySelector('.toasts')),
          rows: all('.tracks tbody tr'),
          cells: [...all('.tracks tbody td:nth-child(5)'), ...all('.tracks tbody td.eye button')],
          sections: all('[data-testid=sidebar] > section'),
          tools: all('.tracks .tools button, .tracks .head button'),
          controls: all(
            '.topbar button, [data-testid=sidebar] button, [data-testid=sidebar] input, .transport button, [data-testid=player]',
          ),
        };
      });
      expect(snap.toastCount).toBeGreaterThanOrEqual(2);
      const { sidebar, list, sections, tools } = snap;
      expect(snap.rows.filter((r) => inside(r, list)).length).toBeGreaterThanOrEqual(5);
      for (const cell of snap.cells) {
        expect(cell.x).toBeGreaterThanOrEqual(sidebar.x);
        expect(cell.x + cell.width).toBeLessThanOrEqual(sidebar.x + sidebar.width - 8);
      }
      // Sections and the track list's buttons never overlap one another.
      expect(sections.length).toBeGreaterThanOrEqual(5);
      for (let i = 0; i < sections.length; i++)
        for (let j = i + 1; j < sections.length; j++) expect(overlaps(sections[i], sections[j])).toBe(false);
      for (let i = 0; i < tools.length; i++) {
        for (let j = i + 1; j < tools.length; j++) expect(overlaps(tools[i], tools[j])).toBe(false);
        for (const section of sections.slice(1)) expect(overlaps(tools[i], section)).toBe(false);
      }
      // The notices sit in their own strip: no control of the top bar, the player or the sidebar under them.
      expect(snap.controls.filter((c) => overlaps(snap.toasts, c))).toEqual([]);
      expect(overlaps(snap.main, sidebar)).toBe(false);
      await s.shot(`layout-${width}x${height}`);
    },
    60_000,
  );

  it.each([
    [1280, 720],
    [1440, 900],
    [1920, 1080],
  ])(
    'at %i×%i keeps every transport control and the open plot inside the window',
    async (width, height) => {
      await page.setViewportSize({ width, height });
      await page.locator('[data-testid=player]').click({ position: { x: 3, y: 3 } });
      if (!(await page.locator('[data-testid=plot]').count())) await page.keyboard.press('p');
      await page.waitForSelector('[data-testid=plot]');
      const snap = await page.evaluate(() => {
        const rect = (el: { getBoundingClientRect(): Rect }) => {
          const r = el.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        };
        return {
          main: rect(document.querySelector('.main')),
          transport: [...document.querySelectorAll('.transport button, .transport input, .transport label')].map(rect),
          plot: rect(document.querySelector('.plot')),
          plotCanvas: rect(document.querySelector('[data-testid=plot]')),
          player: rect(document.querySelector('[data-testid=player]')),
        };
      });
      const viewport = { x: 0, y: 0, width, height };
      // Zoom out, Fit and zoom in are the last three; every one of the 20-odd controls is whole.
      expect(snap.transport.length).toBeGreaterThanOrEqual(15);
      expect(snap.transport.filter((r) => r.width === 0 || !inside(r, viewport) || !inside(r, snap.main))).toEqual([]);
      expect(inside(snap.plot, viewport)).toBe(true);
      expect(inside(snap.plotCanvas, viewport)).toBe(true);
      expect(snap.plotCanvas.height).toBeGreaterThanOrEqual(100);
      // The video keeps a usable height above the transport, timeline and plot.
      expect(snap.player.height).toBeGreaterThanOrEqual(150);
      await s.shot(`layout-plot-${width}x${height}`);
      await page.keyboard.press('p');
      await expect.poll(() => page.locator('[data-testid=plot]').count()).toBe(0);
    },
    60_000,
  );

  it('shows a long track name in full under the list and in a widened timeline name column', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    // A plain click selects the track alone, or clears it when it was the only one selected.
    await page.click(`.tracks tr[data-track-id="${named}"]`);
    if (!(await page.locator(`.tracks tr[data-track-id="${named}"].selected`).count()))
      await page.click(`.tracks tr[data-track-id="${named}"]`);
    expect(await page.textContent('[data-testid=selected-track-name] b')).toContain(LONG_NAME);
    const name = await box('[data-testid=selected-track-name]');
    expect(inside(name, await box('[data-testid=sidebar]'))).toBe(true);
    const handle = await box('[data-testid=timeline-label-resizer]');
    await page.mouse.move(handle.x + handle.width / 2, handle.y + 30);
    await page.mouse.down();
    await page.mouse.move(handle.x + 200, handle.y + 30, { steps: 5 });
    await page.mouse.up();
    const widened = await box('[data-testid=timeline-label-resizer]');
    expect(widened.x - handle.x).toBeGreaterThan(150);
    await s.shot('layout-long-name');
  });

  it('collapses sections to give the track list their room, and resizes one by its lower edge', async () => {
    const listBefore = (await box('[data-testid=track-list]')).height;
    const others = ['layers', 'problems', 'filters', 'run'];
    for (const id of others) await page.click(`[data-section=${id}] .toggle`);
    expect(await page.getAttribute('[data-section=problems] .toggle', 'aria-expanded')).toBe('false');
    await expect.poll(async () => (await box('[data-testid=track-list]')).height).toBeGreaterThan(listBefore + 100);
    await s.shot('layout-sections-collapsed');
    for (const id of others) await page.click(`[data-section=${id}] .toggle`);
    const resizer = await box('[data-section=problems] .resizer');
    const bodyBefore = (await box('[data-section=problems] .body')).height;
    await page.mouse.move(resizer.x + 40, resizer.y + 2);
    await page.mouse.down();
    await page.mouse.move(resizer.x + 40, resizer.y - 60, { steps: 4 });
    await page.mouse.up();
    await expect.poll(async () => (await box('[data-section=problems] .body')).height).toBeLessThan(bodyBefore - 40);
    await s.shot('layout-sections-resized');
  });

  it('keeps one label on the filter preview checkbox whichever state it is in', async () => {
    const label = page.locator('label:has([data-testid=filtered-toggle])');
    expect((await label.textContent())!.trim()).toBe('Show filtered');
    await page.click('[data-testid=filtered-toggle]');
    expect(await page.isChecked('[data-testid=filtered-toggle]')).toBe(true);
    expect((await label.textContent())!.trim()).toBe('Show filtered');
    await page.click('[data-testid=filtered-toggle]');
  });

  it('lists problem spans by track name, and dismisses a span or a whole kind', async () => {
    const rows = page.locator('.problems [data-problem]');
    const firstId = (await rows.first().getAttribute('data-problem'))!;
    const trackId = Number(firstId.split(':').pop()!.split('-')[0]);
    await page.dblclick(`.tracks tr[data-track-id="${trackId}"] td.name`);
    await page.fill('.tracks input[aria-label="Track name"]', 'Roof man');
    await page.press('.tracks input[aria-label="Track name"]', 'Enter');
    await expect
      .poll(() => page.textContent(`[data-problem="${firstId}"] .tracks`))
      .toContain(`Roof man (#${trackId})`);
    // One span dismissed with its box, then every span of the kind of the next one.
    const spansBefore = await rows.count();
    await page.check(`[data-problem="${firstId}"] input[type=checkbox]`);
    await expect.poll(async () => (await load()).reviewedProblems).toContain(firstId);
    await page.check('[data-section=problems] label:has-text("hide done") input');
    await expect.poll(() => rows.count()).toBe(spansBefore - 1);
    const kind = (await rows.first().getAttribute('data-problem'))!.slice('span:'.length).split('@')[0];
    const ofKind = await page.locator(`.problems [data-problem^="span:${kind}@"]`).count();
    await page.click('[data-section=problems] button[aria-label="Problem kinds"]');
    await page.check(`[data-testid=problem-kinds] [data-kind="${kind}"] input`);
    await expect.poll(async () => (await load()).reviewedProblems).toContain(`kind:${kind}`);
    await expect.poll(() => rows.count()).toBe(spansBefore - 1 - ofKind);
    await s.shot('layout-problems-dismissed');
  });

  it('says why a track cannot be renamed during a run, and lists the finished runs', async () => {
    await page.click('[data-section=run] button:has-text("Re-run")');
    await page.waitForSelector('dialog >> text=Start tracking');
    await page.click('dialog button:has-text("Start tracking")');
    await page.waitForSelector('.tracks tbody tr', { timeout: 60_000 });
    await page.dblclick('.tracks tbody tr >> nth=0');
    await page.waitForSelector('.toasts >> text=cannot be renamed now');
    expect(await page.textContent('.toasts')).toMatch(
      /Wait for the tracking run to finish: the run replaces these tracks/,
    );
    expect(await page.locator('.tracks input[aria-label="Track name"]').count()).toBe(0);
    await page.click('[data-section=run] button:has-text("Cancel")');
    await page.waitForSelector('[data-testid=finished-jobs] button:has-text("2 finished runs")');
    await page.click('[data-testid=finished-jobs] button');
    const outcomes = await page
      .locator('[data-testid=finished-jobs] [data-outcome]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome')));
    expect(outcomes).toEqual(['cancelled', 'done']);
    expect(await page.textContent('[data-testid=finished-jobs] [data-outcome=done]')).toMatch(
      /Tracked · 230 frames in /,
    );
    await s.shot('layout-finished-runs');
  }, 120_000);
});
