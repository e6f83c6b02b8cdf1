/**
 * Probing a video file: stream parameters from `ffprobe -show_streams`, then the exact frame count
 * and per-frame times from its packet list (demuxing only, no decoding: fast even for long files).
 */
import { z } from 'zod';
import type { Rational, VideoInfo } from '../types';
import { VideoError } from './errors';
import { ffprobeJson, runTool, stderrSummary } from './ffmpeg';
import {
  constantFrameTimesMs,
  frameTimingFromPackets,
  isVariableFrameRate,
  parsePacketLines,
  typicalFrameGapMs,
} from './frame-times';
import { classifyProbeFailure, looksTruncated } from './probe-errors';
import { parseRational } from './rational';
import { clockwiseRotationDeg, rotatedSize } from './rotation';
import { isIndexedFormat, rememberSeekOrigin } from './seek-origin';

const streamSchema = z.object({
  index: z.number(),
  codec_type: z.string().optional(),
  codec_name: z.string().optional(),
  codec_tag_string: z.string().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  pix_fmt: z.string().optional(),
  r_frame_rate: z.string().optional(),
  avg_frame_rate: z.string().optional(),
  time_base: z.string().optional(),
  start_time: z.string().optional(),
  nb_frames: z.string().optional(),
  disposition: z.record(z.string(), z.number()).optional(),
  tags: z.record(z.string(), z.string()).optional(),
  side_data_list: z
    .array(z.object({ side_data_type: z.string().optional(), rotation: z.union([z.number(), z.string()]).optional() }))
    .optional(),
});

const probeSchema = z.object({
  streams: z.array(streamSchema).default([]),
  format: z.object({ format_name: z.string().optional(), start_time: z.string().optional() }).optional(),
});

export type ProbedStream = z.infer<typeof streamSchema>;

/** Fallback time base for streams that report none (ffmpeg's own internal default). */
const DEFAULT_TIME_BASE: Rational = { num: 1, den: 1_000_000 };

function pickVideoStream(file: string, streams: ProbedStream[]): ProbedStream {
  // Cover art in audio files is a one-picture "video" stream flagged attached_pic: not a video.
  const video = streams.find((stream) => stream.codec_type === 'video' && !stream.disposition?.attached_pic);
  if (video) return video;
  const kinds = [...new Set(streams.map((stream) => stream.codec_type ?? 'unknown'))];
  const found = kinds.length ? `it has only ${kinds.join(' and ')} streams` : 'it has no streams';
  throw new VideoError('NO_VIDEO_STREAM', file, `${file} contains no video stream (${found}).`);
}

function assertDecodable(file: string, stream: ProbedStream, stderr: string): void {
  const unknown = !stream.codec_name || stream.codec_name === 'none' || stream.codec_name === 'unknown';
  if (!unknown && !new RegExp(`Unsupported codec .* stream ${stream.index}\\b`).test(stderr)) return;
  const tag =
    stream.codec_tag_string && !stream.codec_tag_string.startsWith('[0]')
      ? ` (codec tag ${stream.codec_tag_string})`
      : '';
  const name = unknown ? `an unknown codec${tag}` : `the codec ${stream.codec_name}`;
  throw new VideoError(
    'UNSUPPORTED_CODEC',
    file,
    `${file}: its video stream uses ${name}, which this ffmpeg cannot decode.`,
  );
}

async function readStreams(file: string, signal?: AbortSignal) {
  const { json, result } = await ffprobeJson(['-v', 'warning', '-show_format', '-show_streams', '-i', file], {
    subject: file,
    signal,
  });
  const parsed = probeSchema.safeParse(json);
  if (result.code !== 0 || !parsed.success || !parsed.data.format) throw classifyProbeFailure(file, result.stderr);
  return { probed: parsed.data, stderr: result.stderr };
}

/** Lists the packets of one stream and fails with TRUNCATED when the file ends early. */
async function readPackets(file: string, stream: ProbedStream, signal?: AbortSignal) {
  // Warning level: a cut-off mdat shows up only as "Packet corrupt" / "partial file" warnings.
  const args = [
    '-hide_banner',
    '-v',
    'warning',
    '-select_streams',
    String(stream.index),
    '-show_entries',
    'packet=pts,dts,duration,flags',
    '-of',
    'compact=p=0',
    '-i',
    file,
  ];
  const result = await runTool('ffprobe', args, { subject: file, signal });
  const packets = parsePacketLines(result.stdout.toString('utf8'));
  const declared = Number(stream.nb_frames ?? NaN);
  // A packet count that merely differs from the header is a header that lies (we trust the
  // packets); a count that falls short *and* comes with read errors is a file cut short.
  if (result.code !== 0 || looksTruncated(result.stderr)) {
    const found = Number.isFinite(declared)
      ? `its header lists ${declared} frames, ${packets.length} could be read`
      : `${packets.length} frames could be read`;
    throw new VideoError('TRUNCATED', file, `${file} is truncated or damaged: ${found}.`, {
      toolOutput: stderrSummary(result.stderr) || undefined,
    });
  }
  if (packets.length === 0) throw new VideoError('CORRUPT', file, `${file}: its video stream contains no frames.`);
  return packets;
}

function chooseFps(stream: ProbedStream, variable: boolean, frameCount: number, durationMs: number): Rational {
  const real = parseRational(stream.r_frame_rate);
  const average = parseRational(stream.avg_frame_rate);
  // r_frame_rate is the exact nominal rate of constant-rate streams; for variable-rate streams the
  // average rate describes the video better (r_frame_rate is then the finest rate, often huge).
  const preferred = variable ? (average ?? real) : (real ?? average);
  if (preferred) return preferred;
  if (frameCount > 0 && durationMs > 0) return { num: Math.round((frameCount * 1e6) / durationMs), den: 1000 };
  return { num: 25, den: 1 };
}

function secondsOrZero(text: string | undefined): number {
  const seconds = Number(text);
  return Number.isFinite(seconds) ? seconds : 0;
}

/** Probes a video file (existence and emptiness already checked by the caller). */
export async function probeVideoFile(file: string, signal?: AbortSignal): Promise<VideoInfo> {
  const { probed, stderr } = await readStreams(file, signal);
  const stream = pickVideoStream(file, probed.streams);
  assertDecodable(file, stream, stderr);
  if (!stream.width || !stream.height)
    throw new VideoError('CORRUPT', file, `${file}: its video stream has no frame size.`, {
      toolOutput: stderrSummary(stderr) || undefined,
    });

  const packets = await readPackets(file, stream, signal);
  const timeBase = parseRational(stream.time_base) ?? DEFAULT_TIME_BASE;
  const timing = frameTimingFromPackets(packets, timeBase);
  const nominal = parseRational(stream.r_frame_rate) ?? parseRational(stream.avg_frame_rate) ?? { num: 25, den: 1 };
  const frameTimesMs = timing?.frameTimesMs ?? constantFrameTimesMs(packets.length, nominal);
  const variableFrameRate = timing !== undefined && isVariableFrameRate(frameTimesMs, timeBase);
  const lastGapMs =
    timing?.lastFrameDurationMs ?? typicalFrameGapMs(frameTimesMs) ?? (1000 * nominal.den) / nominal.num;
  const durationMs = frameTimesMs[frameTimesMs.length - 1] + lastGapMs;
  const rotationDeg = clockwiseRotationDeg(stream);

  rememberSeekOrigin(file, packets.length, {
    firstFrameSec: timing?.firstPtsSec ?? secondsOrZero(stream.start_time),
    containerStartSec: secondsOrZero(probed.format?.start_time ?? stream.start_time),
    indexed: isIndexedFormat(probed.format?.format_name),
  });
  return {
    path: file,
    kind: 'video',
    ...rotatedSize(stream.width, stream.height, rotationDeg),
    fps: chooseFps(stream, variableFrameRate, frameTimesMs.length, durationMs),
    frameCount: frameTimesMs.length,
    durationMs,
    codec: stream.codec_name!,
    pixelFormat: stream.pix_fmt ?? 'unknown',
    rotationDeg,
    variableFrameRate,
    frameTimesMs,
  };
}
