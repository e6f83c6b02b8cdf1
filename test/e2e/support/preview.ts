/**
 * Dev-only: shows the built renderer in Chromium against the synthetic PoseApi in fake-api.js
 * and saves screenshots under test-results/e2e/preview/. Run: npx tsx test/e2e/support/preview.ts
 */
import http from 'node:http';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { REPO_ROOT, VIDEOS } from '../../helpers/assets';
import { launchChromium } from './browser';

const DIST = path.join(REPO_ROOT, 'dist-renderer');
const OUT = path.join(REPO_ROOT, 'test-results/e2e/preview');

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/media') {
    const size = statSync(VIDEOS.twoPeople).size;
    const m = /bytes=(\d+)-(\d*)/.exec(req.headers.range ?? '');
    const start = m ? Number(m[1]) : 0;
    const end = m && m[2] ? Number(m[2]) : size - 1;
    res.writeHead(m ? 206 : 200, {
      'Content-Type': 'video/mp4',
      'Accept-Ranges': 'bytes',
      'Content-Length': end - start + 1,
      ...(m ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
    });
    createReadStream(VIDEOS.twoPeople, { start, end }).pipe(res);
    return;
  }
  const file = path.join(DIST, url.pathname === '/' ? 'index.html' : url.pathname);
  try {
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'text/html';
    const body = readFileSync(file);
    res.writeHead(200, { 'Content-Type': type });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});

await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as { port: number }).port;
const session = await launchChromium();
const { page } = session;
mkdirSync(OUT, { recursive: true });
await page.addInitScript({
  content: `window.__FAKE_VIDEO__ = ${JSON.stringify({ path: VIDEOS.twoPeople, width: 1768, height: 994, frameCount: 230, mediaUrl: `http://127.0.0.1:${port}/media`, playable: true })};`,
});
await page.addInitScript({ path: path.join(REPO_ROOT, 'test/e2e/support/fake-api.js') });
page.on('console', (m) => console.log('[console]', m.type(), m.text()));
page.on('pageerror', (e) => console.log('[pageerror]', e.message));
await page.goto(`http://127.0.0.1:${port}/`);
await page.waitForSelector('text=Track people in a video');
await page.screenshot({ path: `${OUT}/01-start.png` });
await page.click('.recent-item >> nth=0');
await page.waitForSelector('[data-testid=overlay]');
await page.waitForTimeout(800);
await page.screenshot({ path: `${OUT}/02-player.png` });
await page.keyboard.press('t');
await page.waitForTimeout(300);
await page.screenshot({ path: `${OUT}/03-track-dialog.png` });
await page.click('text=Start tracking');
await page.waitForTimeout(700);
await page.screenshot({ path: `${OUT}/04-running.png` });
await page.waitForSelector('text=Tracking finished');
for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
await page.click('tr[data-track-id="0"]');
await page.click('tr[data-track-id="1"]', { modifiers: ['Control'] });
await page.waitForTimeout(500);
await page.screenshot({ path: `${OUT}/05-tracked.png` });
await page.keyboard.press('Control+e');
await page.waitForTimeout(300);
await page.screenshot({ path: `${OUT}/06-export.png` });
await page.keyboard.press('Escape');
await page.keyboard.press('?');
await page.waitForTimeout(300);
await page.screenshot({ path: `${OUT}/07-help.png` });
await page.keyboard.press('Escape');
await page.click('nav >> text=Batch');
await page.fill('#bfolder', '/data/clips');
await page.fill('#bout', '/data/out');
await page.click('text=Start batch');
await page.waitForTimeout(600);
await page.screenshot({ path: `${OUT}/08-batch.png` });
await page.click('nav >> text=Settings');
await page.waitForTimeout(300);
await page.screenshot({ path: `${OUT}/09-settings.png` });
await session.close();
server.close();
