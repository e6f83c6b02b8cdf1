/**
 * Offline defaults in the app: the default models are not installed (an empty model store, the
 * shared models on POSETRAIL_MODEL_PATH) and cannot be fetched (the mirror is a closed port on
 * 127.0.0.1, so the YOLOX download fails at once; the whole pair counts as unfetchable). The Track
 * dialog and the Batch view each say so before starting and preselect the installed models; a
 * failed download in the Batch view shows words (no error code, no CLI command), and the Track
 * dialog opened afterwards still preselects the installed models. Screenshots in
 * test-results/e2e/ (offline-*.png).
 */
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { VIDEOS } from '../helpers/assets';
import { copyIntoHost, openThroughFileBrowser, startE2eSession, type E2eSession } from './support/review-session';

const DEFAULTS = {
  detector: 'yolox-nano',
  poseModel: 'rtmpose-m-coco-256x192',
  device: 'cpu',
  detIntervalFrames: 1,
  minBoxScore: 0.5,
  minKeypointScore: 0.3,
  flipTest: false,
};
/** What no text shown to a user may contain: system error codes and command lines. */
const MACHINE_TEXT = /\bE[A-Z]{3,}\b|posetrail (models|track|serve)|`/;
let s: E2eSession;
let page: Page;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  s = await startE2eSession({ env: { POSETRAIL_MODEL_MIRROR: `http://127.0.0.1:${await closedPort()}/models/` } });
  page = s.page;
  await s.api('settings', 'set', { track: DEFAULTS });
}, 180_000);

afterAll(async () => {
  await s?.close();
});

async function openTrackDialog(): Promise<number> {
  const startedMs = Date.now();
  await page.click('.topbar .actions button.primary:has-text("Track")');
  await page.waitForSelector('[data-testid=track-offline-models]');
  await page.waitForSelector('dialog button:has-text("Start tracking"):not([disabled])');
  return Date.now() - startedMs;
}

describe('offline, with the default models missing', () => {
  it('the Track dialog says so at once and preselects the installed models', async () => {
    await page.goto(s.host.url);
    await openThroughFileBrowser(page, copyIntoHost(s.host, 'streets', VIDEOS.street, 'street.mp4'));
    const waitedMs = await openTrackDialog();
    await s.shot('offline-1-track-dialog');
    expect(waitedMs).toBeLessThan(3000);
    expect(await page.inputValue('#det')).toBe('yolox-nano-416');
    expect(await page.inputValue('#pose')).toBe('simplepose-nano');
    const note = (await page.textContent('[data-testid=track-offline-models]'))!;
    expect(note).toMatch(
      /YOLOX-Nano.* and RTMPose-m.* are not installed and cannot be downloaded now \(this machine seems to be offline\)\. Installed models are selected instead: .+ and .+\./,
    );
    expect(note).not.toMatch(MACHINE_TEXT);
    await page.click('dialog button:has-text("Cancel")');
  }, 120_000);

  it('the Batch view preselects them too, and a failed download there speaks in words', async () => {
    await page.click('nav >> text=Batch');
    await page.waitForSelector('[data-testid=batch-offline-models]');
    expect(await page.inputValue('#bdet')).toBe('yolox-nano-416');
    expect(await page.inputValue('#bpose')).toBe('simplepose-nano');
    expect(await page.textContent('[data-testid=batch-offline-models]')).toContain(
      'Installed models are selected instead',
    );
    await s.shot('offline-2-batch');

    // Choosing the missing detector anyway: the download fails, in words.
    await page.fill('#bfolder', s.host.rootDir);
    await page.fill('#bout', `${s.host.rootDir}/out`);
    await page.selectOption('#bdet', 'yolox-nano');
    await page.click('button:has-text("Download models and start")');
    const error = (await page.waitForSelector('.setup p.error[role=alert]')).textContent();
    await s.shot('offline-3-batch-download-failed');
    expect(await error).toMatch(/the server refused the connection/);
    expect(await error).not.toMatch(MACHINE_TEXT);
  }, 120_000);

  it('after the failed batch the Track dialog still preselects the installed models', async () => {
    await page.click('nav >> text=Video');
    const waitedMs = await openTrackDialog();
    expect(waitedMs).toBeLessThan(3000);
    expect(await page.inputValue('#det')).toBe('yolox-nano-416');
    expect(await page.inputValue('#pose')).toBe('simplepose-nano');
    await s.shot('offline-4-track-dialog-again');
  }, 60_000);
});
