/**
 * The Track dialog offers an input size for a detector whose model takes any size (RTMDet), runs
 * with it, and remembers it for that detector only. Real renderer in Chromium against
 * `posetrail serve`; screenshots in test-results/e2e/.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ProjectState, Settings } from '../../core/api/pose-api';
import { REPO_ROOT, VIDEOS } from '../helpers/assets';
import { launchChromium, type ChromiumSession } from './support/browser';
import { startWebHost, type RunningHost } from './support/web-host';

const SHOTS = path.join(REPO_ROOT, 'test-results/e2e');
const FOLDER_PATH_INPUT = 'input[aria-label="Folder path"]';

let host: RunningHost;
let session: ChromiumSession;
let page: Page;
let videoPath: string;

async function api<T>(domain: string, method: string, ...args: unknown[]): Promise<T> {
  const token = new URL(host.url).searchParams.get('token') ?? '';
  const res = await fetch(`${host.origin}/api/${domain}/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Posetrail-Token': token },
    body: JSON.stringify(args),
  });
  const body = (await res.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${domain}.${method}: ${body.error.message}`);
  return body.result as T;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'error'], { cwd: REPO_ROOT, stdio: 'inherit' });
  host = await startWebHost();
  const videos = path.join(host.rootDir, 'videos');
  mkdirSync(videos, { recursive: true });
  videoPath = path.join(videos, path.basename(VIDEOS.street));
  copyFileSync(VIDEOS.street, videoPath);
  session = await launchChromium();
  page = session.page;
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
}, 120_000);

afterAll(async () => {
  await session?.close();
  await host?.stop();
});

describe('detector input size in the Track dialog', () => {
  it('offers sizes for RTMDet only, tracks at 640 and remembers it for RTMDet', async () => {
    await page.goto(host.url);
    await page.click('button:has-text("Open video…")');
    await page.fill(FOLDER_PATH_INPUT, path.dirname(videoPath));
    await page.press(FOLDER_PATH_INPUT, 'Enter');
    await page.click(`button[role=option]:has-text("${path.basename(videoPath)}")`);
    await page.click('dialog button:has-text("Open")');
    await page.waitForSelector('[data-testid=overlay]');
    await page.keyboard.press('t');
    await page.waitForSelector('dialog >> text=Start tracking');
    await page.selectOption('#det', 'yolox-nano-416');
    expect(await page.locator('[data-testid=det-size]').count()).toBe(0);
    await page.selectOption('#det', 'rtmdet-nano');
    expect(await page.locator('[data-testid=det-size] option').allTextContents()).toEqual(['320 × 320 (default)', '480 × 480', '640 × 640', '800 × 800']);
    await page.selectOption('#pose', 'simplepose-nano');
    await page.selectOption('[data-testid=det-size]', '640');
    await page.screenshot({ path: path.join(SHOTS, 'detector-size-dialog.png') });
    await page.click('dialog button:has-text("Start tracking")');
    await page.waitForSelector('text=Tracking finished', { timeout: 120_000 });
    const state = (await api<ProjectState | null>('project', 'load', videoPath))!;
    expect(state.result.frames).toHaveLength(5);
    // Two footballers in the middle of the street clip, found in every frame.
    expect(state.result.frames.every((f) => f.poses.length >= 2)).toBe(true);
    const settings = await api<Settings>('settings', 'get');
    expect(settings.track.detectorInputSizes).toEqual({ 'rtmdet-nano': 640 });
    // Reopened, the dialog shows RTMDet at 640 again.
    await page.keyboard.press('t');
    await page.waitForSelector('dialog >> text=Start tracking');
    expect(await page.inputValue('[data-testid=det-size]')).toBe('640');
  }, 180_000);
});
