/**
 * The reference the frame source is held to: what plain `ffmpeg -i IN -f rawvideo -pix_fmt rgb24 -`
 * writes, cut into frames here with code independent of core/video.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';

export function sha1(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** Yields plain ffmpeg's frames one by one (memory stays at one frame). */
export async function* plainFfmpegFrames(
  file: string,
  frameBytes: number,
  extraArgs: string[] = [],
): AsyncGenerator<Buffer> {
  const child = spawn(
    'ffmpeg',
    ['-nostdin', '-v', 'error', '-i', file, ...extraArgs, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      while (pendingBytes >= frameBytes) {
        const all = Buffer.concat(pending);
        yield all.subarray(0, frameBytes);
        pending = [all.subarray(frameBytes)];
        pendingBytes -= frameBytes;
      }
    }
  } finally {
    child.kill('SIGKILL');
  }
}
