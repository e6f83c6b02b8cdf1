/**
 * Child process of the video benchmark, so that its numbers belong to a fresh process and not to
 * a bench process that earlier sections left with a large heap (whose garbage collection slows
 * every frame allocation):
 * - `throughput <video> <runs>`: times `ffmpeg -f null`, ffmpeg writing into a pipe that is only
 *   drained, and readFrames, alternating, after one untimed warm-up of each; prints the times;
 * - `rss <video>`: decodes the video through readFrames, dropping each frame, and prints its own
 *   peak RSS and ffmpeg's.
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { liveToolPids, probeVideo, readFrames } from '../../core/video';
import { videoDecodeArgs } from '../../core/video/decode-args';
import { resolveTool } from '../../core/video/ffmpeg';
import { planRead } from '../../core/video/read-plan';
import { FrameBufferPool } from '../../core/video/frame-pool';
import type { VideoInfo } from '../../core/types';
import { peakRssKb } from './context';

const exec = promisify(execFile);
/** The ffmpeg readFrames runs (env, ffmpeg-static or PATH), so all three timings use one binary. */
const FFMPEG = resolveTool('ffmpeg').path;

async function timeFfmpegNull(file: string): Promise<number> {
  const started = performance.now();
  await exec(FFMPEG, [
    '-hide_banner',
    '-nostdin',
    '-v',
    'error',
    '-i',
    file,
    '-map',
    '0:V:0',
    '-fps_mode',
    'passthrough',
    '-pix_fmt',
    'rgb24',
    '-f',
    'null',
    '-',
  ]);
  return performance.now() - started;
}

/** ffmpeg exactly as readFrames runs it, its stdout drained and discarded. */
async function timePipeFloor(info: VideoInfo): Promise<number> {
  const plan = planRead(info, {});
  const started = performance.now();
  const child = spawn(FFMPEG, videoDecodeArgs(info.path, plan, undefined), { stdio: ['ignore', 'pipe', 'ignore'] });
  let bytes = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  await new Promise<void>((resolve, reject) => child.once('error', reject).once('close', () => resolve()));
  const expected = plan.count * plan.width * plan.height * 3;
  if (bytes !== expected) throw new Error(`ffmpeg wrote ${bytes} bytes to the pipe, expected ${expected}`);
  return performance.now() - started;
}

/** readFrames as the pipeline runs it: pixels from a pool, each frame given back once used. */
async function timeReadFrames(info: VideoInfo): Promise<number> {
  const started = performance.now();
  const bufferPool = new FrameBufferPool();
  let frames = 0;
  for await (const frame of readFrames(info, { bufferPool })) {
    bufferPool.give(frame.rgb);
    frames += 1;
  }
  if (frames !== info.frameCount) throw new Error(`readFrames delivered ${frames} of ${info.frameCount} frames`);
  return performance.now() - started;
}

async function throughput(info: VideoInfo, runs: number) {
  await timeFfmpegNull(info.path);
  await timePipeFloor(info);
  await timeReadFrames(info);
  const times = { ffmpegNull: [] as number[], pipeDrained: [] as number[], readFrames: [] as number[] };
  for (let i = 0; i < runs; i++) {
    times.ffmpegNull.push(await timeFfmpegNull(info.path));
    times.pipeDrained.push(await timePipeFloor(info));
    times.readFrames.push(await timeReadFrames(info));
  }
  return times;
}

async function rss(info: VideoInfo) {
  let frames = 0;
  let ffmpegPeakRssKb: number | undefined;
  for await (const frame of readFrames(info)) {
    frames += 1;
    const ffmpegPid = liveToolPids()[0];
    if (frame.index === info.frameCount - 1 && ffmpegPid !== undefined) ffmpegPeakRssKb = peakRssKb(ffmpegPid);
  }
  return { frames, maxRssKb: peakRssKb(), ffmpegPeakRssKb };
}

const [mode, file, runs] = process.argv.slice(2);
if (!file || (mode !== 'throughput' && mode !== 'rss'))
  throw new Error('usage: video-child.ts throughput <video> <runs> | rss <video>');
const info = await probeVideo(file);
const result = mode === 'rss' ? await rss(info) : await throughput(info, Number(runs));
process.stdout.write(`${JSON.stringify(result)}\n`);
