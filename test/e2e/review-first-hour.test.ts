/**
 * A newcomer's first hour, offline: installed models preselected and marked, a failed download
 * with "Use installed models", a Device list that is never blank, plain-word notices that cover
 * no controls, edits confirmed with Undo, disabled actions that say why, a resizable timeline,
 * track start/end navigation, and Settings in users' words. Chromium against `posetrail serve`;
 * screenshots in test-results/e2e/hour-*.png.
 */
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
import { machineTextIn } from '../helpers/machine-text';

// The root tsconfig has no DOM lib (core/ is Node code); page.evaluate bodies run in the page.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: {
  querySelector(selector: string): any;
  querySelectorAll(selector: string): any;
  createElement(tag: string): any;
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const DataTransfer: any, DragEvent: any, File: any, getComputedStyle: any, window: any, MutationObserver: any;

let s: ReviewSession;
let page: Page;
let state: ProjectState;

beforeAll(async () => {
  // No network: the model mirror points at a closed port, so every download fails at once.
  s = await startReviewSession({ POSETRAIL_MODEL_MIRROR: 'http://127.0.0.1:9/models/' });
  page = s.page;
}, 180_000);

afterAll(async () => {
  await s?.close();
});

type Rect = { x: number; y: number; width: number; height: number };
const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe("a newcomer's first hour", () => {
  it('says why a dropped file cannot open in the browser, and opens a pasted path instead', async () => {
    await page.goto(s.host.url);
    await page.waitForSelector('text=Track people in a video');
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(['x'], 'clip.mp4', { type: 'video/mp4' }));
      document
        .querySelector('.topbar')
        .dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await page.waitForSelector('.toasts >> text=cannot be opened by dropping it in the browser');
    expect(await page.textContent('.toasts')).toMatch(/does not tell a page where a dropped file lies on disk/);
    await s.shot('hour-01-drop-in-browser');
    await dismissToasts(page);
    await openByPastedPath(page, s.videoPath);
  });

  it('offers installed models after a failed download, clears the stale error, and never shows a blank Device list', async () => {
    await page.keyboard.press('t');
    await page.waitForSelector('dialog >> text=Start tracking');
    expect(await page.textContent('#device option:checked')).toMatch(/^(Auto \(CPU here\)|CPU)$/);
    expect(await page.locator('#device option').allTextContents()).toEqual(['Auto (CPU here)', 'CPU']);
    expect(await page.textContent('#det option[value="yolox-nano-416"]')).toMatch(/^✓ YOLOX/);
    await page.selectOption('#det', 'yolox-tiny');
    await page.click('dialog button:has-text("Download and start")');
    await page.waitForSelector('[data-testid=use-installed]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid=track-download-error]')).not.toMatch(/\b[A-Z]+_[A-Z_]+\b/);
    await s.shot('hour-02-download-failed-use-installed');
    await page.click('[data-testid=use-installed]');
    expect(await page.inputValue('#det')).toBe('yolox-nano-416');
    expect(await page.locator('[data-testid=track-download-error]').count()).toBe(0);
    await page.keyboard.press('Escape');
    // The next dialog preselects the installed detector: the failed one is not offered first again.
    await page.keyboard.press('t');
    expect(await page.inputValue('#det')).toBe('yolox-nano-416');
    await s.shot('hour-03-installed-preselected');
    await page.keyboard.press('Escape');
  }, 90_000);

  it(
    'tracks, then confirms merge and split with Undo and explains a disabled Split by name',
    async () => {
      await startTracking(page);
      await page.waitForSelector('text=Tracking finished', { timeout: TRACKING_TIMEOUT_MS });
      state = await s.api<ProjectState>('project', 'load', s.videoPath);
      const spans = state.tracks
        .map((t) => {
          const frames = state.result.frames
            .filter((f) => f.poses.some((p) => p.trackId === t.trackId))
            .map((f) => f.frameIndex);
          return { id: t.trackId, first: frames[0], last: frames[frames.length - 1] };
        })
        .sort((a, b) => b.last - b.first - (a.last - a.first));
      const [a, b] = spans;
      await page.dblclick(`.tracks tr[data-track-id="${a.id}"]`);
      await page.fill('.tracks input[aria-label="Track name"]', 'Woman');
      await page.press('.tracks input[aria-label="Track name"]', 'Enter');
      await page.waitForSelector(`.tracks tr[data-track-id="${a.id}"] .name:has-text("Woman (#${a.id})")`);
      await dismissToasts(page);
      // Split outside the selected track's frames: disabled, and the tooltip says why in words.
      const outside = a.first > 0 ? 0 : a.last + 1;
      if (outside < 230) {
        await page.fill('[data-testid=frame-input]', String(outside));
        await page.press('[data-testid=frame-input]', 'Enter');
        await page.click(`.tracks tr[data-track-id="${a.id}"]`);
        expect(await page.isDisabled('[data-testid=split]')).toBe(true);
        expect(await page.getAttribute('[data-testid=split]', 'title')).toBe(
          `Frame ${outside} is outside Woman (#${a.id})'s frames (${a.first}–${a.last})`,
        );
        expect(await page.textContent('[data-testid=split-why]')).toContain(
          `Frame ${outside} is outside Woman (#${a.id})'s frames`,
        );
        await page.hover('[data-testid=split]');
        await s.shot('hour-04-split-disabled-says-why');
        await page.keyboard.press('Escape');
      }
      const revision = (await s.api<ProjectState>('project', 'load', s.videoPath)).revision;
      await page.click(`.tracks tr[data-track-id="${a.id}"]`);
      await page.click(`.tracks tr[data-track-id="${b.id}"]`, { modifiers: ['Control'] });
      await page.click('.tracks button:has-text("Merge")');
      // Where both tracks have poses the app asks first and merges only the frames where one is absent.
      const asked = await page.waitForSelector('dialog >> text=Merge #', { timeout: 5000 }).then(
        () => true,
        () => false,
      );
      if (asked) await page.click('dialog button.primary');
      await page.waitForSelector(`.toasts >> text=/Merged .*#${b.id} into Woman \\(#${a.id}\\)/`);
      // Notices sit in their own strip: they cover none of the controls.
      const toastBox = (await page.locator('.toasts').boundingBox())!;
      for (const control of ['.topbar .actions', '.tracks .tools', '.transport', '[data-testid=timeline]']) {
        expect(overlaps(toastBox, (await page.locator(control).first().boundingBox())!)).toBe(false);
      }
      await s.shot('hour-05-merge-with-undo');
      await page.click('.toasts button:has-text("Undo")');
      await expect.poll(async () => (await s.api<ProjectState>('project', 'load', s.videoPath)).canRedo).toBe(true);
      expect((await s.api<ProjectState>('project', 'load', s.videoPath)).revision).toBe(revision + 2);
      await page.waitForSelector(`.tracks tr[data-track-id="${b.id}"]`);
    },
    TRACKING_TIMEOUT_MS + 60_000,
  );

  it('steps to the next and previous track start or end, and a timeline lane click selects its track', async () => {
    await page.keyboard.press('Escape');
    await page.fill('[data-testid=frame-input]', '0');
    await page.press('[data-testid=frame-input]', 'Enter');
    const bounds = [
      ...new Set(
        state.tracks.flatMap((t) => {
          const frames = state.result.frames
            .filter((f) => f.poses.some((p) => p.trackId === t.trackId))
            .map((f) => f.frameIndex);
          return [frames[0], frames[frames.length - 1]];
        }),
      ),
    ]
      .filter((f) => f > 0)
      .sort((x, y) => x - y);
    await page.locator('[data-testid=player]').click({ position: { x: 3, y: 3 } });
    await page.keyboard.press('}');
    await page.waitForFunction(
      (f) => document.querySelector('[data-testid=overlay]')?.getAttribute('data-frame') === String(f),
      bounds[0],
    );
    await page.click('[data-testid=next-boundary]');
    await page.waitForFunction(
      (f) => document.querySelector('[data-testid=overlay]')?.getAttribute('data-frame') === String(f),
      bounds[1],
    );
    await page.keyboard.press('{');
    await page.waitForFunction(
      (f) => document.querySelector('[data-testid=overlay]')?.getAttribute('data-frame') === String(f),
      bounds[0],
    );
    // A click in the second lane's bar area (not its label) selects that track.
    const canvas = (await page.locator('[data-testid=timeline]').boundingBox())!;
    const lanes = ((await page.getAttribute('[data-testid=timeline]', 'data-track-ids')) ?? '').split(',').map(Number);
    await page.mouse.click(canvas.x + canvas.width - 20, canvas.y + 18 + 22 + 18 * 1 + 9);
    await page.waitForSelector(`.tracks tr.selected[data-track-id="${lanes[1]}"]`);
    // The timeline grows when its top edge is dragged up.
    const before = (await page.locator('[data-testid=timeline-scroll]').boundingBox())!.height;
    const grip = (await page.locator('[data-testid=timeline-resizer]').boundingBox())!;
    await page.mouse.move(grip.x + 200, grip.y + 3);
    await page.mouse.down();
    await page.mouse.move(grip.x + 200, grip.y - 80, { steps: 4 });
    await page.mouse.up();
    expect((await page.locator('[data-testid=timeline-scroll]').boundingBox())!.height).toBeGreaterThan(before + 60);
    // The "people ≤ N" row explains itself (the canvas moved up as the timeline grew).
    const grown = (await page.locator('[data-testid=timeline]').boundingBox())!;
    await page.mouse.move(grown.x + 30, grown.y + 18 + 11);
    await page.waitForSelector('.timeline .tip:has-text("the most people visible in any one frame")');
    await s.shot('hour-06-timeline-navigation');
    expect(await page.getAttribute('.tracks th:has-text("Score")', 'title')).toMatch(/Mean pose confidence/);
    const frameField = await page.evaluate(
      () => getComputedStyle(document.querySelector('[data-testid=frame-input]')).borderTopStyle,
    );
    expect(frameField).toBe('solid');
  });

  it('shows key alternatives as alternatives in Help', async () => {
    await page.keyboard.press('?');
    await page.waitForSelector('dialog >> text=Keyboard shortcuts');
    const row = page.locator('dialog tr:has-text("Previous / next frame") .keys');
    expect((await row.textContent())?.replace(/\s+/g, ' ').trim()).toBe('← / →');
    expect(await row.locator('.plus').count()).toBe(0);
    await s.shot('hour-07-help-alternatives');
    await page.keyboard.press('Escape');
  });

  it('puts errors in plain words', async () => {
    await page.click('.topbar button:has-text("Open…")');
    await page.fill('input[aria-label="Folder path"]', path.join(s.host.rootDir, 'no-such-folder'));
    await page.press('input[aria-label="Folder path"]', 'Enter');
    await page.waitForSelector('dialog .error');
    const text = (await page.textContent('dialog .error')) ?? '';
    expect(text).toMatch(/does not exist/);
    expect(text).not.toMatch(/ENOENT|INVALID_ARGUMENT|NOT_FOUND/);
    await s.shot('hour-08-plain-error');
    await page.keyboard.press('Escape');
  });

  it('notes a GPU fallback once per start of the app, in one line, whose Details button shows the details in Settings', async () => {
    await openByPastedPath(page, s.streetPath);
    await dismissToasts(page);
    await page.evaluate(() => {
      const w = window as unknown as { cpuNotes: string[]; notes: string[] };
      w.cpuNotes = [];
      w.notes = [];
      new MutationObserver(() => {
        for (const t of document.querySelectorAll('.toasts .toast')) {
          if (t.dataset.seen) continue;
          t.dataset.seen = '1';
          const text = t.textContent as string;
          if (/Running on CPU/.test(text)) w.cpuNotes.push(text);
          if (/^Note/.test(text)) w.notes.push(text);
        }
      }).observe(document.querySelector('.toasts'), { childList: true, subtree: true });
    });
    // Two runs asked for CUDA, which this machine lacks: each of its two models falls back to CPU.
    const settings = {
      detector: 'yolox-nano-416',
      poseModel: 'simplepose-nano',
      device: 'cuda',
      detIntervalFrames: 1,
      minBoxScore: 0.5,
      minKeypointScore: 0.3,
      flipTest: false,
      detectorTiling: 'off',
    };
    for (let run = 1; run <= 2; run++) {
      await s.api('tracking', 'start', s.streetPath, settings);
      await page.waitForSelector(`.toasts >> text=Tracking finished`, { timeout: 60_000 });
      await expect.poll(() => s.api<unknown[]>('tracking', 'list')).toEqual([]);
      if (run === 1) {
        await page.waitForSelector('.toasts >> text=Running on CPU: no GPU provider available');
        await s.shot('hour-11-gpu-fallback-once');
        // The toast's Details button leads to the details, in words (no terminal command).
        await page.click('.toasts .toast:has-text("Running on CPU") button:has-text("Details")');
        const details = await page.waitForSelector('[data-testid=device-notes]');
        expect(await details.isVisible()).toBe(true);
        expect(await details.textContent()).toMatch(/cuda: the CUDA provider libraries are not installed/);
        expect(machineTextIn((await details.textContent())!)).toEqual([]);
        await s.shot('hour-11b-gpu-details');
        await page.click('nav >> text=Video');
      }
      await dismissToasts(page);
    }
    const seen = await page.evaluate(() => {
      const w = window as unknown as { cpuNotes: string[]; notes: string[] };
      return { cpuNotes: w.cpuNotes, notes: w.notes };
    });
    expect(seen.cpuNotes).toHaveLength(1);
    expect(seen.notes.filter((n) => /running on CPU/i.test(n))).toEqual([]);
  }, 150_000);

  it('explains models in Settings with end-to-end speed, a Browse button and the tiling setting', async () => {
    await page.click('nav >> text=Settings');
    expect(await page.textContent('[data-testid=device-notes]')).toMatch(/cuda/);
    expect(await page.textContent('tr[data-model="yolox-nano-416"] .use')).toMatch(/Fastest person finder/);
    await page.click('[data-testid=measure-speed]');
    await page.waitForSelector('tr[data-model="simplepose-nano"] .e2e', { timeout: 30_000 });
    expect(await page.textContent('tr[data-model="simplepose-nano"] .e2e')).toMatch(
      /^[0-9.]+ video frames\/s in the last run \(\d+ frames, cpu\) with /,
    );
    expect(await page.isChecked('[data-testid=settings-tiling]')).toBe(false);
    // Dropdowns show the chosen option whole: its text fits inside the box, less padding and arrow.
    const clipped = await page.evaluate(() => {
      const ctx = document.createElement('canvas').getContext('2d');
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return [...document.querySelectorAll('.settings select')]
        .filter((el: any) => {
          const style = getComputedStyle(el);
          ctx.font = style.font;
          const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16;
          return ctx.measureText(el.options[el.selectedIndex]?.text ?? '').width > room;
        })
        .map((el: { id: string }) => el.id);
    });
    expect(clipped).toEqual([]);
    await s.shot('hour-09-settings');
    await page.click('[data-testid=import-browse]');
    await page.fill(
      'input[aria-label="Folder path"]',
      path.dirname(
        process.env.POSETRAIL_SHARED_ASSETS
          ? path.join(process.env.POSETRAIL_SHARED_ASSETS, 'models/x')
          : path.resolve('../shared/assets/models/x'),
      ),
    );
    await page.press('input[aria-label="Folder path"]', 'Enter');
    await page.waitForSelector('button[role=option]:has-text("yolox_nano_416.onnx")');
    await s.shot('hour-10-import-browse');
    await page.keyboard.press('Escape');
  }, 60_000);
});
