/**
 * Words, not machine text, in the app: opening an MP4 cut in half and a text file named .mp4 in
 * Chromium against `posetrail serve` shows what is wrong in words, with no ffprobe wording
 * ("moov atom not found", "misdetection possible"), no system error code and no terminal command
 * anywhere on the page. Screenshots in test-results/e2e/ (words-*.png).
 */
import { spawnSync } from 'node:child_process';
import { statSync, truncateSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { resolveTool } from '../../core/video/ffmpeg';
import { machineTextIn } from '../helpers/machine-text';
import { openThroughFileBrowser, startE2eSession, type E2eSession } from './support/review-session';

let s: E2eSession;
let page: Page;
let folder: string;

beforeAll(async () => {
  s = await startE2eSession();
  page = s.page;
  folder = path.join(s.host.rootDir, 'broken');
  mkdirSync(folder, { recursive: true });
  const half = path.join(folder, 'half.mp4');
  const made = spawnSync(resolveTool('ffmpeg').path, [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=96x64:rate=10',
    '-frames:v',
    '30',
    '-c:v',
    'mpeg4',
    '-y',
    half,
  ]);
  if (made.status !== 0) throw new Error(`ffmpeg could not make the test clip: ${made.stderr}`);
  truncateSync(half, Math.floor(statSync(half).size / 2));
  writeFileSync(path.join(folder, 'notes.mp4'), 'not a video at all\n'.repeat(40));
}, 180_000);

afterAll(async () => {
  await s?.close();
});

async function openBroken(name: string): Promise<string> {
  await openThroughFileBrowser(page, path.join(folder, name), '.toasts [role=alert]');
  const text = (await page.textContent('.toasts [role=alert]')) ?? '';
  await s.shot(`words-${path.parse(name).name}`);
  return text;
}

describe('errors in the app are words', () => {
  it('a truncated MP4 says it is incomplete, without ffprobe wording', async () => {
    await page.goto(s.host.url);
    const text = await openBroken('half.mp4');
    expect(text).toContain('half.mp4 is truncated or incomplete');
    expect(machineTextIn(text)).toEqual([]);
    expect(machineTextIn(await page.innerText('body'))).toEqual([]);
  }, 60_000);

  it('a text file named .mp4 says it is not a video, without "misdetection possible"', async () => {
    await page.goto(s.host.url);
    const text = await openBroken('notes.mp4');
    expect(text).toContain('notes.mp4 is not a video file');
    expect(machineTextIn(await page.innerText('body'))).toEqual([]);
  }, 60_000);
});
