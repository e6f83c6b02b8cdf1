/**
 * Opening PoseTrack ground truth over a video as a read-only track layer: the layer browser lists
 * JSON files, the 2018 file (empty scores, unlabelled frames) draws dashed over the clip on its
 * labelled frames, a 2017 file joins it, a file of the wrong length is refused naming both counts,
 * and a layer can be hidden and removed. Real renderer in Chromium against `posetrail serve`;
 * screenshots in test-results/e2e/.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TrackLayer } from '../../core/api/pose-api';
import { VIDEOS } from '../helpers/assets';
import { FIXTURE_FRAME_COUNT, GT17_FIXTURE, GT18_FIXTURE, makeClip } from '../helpers/gt-clip';
import type { RunningHost } from './support/web-host';
import { FOLDER_PATH_INPUT, openByPastedPath, startE2eSession, type E2eSession } from './support/review-session';

let s: E2eSession;
let host: RunningHost;
let page: Page;
let clipPath: string;
let streetPath: string;
let gtDir: string;

async function browseTo(dir: string, fileName: string): Promise<void> {
  await page.fill(FOLDER_PATH_INPUT, dir);
  await page.press(FOLDER_PATH_INPUT, 'Enter');
  await page.click(`button[role=option]:has-text("${fileName}")`);
  await page.click('dialog button:has-text("Open")');
}

/** Opens a video from the start page (first time) or through the top bar (a video is open). */
async function openVideo(videoPath: string): Promise<void> {
  if (!page.url().startsWith(host.origin)) {
    await page.goto(host.url);
    await page.click('button:has-text("Open video…")');
    await browseTo(path.dirname(videoPath), path.basename(videoPath));
  } else {
    await openByPastedPath(page, videoPath);
  }
  await page.waitForSelector('[data-testid=layer-overlay]');
}

async function openLayer(fileName: string): Promise<void> {
  await page.click('button:has-text("Open PoseTrack file…")');
  await page.waitForSelector(
    'dialog >> text=Open a pose file (PoseTrack, SLEAP .h5, DeepLabCut .csv, NWB) as a track layer',
  );
  await browseTo(gtDir, fileName);
}

const layerPoses = () => page.getAttribute('[data-testid=layer-overlay]', 'data-poses').then(Number);
const layerFrame = () => page.getAttribute('[data-testid=layer-overlay]', 'data-frame').then(Number);

beforeAll(async () => {
  s = await startE2eSession();
  ({ host, page } = s);
  const videos = path.join(host.rootDir, 'videos');
  gtDir = path.join(host.rootDir, 'gt');
  mkdirSync(videos, { recursive: true });
  mkdirSync(gtDir, { recursive: true });
  clipPath = makeClip(path.join(videos, 'seq000342.mp4'), FIXTURE_FRAME_COUNT);
  streetPath = path.join(videos, path.basename(VIDEOS.street));
  copyFileSync(VIDEOS.street, streetPath);
  copyFileSync(GT18_FIXTURE, path.join(gtDir, 'posetrack18_gt.json'));
  copyFileSync(GT17_FIXTURE, path.join(gtDir, 'posetrack17_gt.json'));
}, 120_000);

afterAll(async () => {
  await s?.close();
});

describe('ground truth as a track layer', () => {
  it('draws PoseTrack 2018 and 2017 ground truth over the clip, frame by frame, and remembers them', async () => {
    await openVideo(clipPath);
    await page.click('button:has-text("Open PoseTrack file…")');
    await page.fill(FOLDER_PATH_INPUT, gtDir);
    await page.press(FOLDER_PATH_INPUT, 'Enter');
    // The layer browser lists the JSON files, not the videos.
    await page.waitForSelector('button[role=option]:has-text("posetrack18_gt.json")');
    expect(await page.locator('button[role=option]').allTextContents()).toEqual([
      expect.stringContaining('posetrack17_gt.json'),
      expect.stringContaining('posetrack18_gt.json'),
    ]);
    await page.click('button[role=option]:has-text("posetrack18_gt.json")');
    await page.click('dialog button:has-text("Open")');
    await page.waitForSelector('[data-layer="posetrack18_gt.json"]');
    expect(await page.textContent('[data-layer="posetrack18_gt.json"]')).toContain('3 tracks · 4/6 frames labelled');

    // Frame 0 is unlabelled: nothing drawn. Frame 3 has three labelled people.
    expect(await layerFrame()).toBe(0);
    expect(await layerPoses()).toBe(0);
    await page.fill('[data-testid=frame-input]', '3');
    await page.press('[data-testid=frame-input]', 'Enter');
    await page.locator('[data-testid=layer-overlay][data-frame="3"]').waitFor();
    expect(await layerPoses()).toBe(3);

    await openLayer('posetrack17_gt.json');
    await page.waitForSelector('[data-layer="posetrack17_gt.json"]');
    expect(await layerPoses()).toBe(6);
    await s.shot('gt-layer-frame3');

    const remembered = await s.api<TrackLayer[]>('layers', 'list', clipPath);
    expect(remembered.map((l) => l.name)).toEqual(['posetrack18_gt.json', 'posetrack17_gt.json']);

    // Hidden, a layer draws nothing; removed, it is gone from the project too.
    await page.click('button[aria-label="Hide layer posetrack17_gt.json"]');
    expect(await layerPoses()).toBe(3);
    await page.click('button[aria-label="Remove layer posetrack17_gt.json"]');
    await page.waitForSelector('[data-layer="posetrack17_gt.json"]', { state: 'detached' });
    expect((await s.api<TrackLayer[]>('layers', 'list', clipPath)).map((l) => l.name)).toEqual(['posetrack18_gt.json']);

    // Reloaded, the app reopens the video, and the video comes back with its layer.
    await page.reload();
    await page.waitForSelector('[data-testid=layer-overlay]');
    await page.waitForSelector('[data-layer="posetrack18_gt.json"]');
  }, 180_000);

  it('refuses ground truth whose frame count does not fit the video, naming the file and both counts', async () => {
    await openVideo(streetPath);
    await openLayer('posetrack18_gt.json');
    const toast = page.locator('.toast[role=alert]');
    await toast.waitFor();
    const text = await toast.textContent();
    expect(text).toContain(
      'posetrack18_gt.json does not fit street_5frames_1280x720.mp4: the file describes 6 frames, the video has 5.',
    );
    expect(await page.locator('[data-layer]').count()).toBe(0);
    await s.shot('gt-layer-mismatch');
  }, 120_000);
});
