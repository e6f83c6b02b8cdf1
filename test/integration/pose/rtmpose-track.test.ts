/**
 * `posetrail track --pose-model rtmpose-m-coco-256x192` end to end on the shared two-people clip
 * (4 frames), with RTMPose-m converted from seeded random weights into a temporary model store:
 * the manifest, the store lookup, the signature check, the converted graph, the SimCC decoder and
 * the exports. Random weights put keypoints anywhere in the crop, so the test checks where they
 * may be, not where people's joints are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, SHARED_MODELS_DIR, VIDEOS } from '../../helpers/assets';
import { cropTransform } from '../../../core/pose/crop-transform';
import { writeRandomRtmposeOnnx } from '../../../core/convert/convert-checkpoint';
import { getManifest } from '../../../core/models/registry';

const POSE_MODEL = 'rtmpose-m-coco-256x192';
let dir: string;
let store: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-rtmpose-track-'));
  store = path.join(dir, 'store');
  const manifest = getManifest(POSE_MODEL);
  await mkdir(store);
  await writeRandomRtmposeOnnx(
    'rtmpose-m',
    manifest.input.width,
    manifest.input.height,
    path.join(store, manifest.file),
    7,
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('posetrail track with an RTMPose model', () => {
  it('tracks 4 frames of the shared clip and writes 17 keypoints per pose inside each pose box', async () => {
    const output = path.join(dir, 'two_people.posetrack.json');
    const args = [
      'track',
      VIDEOS.twoPeople,
      '--frames',
      '0:4',
      '--detector',
      'yolox-nano-416',
      '--pose-model',
      POSE_MODEL,
      '--reid-model',
      'none',
      '--tiling',
      'off',
      '--device',
      'cpu',
      '--no-download',
      '-o',
      output,
    ];
    const env = { ...process.env, POSETRAIL_MODELS_DIR: store, POSETRAIL_MODEL_PATH: SHARED_MODELS_DIR };
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin/posetrail.js'), ...args], {
      env,
      encoding: 'utf8',
      timeout: 180_000,
    });
    expect(run.stderr).not.toContain('posetrail: ');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Wrote .*two_people\.posetrack\.json: 4 frames, \d+ poses, \d+ tracks/m);
    const file = JSON.parse(await readFile(output, 'utf8'));
    type Annotation = { image_id: number; bbox: number[]; scores: number[]; posetrail: { keypoints_coco: number[] } };
    const annotations: Annotation[] = file.annotations;
    expect(new Set(annotations.map((a) => a.image_id))).toEqual(new Set([0, 1, 2, 3]));
    for (const {
      bbox: [x, y, w, h],
      scores,
      posetrail,
    } of annotations) {
      expect(scores).toHaveLength(17);
      const keypoints = posetrail.keypoints_coco;
      expect(keypoints).toHaveLength(17 * 3);
      // The model's raw COCO output lands inside the padded 3:4 crop window around its box (a
      // keypoint scored ≤ 0 sits at bin −1, which is the window's edge).
      const {
        windowSize: [windowW, windowH],
      } = cropTransform({ x, y, w, h }, [192, 256]);
      for (let k = 0; k < 17; k++) {
        expect(Math.abs(keypoints[k * 3] - (x + w / 2))).toBeLessThanOrEqual(windowW / 2 + 1e-6);
        expect(Math.abs(keypoints[k * 3 + 1] - (y + h / 2))).toBeLessThanOrEqual(windowH / 2 + 1e-6);
        expect(keypoints[k * 3 + 2]).toBeGreaterThanOrEqual(0);
        expect(keypoints[k * 3 + 2]).toBeLessThanOrEqual(1);
      }
    }
  });
});
