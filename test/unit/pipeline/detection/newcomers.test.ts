import { describe, expect, it } from 'vitest';
import { BoundedQueue } from '../../../../core/pipeline/bounded-queue';
import { detectStage, type DetectedFrame } from '../../../../core/pipeline/detection/detect-stage';
import { newcomers } from '../../../../core/pipeline/detection/newcomers';
import { NEWCOMER_SEARCH_MAX_FRAMES } from '../../../../core/pipeline/constants';
import type { BoxDetector, StageTimesMs } from '../../../../core/pipeline/types';
import type { DetectViewsOption } from '../../../../core/detect/detector';
import type { Box, Frame } from '../../../../core/types';

/**
 * A small person whom only the tiles see walks in on frame 4, with tiles searched on every 3rd
 * detector run (frames 0, 3, 6, 9): the tiled pass of frame 6 finds them, and the tiles around
 * them are searched on frames 4 and 5 too. A large person the full frame sees throughout, and
 * a small one the tiles see from the start, never cause such a search.
 */
const LARGE: Box = { x: 20, y: 20, w: 80, h: 200, score: 0.9 };
const RESIDENT: Box = { x: 280, y: 30, w: 16, h: 40, score: 0.7 };
const ARRIVES_ON_FRAME = 4;
const FRAME_COUNT = 11;

/** The newcomer walks right 2 px a frame from where they appear. */
function newcomerBox(index: number): Box {
  return { x: 150 + 2 * (index - ARRIVES_ON_FRAME), y: 120, w: 18, h: 45, score: 0.8 };
}

const near = (box: Box, areas: readonly Box[] = []) =>
  areas.some((a) => Math.abs(a.x - box.x) < 60 && Math.abs(a.y - box.y) < 60);

function fakeDetector(log: { index: number; views: DetectViewsOption }[]): BoxDetector {
  const detect = async (frame: Frame, views: DetectViewsOption = {}) => {
    log.push({ index: frame.index, views });
    const small = [RESIDENT, ...(frame.index >= ARRIVES_ON_FRAME ? [newcomerBox(frame.index)] : [])];
    if (views.tilesNear) return small.filter((box) => near(box, views.tilesNear));
    return views.fullFrameOnly ? [LARGE] : [LARGE, ...small];
  };
  return { detect };
}

async function runDetectStage(searchTilesBetweenPasses: boolean, tileIntervalFrames = 3, frameCount = FRAME_COUNT) {
  const log: { index: number; views: DetectViewsOption }[] = [];
  const frames = new BoundedQueue<Frame>(3);
  const out = new BoundedQueue<DetectedFrame>(3);
  const stageMs: StageTimesMs = { decode: 0, decodeWait: 0, detect: 0, propagate: 0, pose: 0, track: 0 };
  const input = {
    detector: fakeDetector(log),
    detIntervalFrames: 1,
    tileIntervalFrames,
    minBoxScore: 0.3,
    searchTilesBetweenPasses,
  };
  const stage = detectStage(input, frames, out, stageMs);
  const produce = (async () => {
    for (let index = 0; index < frameCount; index++)
      await frames.push({ index, timestampMs: index * 40, width: 320, height: 240, rgb: new Uint8Array(0) });
    frames.close();
  })();
  const detected: DetectedFrame[] = [];
  for await (const item of out) detected.push(item);
  await Promise.all([stage, produce]);
  return { detected, log };
}

const hasNewcomer = (item: DetectedFrame) =>
  (item.detections ?? []).some((box) => box.x === newcomerBox(item.frame.index).x);

describe('searching the frames before a tiled pass for newcomers', () => {
  it('finds a small person from the frame they appear on, searching only the tiles around them there', async () => {
    const { detected, log } = await runDetectStage(true);
    expect(detected.map((d) => d.frame.index)).toEqual([...Array(FRAME_COUNT).keys()]);
    expect(detected.filter(hasNewcomer).map((d) => d.frame.index)).toEqual([4, 5, 6, 9]);
    const searches = log.filter(({ views }) => views.tilesNear);
    expect(searches.map(({ index }) => index)).toEqual([4, 5]);
    expect(searches[0].views.tilesNear).toEqual([newcomerBox(6)]);
    // Each frame keeps its own detections, with the newcomer added once.
    expect(detected[4].detections).toEqual([LARGE, newcomerBox(4)]);
    expect(detected.map((d) => d.tiled)).toEqual(detected.map((d) => d.frame.index % 3 === 0));
  });

  it('holds back at most NEWCOMER_SEARCH_MAX_FRAMES frames before a tiled pass, however long the interval', async () => {
    const { detected, log } = await runDetectStage(true, 20, 22);
    expect(detected.map((d) => d.frame.index)).toEqual([...Array(22).keys()]);
    const searched = log.filter(({ views }) => views.tilesNear).map(({ index }) => index);
    expect(searched).toEqual(
      Array.from({ length: NEWCOMER_SEARCH_MAX_FRAMES }, (_, i) => 20 - NEWCOMER_SEARCH_MAX_FRAMES + i),
    );
    expect(detected.filter(hasNewcomer).map((d) => d.frame.index)).toEqual([...searched, 20]);
  });

  it('leaves the frames before a tiled pass alone when asked to', async () => {
    const { detected, log } = await runDetectStage(false);
    expect(detected.filter(hasNewcomer).map((d) => d.frame.index)).toEqual([6, 9]);
    expect(log.some(({ views }) => views.tilesNear)).toBe(false);
  });
});

describe('newcomers', () => {
  const earlier: Box[] = [{ x: 100, y: 100, w: 20, h: 50, score: 0.8 }];
  it('counts a box as new only when no earlier box lies within half its size around it', () => {
    const moved = { x: 125, y: 110, w: 20, h: 50, score: 0.8 };
    const far = { x: 160, y: 100, w: 20, h: 50, score: 0.8 };
    expect(newcomers([moved, far], earlier)).toEqual([far]);
    expect(newcomers([far], [])).toEqual([far]);
  });
});
