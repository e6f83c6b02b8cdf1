/**
 * The Track dialog offers an input size for a detector whose model takes any size (RTMDet), runs
 * with it, and remembers it for that detector only. Real renderer in Chromium against
 * `posetrail serve`; screenshots in test-results/e2e/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Settings } from '../../core/api/pose-api';
import { VIDEOS } from '../helpers/assets';
import {
  copyIntoHost,
  openThroughFileBrowser,
  startE2eSession,
  startTrackingAndLoad,
  type E2eSession,
} from './support/review-session';

let s: E2eSession;
let page: Page;
let videoPath: string;

beforeAll(async () => {
  s = await startE2eSession();
  page = s.page;
  videoPath = copyIntoHost(s.host, 'videos', VIDEOS.street);
}, 120_000);

afterAll(async () => {
  await s?.close();
});

describe('detector input size in the Track dialog', () => {
  it('offers sizes for RTMDet only, tracks at 640 and remembers it for RTMDet', async () => {
    await page.goto(s.host.url);
    await openThroughFileBrowser(page, videoPath);
    await page.keyboard.press('t');
    await page.waitForSelector('dialog >> text=Start tracking');
    await page.selectOption('#det', 'yolox-nano-416');
    expect(await page.locator('[data-testid=det-size]').count()).toBe(0);
    await page.selectOption('#det', 'rtmdet-nano');
    expect(await page.locator('[data-testid=det-size] option').allTextContents()).toEqual([
      '320 × 320 (default)',
      '480 × 480',
      '640 × 640',
      '800 × 800',
    ]);
    await page.selectOption('#pose', 'simplepose-nano');
    await page.selectOption('[data-testid=det-size]', '640');
    await s.shot('detector-size-dialog');
    const state = await startTrackingAndLoad(s, videoPath);
    expect(state.result.frames).toHaveLength(5);
    // Two footballers in the middle of the street clip, found in every frame.
    expect(state.result.frames.every((f) => f.poses.length >= 2)).toBe(true);
    const settings = await s.api<Settings>('settings', 'get');
    expect(settings.track.detectorInputSizes).toEqual({ 'rtmdet-nano': 640 });
    // Reopened, the dialog shows RTMDet at 640 again.
    await page.keyboard.press('t');
    await page.waitForSelector('dialog >> text=Start tracking');
    expect(await page.inputValue('[data-testid=det-size]')).toBe('640');
  }, 180_000);
});
