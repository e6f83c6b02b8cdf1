import { describe, expect, it } from 'vitest';
import {
  cachedSeekOrigin,
  inputSeekSeconds,
  isIndexedFormat,
  rememberSeekOrigin,
  seekTarget,
} from '../../../core/video/seek-origin';

describe('seekTarget', () => {
  it('aims half a frame before the wanted frame', () => {
    expect(seekTarget([0, 100, 200, 233.3], 2)).toEqual({ seekTimeMs: 150, skipFrames: 0 });
    expect(seekTarget([0, 100, 200, 233.3], 3).seekTimeMs).toBeCloseTo(216.65, 6);
  });

  it('seeks to the first of frames packed closer than 1 ms and skips forward by count', () => {
    const times = [0, 40, 80, 80.065, 80.13, 120];
    expect(seekTarget(times, 4)).toEqual({ seekTimeMs: 60, skipFrames: 2 });
    expect(seekTarget(times, 5)).toEqual({ seekTimeMs: 100.065, skipFrames: 0 });
  });

  it('decodes from the start when the cluster reaches frame 0', () => {
    expect(seekTarget([0, 0.1, 0.2, 40], 2)).toEqual({ seekTimeMs: 0, skipFrames: 2 });
  });
});

it('inputSeekSeconds adds the first frame offset from the container start', () => {
  // An audio track starting 0.5 s before the video: -ss counts from the audio's start.
  expect(inputSeekSeconds({ firstFrameSec: 0.5, containerStartSec: 0, indexed: true }, 250)).toBeCloseTo(0.75, 12);
  expect(inputSeekSeconds({ firstFrameSec: 1.4, containerStartSec: 1.4, indexed: true }, 250)).toBeCloseTo(0.25, 12);
});

it('the seek-origin cache is keyed by path and frame count', () => {
  rememberSeekOrigin('/v/cache.mp4', 10, { firstFrameSec: 1, containerStartSec: 0, indexed: true });
  expect(cachedSeekOrigin({ path: '/v/cache.mp4', frameCount: 10 })).toEqual({
    firstFrameSec: 1,
    containerStartSec: 0,
    indexed: true,
  });
  expect(cachedSeekOrigin({ path: '/v/cache.mp4', frameCount: 11 })).toBeUndefined();
});

it('only containers with a frame index are seeked by time', () => {
  expect(isIndexedFormat('mov,mp4,m4a,3gp,3g2,mj2')).toBe(true);
  expect(isIndexedFormat('matroska,webm')).toBe(true);
  expect(isIndexedFormat('avi')).toBe(true);
  expect(isIndexedFormat('mpegts')).toBe(false);
  expect(isIndexedFormat('h264')).toBe(false);
  expect(isIndexedFormat(undefined)).toBe(false);
});
