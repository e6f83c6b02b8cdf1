/**
 * Shared set-up of the e2e files: the renderer built from the tree, `posetrail serve` with its own
 * folders, Debian Chromium, and the few steps every scenario repeats.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { TOKEN_HEADER } from '../../../core/api/channels';
import type { ProjectState } from '../../../core/api/pose-api';
import { REPO_ROOT, VIDEOS } from '../../helpers/assets';
import { launchChromium, type ChromiumSession } from './browser';
import { startWebHost, type RunningHost } from './web-host';
import { buildRendererOnce } from './renderer-build';

export const SHOTS = path.join(REPO_ROOT, 'test-results/e2e');
export const TRACKING_TIMEOUT_MS = 240_000;
export const FOLDER_PATH_INPUT = 'input[aria-label="Folder path"]';

/** `posetrail serve` with the renderer built from the tree, Debian Chromium on it, and the host's API. */
export interface E2eSession {
  host: RunningHost;
  chromium: ChromiumSession;
  page: Page;
  token: string;
  api<T>(domain: string, method: string, ...args: unknown[]): Promise<T>;
  /** Saves a screenshot as `<name>.png` in the session's screenshot folder. */
  shot(name: string, page?: Page): Promise<Buffer>;
  close(): Promise<void>;
}

export interface ReviewSession extends E2eSession {
  /** A copy of the two-people clip in the host's folder (its project is written beside it). */
  videoPath: string;
  /** A copy of the 5-frame street clip in its own folder. */
  streetPath: string;
}

/** Always tests the renderer as it is in the tree, not a stale build (built once per test run). */
export const buildRenderer = buildRendererOnce;

export async function startE2eSession(
  options: { env?: NodeJS.ProcessEnv; shotsDir?: string } = {},
): Promise<E2eSession> {
  const shotsDir = options.shotsDir ?? SHOTS;
  mkdirSync(shotsDir, { recursive: true });
  buildRenderer();
  const host = await startWebHost({ env: options.env ?? {} });
  const token = new URL(host.url).searchParams.get('token') ?? '';
  const chromium = await launchChromium();
  const page = chromium.page;
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
  return {
    host,
    chromium,
    page,
    token,
    async api<T>(domain: string, method: string, ...args: unknown[]): Promise<T> {
      const res = await fetch(`${host.origin}/api/${domain}/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(args),
      });
      const body = (await res.json()) as { result?: T; error?: { message: string } };
      if (body.error) throw new Error(`${domain}.${method}: ${body.error.message}`);
      return body.result as T;
    },
    shot: (name, on = page) => on.screenshot({ path: path.join(shotsDir, `${name}.png`) }),
    async close() {
      await chromium.close();
      await host.stop();
    },
  };
}

/** Copies `source` into the folder `folder` under the host's root (made if missing) and returns the copy's path. */
export function copyIntoHost(host: RunningHost, folder: string, source: string, name = path.basename(source)): string {
  const dir = path.join(host.rootDir, folder);
  mkdirSync(dir, { recursive: true });
  const copy = path.join(dir, name);
  copyFileSync(source, copy);
  return copy;
}

export async function startReviewSession(env: NodeJS.ProcessEnv = {}): Promise<ReviewSession> {
  const session = await startE2eSession({ env });
  const videoPath = copyIntoHost(session.host, 'videos', VIDEOS.twoPeople);
  const streetPath = copyIntoHost(session.host, 'streets', VIDEOS.street, 'street.mp4');
  return { ...session, videoPath, streetPath };
}

/** Picks a video in the Open dialog's file browser: its folder typed in, the file selected (not opened yet). */
export async function pickInFileBrowser(page: Page, videoPath: string): Promise<void> {
  await page.click('button:has-text("Open video…")');
  await page.fill(FOLDER_PATH_INPUT, path.dirname(videoPath));
  await page.press(FOLDER_PATH_INPUT, 'Enter');
  await page.click(`button[role=option]:has-text("${path.basename(videoPath)}")`);
}

/** Opens a video through the Open dialog's file browser and waits until `readySelector` shows. */
export async function openThroughFileBrowser(
  page: Page,
  videoPath: string,
  readySelector = '[data-testid=overlay]',
): Promise<void> {
  await pickInFileBrowser(page, videoPath);
  await page.click('dialog button:has-text("Open")');
  await page.waitForSelector(readySelector);
}

/** Opens a video by pasting its full path into the Open dialog's path field. */
export async function openByPastedPath(page: Page, videoPath: string): Promise<void> {
  await page.click('.topbar button:has-text("Open…")');
  await page.fill(FOLDER_PATH_INPUT, videoPath);
  await page.press(FOLDER_PATH_INPUT, 'Enter');
  await page.waitForSelector(`.topbar .name:has-text("${path.basename(videoPath)}")`);
}

/** Starts tracking from the Track dialog without tiled detection (the clip's people are large). */
export async function startTracking(page: Page): Promise<void> {
  await page.click('.topbar .actions button.primary:has-text("Track")');
  await page.waitForSelector('dialog >> text=Start tracking');
  await page.uncheck('[data-testid=tiling]');
  await page.click('dialog button:has-text("Start tracking")');
}

export async function dismissToasts(page: Page): Promise<void> {
  for (const close of await page.locator('.toasts button[aria-label=Dismiss]').all())
    await close.click({ timeout: 1000 }).catch(() => undefined);
}

/** Starts the run from the open Track dialog, waits for it to finish and loads the saved project. */
export async function startTrackingAndLoad(session: E2eSession, videoPath: string): Promise<ProjectState> {
  await session.page.click('dialog button:has-text("Start tracking")');
  await session.page.waitForSelector('text=Tracking finished', { timeout: TRACKING_TIMEOUT_MS });
  const state = await session.api<ProjectState | null>('project', 'load', videoPath);
  if (!state) throw new Error(`No project saved for ${videoPath} after tracking.`);
  return state;
}
