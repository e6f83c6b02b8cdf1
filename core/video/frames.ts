/**
 * The frame source: one long-lived ffmpeg process writes packed RGB frames to a pipe and we cut
 * the stream into frames of exactly width*height*3 bytes. Reading is pull-based (the pipe fills,
 * ffmpeg blocks), so memory stays flat however long the video is.
 */
import type { Readable } from 'node:stream';
import type { Frame, VideoInfo } from '../types';
import { VideoError, cancelledError } from './errors';
import { spawnTool } from './ffmpeg';
import { ffconcatScript, sequenceDecodeArgs, videoDecodeArgs, type VideoSeek } from './decode-args';
import { classifyDecodeFailure } from './probe-errors';
import { probeVideo } from './probe';
import { planRead, plannedFrameIndex, type ReadFramesOptions, type ReadPlan } from './read-plan';
import { cachedSeekOrigin, inputSeekSeconds, seekTarget } from './seek-origin';

export type { ReadFramesOptions } from './read-plan';

/** Complete frames held ahead of the consumer before the pipe is paused (ffmpeg then blocks). */
const FRAMES_AHEAD = 2;

/**
 * Cuts a byte stream into consecutive chunks of exactly `size` bytes (a short tail is dropped).
 * Driven by 'data' events, which cost less per 64 KiB pipe read than the stream's async iterator;
 * backpressure by pausing the stream once FRAMES_AHEAD frames wait for the consumer.
 */
export async function* fixedSizeChunks(
  stream: Readable,
  size: number,
  allocate: (size: number) => Buffer = Buffer.allocUnsafe,
): AsyncGenerator<Uint8Array> {
  const ready: Buffer[] = [];
  let frame = allocate(size);
  let filled = 0;
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const onData = (chunk: Buffer) => {
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(size - filled, chunk.length - offset);
      chunk.copy(frame, filled, offset, offset + take);
      filled += take;
      offset += take;
      if (filled === size) {
        ready.push(frame);
        frame = allocate(size);
        filled = 0;
      }
    }
    if (ready.length >= FRAMES_AHEAD) stream.pause();
    if (ready.length) notify();
  };
  const onEnd = () => {
    ended = true;
    notify();
  };
  const onError = (error: Error) => {
    failure = error;
    notify();
  };
  stream.on('data', onData).once('end', onEnd).once('close', onEnd).once('error', onError);
  try {
    for (;;) {
      const next = ready.shift();
      if (next) {
        if (ready.length < FRAMES_AHEAD && stream.isPaused() && !ended) stream.resume();
        yield next;
        continue;
      }
      if (failure) throw failure;
      if (ended) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    stream.off('data', onData).off('end', onEnd).off('close', onEnd).off('error', onError);
    stream.destroy();
  }
}

/** Input -ss (seconds) and frames to skip after it, for a plan that starts after frame 0. */
async function seekFor(info: VideoInfo, plan: ReadPlan, signal?: AbortSignal): Promise<VideoSeek | undefined> {
  if (plan.startFrame === 0) return undefined;
  let origin = cachedSeekOrigin(info);
  if (!origin) {
    // A VideoInfo that came through IPC or JSON: probe once more to learn the stream's clock.
    await probeVideo(info.path, { signal });
    origin = cachedSeekOrigin(info);
    if (!origin)
      throw new VideoError(
        'CORRUPT',
        info.path,
        `${info.path} changed since it was probed: its frame count is no longer ${info.frameCount}.`,
      );
  }
  if (!origin.indexed) return { seconds: 0, skipFrames: plan.startFrame };
  const target = seekTarget(info.frameTimesMs, plan.startFrame);
  const seconds = target.seekTimeMs > 0 ? inputSeekSeconds(origin, target.seekTimeMs) : 0;
  return { seconds, skipFrames: target.skipFrames };
}

async function sequenceFiles(info: VideoInfo, plan: ReadPlan, signal?: AbortSignal): Promise<string[]> {
  let files = info.frameFiles;
  if (!files || files.length !== info.frameCount) files = (await probeVideo(info.path, { signal })).frameFiles ?? [];
  if (files.length !== info.frameCount) {
    throw new VideoError(
      'CORRUPT',
      info.path,
      `${info.path} changed since it was probed: it now has ${files.length} frames instead of ${info.frameCount}.`,
    );
  }
  return Array.from({ length: plan.count }, (_, k) => files[plannedFrameIndex(plan, k)]);
}

/** Starts the ffmpeg process for a plan. */
async function startDecoder(info: VideoInfo, plan: ReadPlan, signal?: AbortSignal) {
  if (info.kind === 'image-sequence') {
    const script = ffconcatScript(await sequenceFiles(info, plan, signal));
    const proc = spawnTool('ffmpeg', sequenceDecodeArgs(plan), {
      subject: info.path,
      signal,
      stdin: 'pipe',
      fd3: plan.downscale !== undefined,
    });
    // ffmpeg reads the whole list before decoding; it may exit early on an error, which is then
    // reported from its stderr, so a broken stdin pipe here is not an error of its own.
    proc.stdin!.on('error', () => {});
    proc.stdin!.end(script);
    return proc;
  }
  const args = videoDecodeArgs(info.path, plan, await seekFor(info, plan, signal));
  return spawnTool('ffmpeg', args, { subject: info.path, signal, fd3: plan.downscale !== undefined });
}

/**
 * Decodes frames of `info` in order. Frame i is byte-identical to frame i of
 * `ffmpeg -i IN -f rawvideo -pix_fmt rgb24 -` (rotation applied as ffmpeg does by default).
 * Breaking out of the loop, throwing inside it or aborting `signal` kills ffmpeg, and the
 * generator returns only once the process is gone.
 */
export async function* readFrames(info: VideoInfo, options: ReadFramesOptions = {}): AsyncGenerator<Frame> {
  const { signal } = options;
  const plan = planRead(info, options);
  if (signal?.aborted) throw cancelledError(info.path, 'Reading');
  if (plan.count === 0) return;
  const proc = await startDecoder(info, plan, signal);
  let delivered = 0;
  const pool = options.bufferPool;
  const allocate = pool ? (size: number) => pool.take(size) : undefined;
  const small =
    plan.downscale && proc.fd3
      ? fixedSizeChunks(proc.fd3, plan.downscale.width * plan.downscale.height * 3, allocate)
      : null;
  try {
    const full = fixedSizeChunks(proc.stdout, plan.width * plan.height * 3, allocate);
    for await (const rgb of full) {
      const index = plannedFrameIndex(plan, delivered);
      const frame: Frame = {
        index,
        timestampMs: info.frameTimesMs[index],
        width: plan.width,
        height: plan.height,
        rgb,
      };
      if (small && plan.downscale) {
        const next = await small.next();
        if (next.done) break;
        frame.downscaled = { ...plan.downscale, rgb: next.value };
      }
      yield frame;
      delivered += 1;
      if (delivered === plan.count) return;
      if (signal?.aborted) break;
    }
    await proc.exited;
    if (proc.cancelled || signal?.aborted) throw cancelledError(info.path, 'Reading');
    throw classifyDecodeFailure(info.path, proc.stderr(), delivered, plan.count);
  } finally {
    await small?.return(undefined);
    await proc.stop();
  }
}
