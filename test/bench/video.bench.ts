/**
 * Video section of `npm run bench`:
 * - decode throughput of readFrames against `ffmpeg -f null` decoding the same file to the same
 *   pixel format (rgb24), as a ratio of frame rates (target ≥ 0.9), and against the floor of any
 *   pipe-based frame source: the same ffmpeg command line readFrames runs, its output drained by a
 *   reader that only counts bytes. On a machine with few cores, moving ~5 MB per frame between
 *   processes costs a large share of a core, so the first ratio can miss its target while the
 *   second shows whether our own frame handling adds anything;
 * - peak RSS of a process decoding the shared 230-frame video versus the same video looped 4×
 *   (target: within 10%; the lowest of RSS_RUNS processes each), which shows that memory does not
 *   grow with the length of the video.
 * Both are measured in fresh child processes (test/bench/video-child.ts). About a minute on 2 cores.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { probeVideo } from '../../core/video';
import type { VideoInfo } from '../../core/types';
import { checkTarget, median, type BenchContext } from './context';

const exec = promisify(execFile);

/** Timed repetitions of each decoder, alternating, after one untimed warm-up of each. */
const TIMED_RUNS = 3;
export const THROUGHPUT_TARGET = 0.9;
export const RSS_GROWTH_LIMIT = 1.1;
const LOOP_COUNT = 4;
/** Fresh processes per video for the peak RSS; the lowest peak counts. */
const RSS_RUNS = 3;

/** Runs test/bench/video-child.ts in a fresh process and parses the JSON it prints. */
async function inChild<T>(ctx: BenchContext, ...args: string[]): Promise<T> {
  const child = path.join(ctx.repoRoot, 'test/bench/video-child.ts');
  const { stdout } = await exec(process.execPath, [path.join(ctx.repoRoot, 'bin/run-ts.js'), child, ...args], {
    cwd: ctx.repoRoot,
  });
  return JSON.parse(stdout) as T;
}

async function throughput(info: VideoInfo, ctx: BenchContext) {
  const runs = await inChild<{ ffmpegNull: number[]; pipeDrained: number[]; readFrames: number[] }>(
    ctx,
    'throughput',
    info.path,
    String(TIMED_RUNS),
  );
  runs.readFrames.forEach((ms, i) => {
    ctx.log(
      `run ${i + 1}/${TIMED_RUNS}: ffmpeg -f null ${runs.ffmpegNull[i].toFixed(0)} ms, pipe drained ${runs.pipeDrained[i].toFixed(0)} ms, readFrames ${ms.toFixed(0)} ms`,
    );
  });
  const fps = (ms: number) => Math.round((info.frameCount / (ms / 1000)) * 10) / 10;
  const [ffmpegMs, pipeMs, oursMs] = [median(runs.ffmpegNull), median(runs.pipeDrained), median(runs.readFrames)];
  return {
    file: info.path,
    frames: info.frameCount,
    size: `${info.width}x${info.height}`,
    ffmpegNullFps: fps(ffmpegMs),
    pipeDrainedFps: fps(pipeMs),
    readFramesFps: fps(oursMs),
    runsMs: {
      ffmpegNull: runs.ffmpegNull.map(Math.round),
      pipeDrained: runs.pipeDrained.map(Math.round),
      readFrames: runs.readFrames.map(Math.round),
    },
    ratio: checkTarget(ffmpegMs / oursMs, '>=', THROUGHPUT_TARGET),
    ratioToPipeFloor: checkTarget(pipeMs / oursMs, '>=', THROUGHPUT_TARGET),
  };
}

async function memory(info: VideoInfo, ctx: BenchContext) {
  const looped = path.join(ctx.tmpDir, `looped-x${LOOP_COUNT}.mp4`);
  await exec('ffmpeg', [
    '-hide_banner',
    '-nostdin',
    '-v',
    'error',
    '-stream_loop',
    String(LOOP_COUNT - 1),
    '-i',
    info.path,
    '-map',
    '0:v',
    '-c',
    'copy',
    looped,
  ]);
  const loopedInfo = await probeVideo(looped);
  if (loopedInfo.frameCount !== info.frameCount * LOOP_COUNT)
    throw new Error(`looped video has ${loopedInfo.frameCount} frames, expected ${info.frameCount * LOOP_COUNT}`);
  type Peak = { frames: number; maxRssKb: number; ffmpegPeakRssKb?: number };
  // The lowest of a few runs: frames are garbage-collected at times of V8's choosing, which can
  // only add to one run's peak, while memory that grows with the video shows in every run.
  const lowest = async (file: string) => {
    const peaks: Peak[] = [];
    for (let i = 0; i < RSS_RUNS; i++) peaks.push(await inChild<Peak>(ctx, 'rss', file));
    return peaks.reduce((low, peak) => (peak.maxRssKb < low.maxRssKb ? peak : low));
  };
  const single = await lowest(info.path);
  const long = await lowest(looped);
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
