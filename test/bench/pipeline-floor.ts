/**
 * This machine's floor for one `posetrail track` run: the least wall time any schedule of the same
 * work could take. The work is the run's model calls (each model, each batch size, as many as the
 * run made) and decoding the video. Two bounds, the larger wins:
 * - serial: the model calls one after the other, each with every core (bare session.run);
 * - CPU: the model calls' CPU time at one thread (no threading overhead) plus ffmpeg's decoding
 *   CPU, spread perfectly over every core.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { probeVideo, resolveTool } from '../../core/video';
import { videoDecodeArgs } from '../../core/video/decode-args';
import { planRead } from '../../core/video/read-plan';
import type { BareCall } from './pipeline-bare';

/** Calls by batch size of each model id, e.g. { 'yolox-nano-416': { 1: 230 } }. */
export type CallsByModel = Map<string, Record<string, number>>;

export interface Floor {
  floorMs: number;
  serialAllCoresMs: number;
  modelCpuOneThreadMs: number;
  decodeCpuMs: number;
  cores: number;
}

/** `bare` holds the bare calls by `${modelId}@${batch}`: all-core wall ms and one-thread CPU ms. */
export function floorOf(
  calls: CallsByModel,
  bare: Map<string, BareCall>,
  decodeCpuMs: number,
  cores = os.availableParallelism(),
): Floor {
  let serialAllCoresMs = 0;
  let modelCpuOneThreadMs = 0;
  for (const [id, byBatch] of calls) {
    for (const [batch, count] of Object.entries(byBatch)) {
      const call = bare.get(`${id}@${batch}`);
      if (!call) throw new Error(`No bare call of ${id} at batch ${batch} was timed.`);
      serialAllCoresMs += count * call.allCoresMs;
      modelCpuOneThreadMs += count * call.oneThreadCpuMs;
    }
  }
  const floorMs = Math.max(serialAllCoresMs, (modelCpuOneThreadMs + decodeCpuMs) / cores);
  return { floorMs, serialAllCoresMs, modelCpuOneThreadMs, decodeCpuMs, cores };
}

/**
 * ffmpeg's own CPU ms (user + system, its -benchmark report) for decoding `video` as the track
 * command does (same arguments, every frame, full size), with the frames written to /dev/null.
 */
export async function decodeCpuMs(video: string): Promise<number> {
  const info = await probeVideo(video);
  const args = videoDecodeArgs(info.path, planRead(info, {}), undefined).map((arg) => (arg === 'error' ? 'info' : arg));
  const child = spawn(resolveTool('ffmpeg').path, ['-benchmark', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) =>
    child.once('error', reject).once('close', resolve),
  );
  const match = /bench: utime=([\d.]+)s stime=([\d.]+)s/.exec(stderr);
  if (code !== 0 || !match)
    throw new Error(`ffmpeg -benchmark on ${video} failed (exit ${code}): ${stderr.slice(-300)}`);
  return (Number(match[1]) + Number(match[2])) * 1000;
}
