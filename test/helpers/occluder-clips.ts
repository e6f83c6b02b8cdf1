/**
 * A person walking behind a static occluder, on real pixels: clips cut from the shared two-people
 * video (source frames 40–169, scaled to 480×270) with a panel drawn by ffmpeg over the lower part
 * of the picture for the whole clip, where the woman walks from right to left. She disappears
 * behind it gradually (her box shrinks against its edge, the pose model guesses joints on it) and
 * comes out the same way. Panels 10 %, 25 % and 35 % of the width, filled plain grey or with a
 * live copy of another part of the picture (buildings and a tree: texture the detector and the
 * colour sampling see as real). Behind the widest she goes unseen for about 2 s.
 *
 * The man stays in the upper half, so the woman's poses are those centred in the lower half; the
 * textured fill shows a small false person (about 50 px tall) that her 100–120 px leave out.
 * Used by test/integration/pipeline/static-occluder.test.ts and the quality report.
 */
import path from 'node:path';
import type { TrackingResult } from '../../core/types';
import { VIDEOS } from './assets';
import { runFfmpeg } from './gt-clip';

export const OCCLUDER_CLIP_WIDTH = 480;
export const OCCLUDER_CLIP_HEIGHT = 270;
export const OCCLUDER_CLIP_FRAMES = 130;
export const PANEL_WIDTH_FRACTIONS: readonly number[] = [0.1, 0.25, 0.35];
export const PANEL_FILLS = ['plain', 'textured'] as const;
export type PanelFill = (typeof PANEL_FILLS)[number];

/** The panel's centre (x) and top (y): on the woman's path, right of the man, below him. */
const PANEL_CENTRE_X = 300;
const PANEL_TOP = Math.round(0.48 * OCCLUDER_CLIP_HEIGHT);
const ENCODE = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '16', '-pix_fmt', 'yuv420p'];

/** Cuts the clip the panels are drawn on into `dir` (once per directory); returns its path. */
export function buildBaseClip(dir: string): string {
  const out = path.join(dir, 'base.mp4');
  const cut = `trim=start_frame=40:end_frame=${40 + OCCLUDER_CLIP_FRAMES},setpts=PTS-STARTPTS,scale=${OCCLUDER_CLIP_WIDTH}:${OCCLUDER_CLIP_HEIGHT}`;
  runFfmpeg(['-i', VIDEOS.twoPeople, '-vf', cut, '-an', ...ENCODE, out]);
  return out;
}

/** The base clip of `dir` with a panel `widthFraction` of the picture wide over its lower part. */
export function occludedClip(dir: string, widthFraction: number, fill: PanelFill): string {
  const out = path.join(dir, `panel-${widthFraction}-${fill}.mp4`);
  const w = Math.round(widthFraction * OCCLUDER_CLIP_WIDTH);
  const h = OCCLUDER_CLIP_HEIGHT - PANEL_TOP;
  const x = Math.round(PANEL_CENTRE_X - w / 2);
  const filter =
    fill === 'plain'
      ? ['-vf', `drawbox=x=${x}:y=${PANEL_TOP}:w=${w}:h=${h}:color=gray:t=fill`]
      : // The top right corner of each frame (buildings, a tree; nobody walks there) pasted over the panel.
        [
          '-filter_complex',
          `[0]split[a][b];[b]crop=${w}:${h}:${OCCLUDER_CLIP_WIDTH - w}:0[p];[a][p]overlay=${x}:${PANEL_TOP}`,
        ];
  runFfmpeg(['-i', path.join(dir, 'base.mp4'), ...filter, ...ENCODE, out]);
  return out;
}

/** Poses shorter than this are not the woman (she is 100–120 px tall). */
const MIN_WOMAN_HEIGHT_PX = 70;

/** The woman's track ids by frame: the tall poses centred in the lower half. */
export function womanIdsByFrame(result: TrackingResult): Map<number, number[]> {
  return new Map(
    result.frames.map((frame) => [
      frame.frameIndex,
      frame.poses
        .filter((p) => p.box.y + p.box.h / 2 > OCCLUDER_CLIP_HEIGHT / 2 && p.box.h >= MIN_WOMAN_HEIGHT_PX)
        .map((p) => p.trackId),
    ]),
  );
}

/** Clip frames where she is in view before the panel, and the first one after it. */
const BEFORE_PANEL = [1, 10] as const;
const AFTER_PANEL_FROM = 110;

/**
 * What a run made of the woman: whether she was seen in every frame before the panel and after
 * it, never twice at once, and how many ids she was given.
 */
export interface WomanIdentity {
  seenAround: boolean;
  neverTwice: boolean;
  ids: number;
}

export function womanIdentity(result: TrackingResult): WomanIdentity {
  const seen = [...womanIdsByFrame(result)].filter(([, ids]) => ids.length > 0);
  const before = seen.filter(([f]) => f >= BEFORE_PANEL[0] && f <= BEFORE_PANEL[1]).length;
  const after = seen.filter(([f]) => f >= AFTER_PANEL_FROM).length;
  return {
    seenAround: before === BEFORE_PANEL[1] - BEFORE_PANEL[0] + 1 && after === OCCLUDER_CLIP_FRAMES - AFTER_PANEL_FROM,
    neverTwice: seen.every(([, ids]) => ids.length === 1),
    ids: new Set(seen.flatMap(([, ids]) => ids)).size,
  };
}

/** Whether she kept one id through the clip (seen on both sides of the panel, once at a time). */
export function keepsOneId({ seenAround, neverTwice, ids }: WomanIdentity): boolean {
  return seenAround && neverTwice && ids === 1;
}
