/**
 * Video section of `npm run bench`:
 * - decode throughput of readFrames against `ffmpeg -f null` decoding the same file to the same
 *   pixel format (rgb24), as a ratio of frame rates (target ≥ 0.9), and against the floor of any
 *   pipe-based frame source: the same ffmpeg command line readFrames runs, its output drained by a
 *   reader that only counts bytes. On a machine with few cores, moving ~5 MB per frame between
 *   processes costs a large share of a core, so the first ratio can miss its target while the
 *   second shows whether our own frame handling adds anything;
 * - peak RSS of a process decoding the shared 230-frame video versus the same video looped 4×
 *   (target: within 10%), which shows that memory does not grow with the length of the video.
 * Takes about a minute on 2 cores.
 */
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { probeVideo, readFrames } from '../../core/video';
import { videoDecodeArgs } from '../../core/video/decode-args';
import { planRead } from '../../core/video/read-plan';
import type { VideoInfo } from '../../core/types';
import { checkTarget, median, type BenchContext } from './context';

const exec = promisify(execFile);

/** Timed repetitions of each decoder, alternating, after one untimed warm-up of each. */
const TIMED_RUNS = 3;
export const THROUGHPUT_TARGET = 0.9;
export const RSS_GROWTH_LIMIT = 1.1;
const LOOP_COUNT = 4;

async function timeFfmpegNull(file: string): Promise<number> {
  const started = performance.now();
  await exec('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'error', '-i', file, '-map', '0:V:0', '-fps_mode', 'passthrough', '-pix_fmt', 'rgb24', '-f', 'null', '-']);
  return performance.now() - started;
}

/** ffmpeg exactly as readFrames runs it, its stdout drained and discarded. */
async function timePipeFloor(info: VideoInfo): Promise<number> {
  const plan = planRead(info, {});
  const started = performance.now();
  const child = spawn('ffmpeg', videoDecodeArgs(info.path, plan, undefined), { stdio: ['ignore', 'pipe', 'ignore'] });
  let bytes = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  await new Promise<void>((resolve, reject) => child.once('error', reject).once('close', () => resolve()));
  const expected = plan.count * plan.width * plan.height * 3;
  if (bytes !== expected) throw new Error(`ffmpeg wrote ${bytes} bytes to the pipe, expected ${expected}`);
  return performance.now() - started;
}

async function timeReadFrames(info: VideoInfo): Promise<number> {
  const started = performance.now();
  let frames = 0;
  for await (const _frame of readFrames(info)) frames += 1;
  if (frames !== info.frameCount) throw new Error(`readFrames delivered ${frames} of ${info.frameCount} frames`);
  return performance.now() - started;
}

async function throughput(info: VideoInfo, ctx: BenchContext) {
  await timeFfmpegNull(info.path);
  await timePipeFloor(info);
  await timeReadFrames(info);
  const ffmpegMs: number[] = [];
  const pipeMs: number[] = [];
  const oursMs: number[] = [];
  for (let i = 0; i < TIMED_RUNS; i++) {
    ffmpegMs.push(await timeFfmpegNull(info.path));
    pipeMs.push(await timePipeFloor(info));
    oursMs.push(await timeReadFrames(info));
    ctx.log(`run ${i + 1}/${TIMED_RUNS}: ffmpeg -f null ${ffmpegMs[i].toFixed(0)} ms, pipe drained ${pipeMs[i].toFixed(0)} ms, readFrames ${oursMs[i].toFixed(0)} ms`);
  }
  const fps = (ms: number) => Math.round((info.frameCount / (ms / 1000)) * 10) / 10;
  return {
    file: info.path,
    frames: info.frameCount,
    size: `${info.width}x${info.height}`,
    ffmpegNullFps: fps(median(ffmpegMs)),
    pipeDrainedFps: fps(median(pipeMs)),
    readFramesFps: fps(median(oursMs)),
    runsMs: { ffmpegNull: ffmpegMs.map(Math.round), pipeDrained: pipeMs.map(Math.round), readFrames: oursMs.map(Math.round) },
    ratio: checkTarget(median(ffmpegMs) / median(oursMs), '>=', THROUGHPUT_TARGET),
    ratioToPipeFloor: checkTarget(median(pipeMs) / median(oursMs), '>=', THROUGHPUT_TARGET),
  };
}

async function peakRss(ctx: BenchContext, file: string): Promise<{ frames: number; maxRssKb: number; ffmpegPeakRssKb?: number }> {
  const child = path.join(ctx.repoRoot, 'test/bench/video-rss-child.ts');
  const { stdout } = await exec(process.execPath, [path.join(ctx.repoRoot, 'bin/run-ts.js'), child, file], { cwd: ctx.repoRoot });
  return JSON.parse(stdout);
}

async function memory(info: VideoInfo, ctx: BenchContext) {
  const looped = path.join(ctx.tmpDir, `looped-x${LOOP_COUNT}.mp4`);
  await exec('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'error', '-stream_loop', String(LOOP_COUNT - 1), '-i', info.path, '-map', '0:v', '-c', 'copy', looped]);
  const loopedInfo = await probeVideo(looped);
  if (loopedInfo.frameCount !== info.frameCount * LOOP_COUNT) throw new Error(`looped video has ${loopedInfo.frameCount} frames, expected ${info.frameCount * LOOP_COUNT}`);
  const single = await peakRss(ctx, info.path);
  const long = await peakRss(ctx, looped);
  ctx.log(`peak RSS: ${single.frames} frames ${single.maxRssKb} KiB, ${long.frames} frames ${long.maxRssKb} KiB`);
  return {
    single,
    looped: long,
    rssRatio: checkTarget(long.maxRssKb / single.maxRssKb, '<=', RSS_GROWTH_LIMIT),
  };
}

export async function run(ctx: BenchContext): Promise<Record<string, unknown>> {
  const info = await probeVideo(path.join(ctx.sharedAssets, 'videos/two_people_1768x994_vp9.mp4'));
  return { throughput: await throughput(info, ctx), memory: await memory(info, ctx) };
}
