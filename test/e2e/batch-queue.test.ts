/**
 * The Batch view sending its batch to a queue, end to end: a real redis-server, one
 * `posetrail worker`, `posetrail serve` and the renderer in Debian Chromium. The Redis URL goes in
 * through Settings; the table is fed by the queue's events while the worker tracks. Screenshots in
 * test-results/e2e/ (queue-*.png).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { VIDEOS } from '../helpers/assets';
import { startRedisServer, type RedisServer } from '../helpers/redis-server';
import { makeClip, startWorker, stopWorkers, waitFor, type WorkerProcess } from '../integration/queue/queue-workers';
import { startE2eSession, type E2eSession } from './support/review-session';

let redis: RedisServer;
let worker: WorkerProcess;
let s: E2eSession;
let page: Page;

beforeAll(async () => {
  redis = await startRedisServer();
  worker = startWorker(redis.url, 10_000);
  s = await startE2eSession();
  page = s.page;
});

afterAll(async () => {
  await s?.close();
  if (worker) await stopWorkers([worker]);
  await redis?.dispose();
});

describe('the Batch view on a queue', () => {
  it('takes the Redis URL in Settings and shows the workers tracking the folder', async () => {
    const folder = path.join(s.host.rootDir, 'queue-in');
    const outDir = path.join(s.host.rootDir, 'queue-out');
    mkdirSync(folder, { recursive: true });
    makeClip(VIDEOS.street, path.join(folder, 'one.mp4'), { width: 480, loops: 1 });
    makeClip(VIDEOS.street, path.join(folder, 'two.mp4'), { width: 400 });
    writeFileSync(path.join(folder, 'corrupt.mp4'), 'not a video');
    await waitFor('the worker to connect', () => worker.log().includes('connected to'));

    await page.goto(s.host.url);
    await page.click('button:has-text("Settings")');
    await page.fill('#squeue', redis.url);
    await page.press('#squeue', 'Tab');
    await s.shot('queue-0-settings');
    await page.click('nav >> text=Batch');
    await page.waitForSelector('[data-testid=batch-queue]');
    expect(await page.textContent('[data-testid=batch-queue]')).toContain(redis.url);
    await page.fill('#bfolder', folder);
    await page.fill('#bout', outDir);
    await page.click('button:has-text("Start batch")');
    await page.waitForSelector(
      'tr[data-file="one.mp4"][data-status="running"], tr[data-file="one.mp4"][data-status="done"]',
      { timeout: 60_000 },
    );
    await s.shot('queue-1-running');
    await page.waitForSelector('[data-testid=batch-summary]', { timeout: 150_000 });
    await s.shot('queue-2-finished');

    expect(await page.getAttribute('tr[data-file="one.mp4"]', 'data-status')).toBe('done');
    expect(await page.getAttribute('tr[data-file="two.mp4"]', 'data-status')).toBe('done');
    expect(await page.getAttribute('tr[data-file="corrupt.mp4"]', 'data-status')).toBe('failed');
    expect(await page.textContent('tr[data-file="corrupt.mp4"] .detail')).toMatch(/corrupt\.mp4 is not a video file/);
    expect(await page.textContent('[data-testid=batch-summary]')).toMatch(/2 done .* 1 failed/);
    // The worker, not the web host, tracked them.
    expect(worker.count('done', path.join(folder, 'one.mp4'))).toBe(1);
    expect(existsSync(path.join(outDir, 'one.posetrack.json'))).toBe(true);
  }, 240_000);
});
