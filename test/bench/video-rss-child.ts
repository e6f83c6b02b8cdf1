/**
 * Child process of the video benchmark: decodes one file through readFrames, dropping each frame,
 * and prints its own peak RSS (and ffmpeg's, read from /proc on Linux) as JSON. A separate process
 * so the peak belongs to this decode alone.
 */
import { readFileSync } from 'node:fs';
import { liveToolPids, probeVideo, readFrames } from '../../core/video';

/** ffmpeg's peak RSS in KiB (VmHWM), while it is still running; undefined off Linux. */
function peakRssKbOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

const file = process.argv[2];
if (!file) throw new Error('usage: video-rss-child.ts <video>');
const info = await probeVideo(file);
let frames = 0;
let ffmpegPeakRssKb: number | undefined;
for await (const frame of readFrames(info)) {
  frames += 1;
  if (frame.index === info.frameCount - 1) ffmpegPeakRssKb = peakRssKbOf(liveToolPids()[0]);
}
process.stdout.write(`${JSON.stringify({ frames, maxRssKb: process.resourceUsage().maxRSS, ffmpegPeakRssKb })}\n`);
