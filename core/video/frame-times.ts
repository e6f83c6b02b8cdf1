/**
 * Frame timing from ffprobe's packet list. Counting packets (instead of trusting the header's
 * nb_frames, which some containers omit or get wrong) gives the exact number of frames ffmpeg will
 * decode; sorting their presentation timestamps gives each frame's time, also for B-frames and
 * variable frame rates.
 */
import type { Rational } from '../types';
import { upperMedian } from '../util/stats';

export interface PacketTiming {
  pts?: number;
  dts?: number;
  durationTicks?: number;
  /** Flagged for discard by the demuxer (e.g. before an MP4 edit list's start): never decoded to a frame. */
  discard: boolean;
}

function parseTicks(value: string | undefined): number | undefined {
  if (value === undefined || value === 'N/A' || value === '') return undefined;
  const ticks = Number(value);
  return Number.isFinite(ticks) ? ticks : undefined;
}

/** Parses `ffprobe -show_entries packet=pts,dts,duration,flags -of compact=p=0` output. */
export function parsePacketLines(text: string): PacketTiming[] {
  const packets: PacketTiming[] = [];
  for (const line of text.split('\n')) {
    if (!line.includes('=')) continue;
    const fields = new Map(
      line
        .trim()
        .split('|')
        .map((pair) => pair.split('=', 2) as [string, string]),
    );
    packets.push({
      pts: parseTicks(fields.get('pts')),
      dts: parseTicks(fields.get('dts')),
      durationTicks: parseTicks(fields.get('duration')),
      discard: (fields.get('flags') ?? '').includes('D'),
    });
  }
  return packets;
}

export interface FrameTiming {
  /** Presentation times from the first frame at 0, ascending. */
  frameTimesMs: number[];
  /** Presentation timestamp of the first frame, in seconds of stream time. */
  firstPtsSec: number;
  /** Duration of the last frame when the container records it. */
  lastFrameDurationMs?: number;
}

/**
 * Frame times of the packets that will be decoded. Undefined when the packets carry no timestamps
 * at all (raw elementary streams): the caller then derives times from the frame rate.
 */
export function frameTimingFromPackets(packets: PacketTiming[], timeBase: Rational): FrameTiming | undefined {
  const kept = packets.filter((packet) => !packet.discard);
  if (kept.length === 0) return undefined;
  const useDts = kept.some((packet) => packet.pts === undefined);
  if (useDts && kept.some((packet) => packet.dts === undefined)) return undefined;
  const order = kept
    .map((packet) => ({ ticks: (useDts ? packet.dts : packet.pts)!, duration: packet.durationTicks }))
    .sort((a, b) => a.ticks - b.ticks);
  // Two frames with one timestamp (a muxing glitch) would make index ↔ time ambiguous; like
  // ffmpeg's decoder, which falls back to the next tick for such a frame, keep times increasing.
  for (let i = 1; i < order.length; i++) {
    if (order[i].ticks <= order[i - 1].ticks) order[i].ticks = order[i - 1].ticks + 1;
  }
  const secondsPerTick = timeBase.num / timeBase.den;
  const first = order[0].ticks;
  const last = order[order.length - 1];
  return {
    frameTimesMs: order.map(({ ticks }) => (ticks - first) * secondsPerTick * 1000),
    firstPtsSec: first * secondsPerTick,
    lastFrameDurationMs: last.duration && last.duration > 0 ? last.duration * secondsPerTick * 1000 : undefined,
  };
}

/** Frame times of a constant-rate stream (image sequences, streams without timestamps). */
export function constantFrameTimesMs(frameCount: number, fps: Rational): number[] {
  return Array.from({ length: frameCount }, (_, index) => (index * 1000 * fps.den) / fps.num);
}

/** Smallest jitter that counts as a rate change: containers with coarse (1 ms) time bases round. */
const MIN_VFR_JITTER_MS = 0.5;

/**
 * True when the gaps between frames differ by more than the container's rounding allows
 * (1.5 time-base ticks, at least half a millisecond): a 33/34 ms alternation in a 1 ms time base
 * is still constant 30 fps.
 */
export function isVariableFrameRate(frameTimesMs: number[], timeBase: Rational): boolean {
  if (frameTimesMs.length < 3) return false;
  const gaps = frameTimesMs.slice(1).map((time, index) => time - frameTimesMs[index]);
  const typical = upperMedian(gaps);
  const tolerance = Math.max((1.5 * 1000 * timeBase.num) / timeBase.den, MIN_VFR_JITTER_MS);
  return gaps.some((gap) => Math.abs(gap - typical) > tolerance);
}

/** Typical gap between frames (the median), for the last frame's duration when none is recorded. */
export function typicalFrameGapMs(frameTimesMs: number[]): number | undefined {
  if (frameTimesMs.length < 2) return undefined;
  return upperMedian(frameTimesMs.slice(1).map((time, index) => time - frameTimesMs[index]));
}
