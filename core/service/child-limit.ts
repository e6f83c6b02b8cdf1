import { ApiError, ERROR_CODES } from '../api/errors';
import type { CorePorts } from './core-ports';

/**
 * A bound on concurrent ffmpeg/ffprobe children started on behalf of API calls (probes and
 * frame images): each holds tens of megabytes, so 200 concurrent frame requests must not start
 * 200 processes. Up to `maxRunning` run at once, up to `maxWaiting` more wait their turn in
 * arrival order, and anything beyond that is refused at once as BUSY (HTTP 503 on the web host).
 */

export const MAX_RUNNING_MEDIA_CHILDREN = 4;
export const MAX_WAITING_MEDIA_CALLS = 32;

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimiter(maxRunning: number, maxWaiting: number, what: string): Limiter {
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    running -= 1;
    const next = waiting.shift();
    if (next) {
      running += 1;
      next();
    }
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= maxRunning) {
      if (waiting.length >= maxWaiting) {
        throw new ApiError(
          ERROR_CODES.busy,
          `Too many ${what} requests at once (${maxRunning} running, ${maxWaiting} waiting); try again in a moment.`,
        );
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else {
      running += 1;
    }
    try {
      return await task();
    } finally {
      release();
    }
  };
}

/** The same ports with probes and frame decoding sharing one bound. */
export function limitMediaChildren(
  core: CorePorts,
  limit: Limiter = createLimiter(MAX_RUNNING_MEDIA_CHILDREN, MAX_WAITING_MEDIA_CALLS, 'video probe and frame'),
): CorePorts {
  return {
    ...core,
    probeVideo: (filePath) => limit(() => core.probeVideo(filePath)),
    frameJpeg: (info, frameIndex) => limit(() => core.frameJpeg(info, frameIndex)),
    findPerson: (info, request) => limit(() => core.findPerson(info, request)),
  };
}
