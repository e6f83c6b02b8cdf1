/**
 * Shared set-up of the review-app e2e files: the renderer built from the tree, `posetrail serve`
 * with its own folders, Debian Chromium, and the few steps every scenario repeats.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, VIDEOS } from '../../helpers/assets';
import { launchChromium, type ChromiumSession } from './browser';
import { startWebHost, type RunningHost } from './web-host';

export const SHOTS = path.join(REPO_ROOT, 'test-results/e2e');
export const TRACKING_TIMEOUT_MS = 240_000;
export const FOLDER_PATH_INPUT = 'input[aria-label="Folder path"]';

export interface ReviewSession {
  host: RunningHost;
  chromium: ChromiumSession;
  page: Page;
  token: string;
  /** A copy of the two-people clip in the host's folder (its project is written beside it). */
  videoPath: string;
  /** A copy of the 5-frame street clip in its own folder. */
  streetPath: string;
  api<T>(domain: string, method: string, ...args: unknown[]): Promise<T>;
  shot(name: string, page?: Page): Promise<Buffer>;
  close(): Promise<void>;
}

export async function startReviewSession(env: NodeJS.ProcessEnv = {}): Promise<ReviewSession> {
  mkdirSync(SHOTS, { recursive: true });
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'error'], { cwd: REPO_ROOT, stdio: 'inherit' });
  const host = await startWebHost({ env });
  const token = new URL(host.url).searchParams.get('token') ?? '';
  const videos = path.join(host.rootDir, 'videos');
  const streets = path.join(host.rootDir, 'streets');
  mkdirSync(videos, { recursive: true });
  mkdirSync(streets, { recursive: true });
  const videoPath = path.join(videos, path.basename(VIDEOS.twoPeople));
  const streetPath = path.join(streets, 'street.mp4');
  copyFileSync(VIDEOS.twoPeople, videoPath);
  copyFileSync(VIDEOS.street, streetPath);
  const chromium = await launchChromium();
  const page = chromium.page;
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
  return {
    host, chromium, page, token, videoPath, streetPath,
    async api<T>(domain: string, method: string, ...args: unknown[]): Promise<T> {
      const res = await fetch(`${host.origin}/api/${domain}/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Posetrail-Token': token },
        body: JSON.stringify(args),
      });
      const body = (await res.json()) as { result?: T; error?: { message: string } };
      if (body.error) throw new Error(`${domain}.${method}: ${body.error.message}`);
      return body.result as T;
    },
    shot: (name, on = page) => on.screenshot({ path: path.join(SHOTS, `${name}.png`) }),
    async close() {
      await chromium.close();
      await host.stop();
    },
  };
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
  for (const close of await page.locator('.toasts button[aria-label=Dismiss]').all()) await close.click({ timeout: 1000 }).catch(() => undefined);
}
