/**
 * The Track dialog preselects the installed person re-ID model for telling people apart (colours
 * are the other choice), greys the choice out when neither re-linking nor stitching runs, tracks
 * with the chosen model and remembers it. The re-ID model is the synthetic stand-in written under the OSNet
 * manifest's file name into a folder on POSETRAIL_MODEL_PATH. Real renderer in Chromium against
 * `posetrail serve`; screenshots in test-results/e2e/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Settings } from '../../core/api/pose-api';
import { SHARED_MODELS_DIR, VIDEOS } from '../helpers/assets';
import { writeSyntheticReidModel } from '../helpers/synthetic-reid-model';
import {
  copyIntoHost,
  openThroughFileBrowser,
  startE2eSession,
  startTrackingAndLoad,
  type E2eSession,
} from './support/review-session';

const REID_ID = 'osnet-x0-25-msmt17';
let s: E2eSession;
let page: Page;
let videoPath: string;
let reidDir: string;

beforeAll(async () => {
  reidDir = mkdtempSync(path.join(os.tmpdir(), 'posetrail-e2e-reid-'));
  await writeSyntheticReidModel(reidDir);
  s = await startE2eSession({ env: { POSETRAIL_MODEL_PATH: [SHARED_MODELS_DIR, reidDir].join(path.delimiter) } });
  page = s.page;
  videoPath = copyIntoHost(s.host, 'videos', VIDEOS.street);
}, 120_000);

afterAll(async () => {
  await s?.close();
  rmSync(reidDir, { recursive: true, force: true });
});

describe('re-ID model in the Track dialog', () => {
  it('is the default beside colours, greyed out without re-linking and stitching, and used and remembered', async () => {
    await page.goto(s.host.url);
    await openThroughFileBrowser(page, videoPath);
    await page.keyboard.press('t');
    await page.waitForSelector('dialog >> text=Start tracking');
    const reid = page.locator('[data-testid=reid-model]');
    expect(await reid.inputValue()).toBe(REID_ID);
    const options = await reid.locator('option').allTextContents();
    expect(options[0]).toBe('Their colours along the skeleton');
    expect(options.some((text) => text.includes('re-ID') && text.includes('✓'))).toBe(true);

    await page.uncheck('[data-testid=relink]');
    await page.uncheck('[data-testid=stitch]');
    expect(await reid.isDisabled()).toBe(true);
    await page.check('[data-testid=relink]');
    expect(await reid.isDisabled()).toBe(false);

    await page.selectOption('#det', 'yolox-nano-416');
    await page.selectOption('#pose', 'simplepose-nano');
    await reid.selectOption('');
    expect(await reid.inputValue()).toBe('');
    await reid.selectOption(REID_ID);
    // Installed on the search path: nothing to download.
    expect(await page.locator('[data-testid=track-models-missing]').count()).toBe(0);
    await s.shot('reid-model-dialog');
    const state = await startTrackingAndLoad(s, videoPath);
    expect(state.result.frames).toHaveLength(5);
    expect(state.result.frames.every((f) => f.poses.length >= 2)).toBe(true);
    const settings = await s.api<Settings>('settings', 'get');
    expect(settings.track.reidModel).toBe(REID_ID);

    await page.keyboard.press('t');
    await page.waitForSelector('dialog >> text=Start tracking');
    expect(await page.locator('[data-testid=reid-model]').inputValue()).toBe(REID_ID);
  }, 180_000);
});
