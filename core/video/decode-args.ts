/**
 * ffmpeg command lines for decoding to raw RGB. Pure functions: the frame source and its tests
 * share them, and each flag is explained once, here.
 */
import type { ReadPlan } from './read-plan';

/** Leading flags of every decoding run: quiet except for errors, never reading the terminal. */
const QUIET = ['-hide_banner', '-nostdin', '-v', 'error'];

/** Encoded frames the writer thread may hold while the pipe is full (a few frames of memory). */
export const OUTPUT_QUEUE_FRAMES = 3;

/** The pipe (file descriptor) that carries the downscaled copy of each frame, when planned. */
export const DOWNSCALED_FD = 3;

/**
 * One raw RGB output: one frame per decoded frame (passthrough: ffmpeg's default for rawvideo is
 * constant-rate output, which duplicates or drops frames of variable-rate videos and would shift
 * frame indices), stop after the planned count, packed RGB on `pipe`.
 *
 * The rawvideo muxer runs behind ffmpeg's fifo pseudo-muxer, which writes from its own thread:
 * otherwise ffmpeg's main thread stalls in write() whenever the pipe is full and decoding stops
 * until we have read the frame, which costs a large share of the throughput.
 */
function rawRgbTo(pipe: number, count: number): string[] {
  return [
    '-an',
    '-sn',
    '-dn',
    '-fps_mode',
    'passthrough',
    '-frames:v',
    String(count),
    '-c:v',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    '-f',
    'fifo',
    '-fifo_format',
    'rawvideo',
    '-queue_size',
    String(OUTPUT_QUEUE_FRAMES),
    `pipe:${pipe}`,
  ];
}

/**
 * Output side: the frames of input stream 0:V:0 (the first video stream that is not cover art,
 * the one probe describes) after `filters` on stdout; with a planned downscale, the filter graph
 * splits them and also writes each one area-averaged to the planned size on DOWNSCALED_FD.
 */
function rawRgbOutput(plan: ReadPlan, skipFrames: number): string[] {
  if (!plan.downscale)
    return ['-map', '0:V:0', '-vf', frameFilters(plan, skipFrames).join(','), ...rawRgbTo(1, plan.count)];
  // The split comes before the output size's scale, so the small copy is scaled straight from the
  // decoded picture, as `-vf scale=w:h:flags=area` alone would do it.
  const { width, height } = plan.downscale;
  const graph = `[0:V:0]${[...selectFilters(plan, skipFrames), 'split=2'].join(',')}[chosen][small];[chosen]${scaleFilter(plan)}[full];[small]scale=${width}:${height}:flags=area[downscaled]`;
  return [
    '-filter_complex',
    graph,
    '-map',
    '[full]',
    ...rawRgbTo(1, plan.count),
    '-map',
    '[downscaled]',
    ...rawRgbTo(DOWNSCALED_FD, plan.count),
  ];
}

export interface VideoSeek {
  /** Input -ss in seconds (0: decode from the start). */
  seconds: number;
  /** Decoded frames to drop before the first delivered one. */
  skipFrames: number;
}

/**
 * Filters after decoding (and after autorotation, which ffmpeg inserts first): drop `skipFrames`,
 * keep every stride-th frame, then fix the output size. The explicit scale also guarantees the
 * frame size on the pipe if a stream changes resolution midway; at the video's own size it is a
 * plain RGB conversion, identical to the one ffmpeg inserts by itself.
 */
export function frameFilters(plan: ReadPlan, skipFrames: number): string[] {
  return [...selectFilters(plan, skipFrames), scaleFilter(plan)];
}

/** The select filter that drops `skipFrames` and keeps every stride-th frame, when one is needed. */
function selectFilters(plan: ReadPlan, skipFrames: number): string[] {
  const stride = plan.stride > 1 ? `not(mod(n-${skipFrames},${plan.stride}))` : '';
  const skip = skipFrames > 0 ? `gte(n,${skipFrames})` : '';
  return skip || stride ? [`select='${[skip, stride].filter(Boolean).join('*')}'`] : [];
}

function scaleFilter(plan: ReadPlan): string {
  return `scale=${plan.width}:${plan.height}`;
}

/** Decoding a video file, optionally after an input seek. */
export function videoDecodeArgs(file: string, plan: ReadPlan, seek: VideoSeek | undefined): string[] {
  const seekArgs = seek && seek.seconds > 0 ? ['-ss', seek.seconds.toFixed(6)] : [];
  return [...QUIET, ...seekArgs, '-i', file, ...rawRgbOutput(plan, seek?.skipFrames ?? 0)];
}

/** Decoding a list of image files given as an ffconcat script on stdin. */
export function sequenceDecodeArgs(plan: ReadPlan): string[] {
  // Sequences pick their frames by file, so no select filter is needed.
  return [
    ...QUIET,
    '-f',
    'concat',
    '-safe',
    '0',
    '-protocol_whitelist',
    'file,pipe',
    '-i',
    'pipe:0',
    ...rawRgbOutput({ ...plan, stride: 1 }, 0),
  ];
}

/**
 * ffconcat script listing `files` (absolute paths). The explicit file: protocol keeps the concat
 * demuxer from resolving them relative to the script's own URL (pipe:); quotes are escaped as it
 * expects.
 */
export function ffconcatScript(files: string[]): string {
  const lines = files.map((file) => `file 'file:${file.replace(/'/g, "'\\''")}'`);
  return ['ffconcat version 1.0', ...lines, ''].join('\n');
}
