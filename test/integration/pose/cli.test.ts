import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadImage } from '@napi-rs/canvas';
import { runCli as run } from '../../helpers/cli';
import { SHARED_MODELS_DIR, VIDEOS } from '../../helpers/assets';

const MODELS = ['--detector', 'yolox-nano-416', '--device', 'cpu', '--threads', '2'];
let outDir: string;

beforeAll(async () => {
  outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-pose-cli-'));
  process.env.POSETRAIL_MODEL_PATH = SHARED_MODELS_DIR;
});
afterAll(async () => {
  await fs.rm(outDir, { recursive: true, force: true });
});

describe('posetrail detect', () => {
  it('prints the boxes of the selected frames as JSON', async () => {
    const { code, stdout } = await run('detect', VIDEOS.street, '--frames', '1:3', '--json', ...MODELS);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.detector).toBe('yolox-nano-416');
    expect(doc.frames.map((f: { frame: number }) => f.frame)).toEqual([1, 2]);
    expect(doc.frames[0].timeMs).toBeCloseTo(33.33, 2);
    for (const frame of doc.frames) {
      // Two footballers in the middle of the 1280×720 frame, found with high scores.
      const sure = frame.boxes.filter((b: { score: number }) => b.score > 0.7);
      expect(sure).toHaveLength(2);
      for (const b of frame.boxes) {
        expect(b.x + b.w).toBeLessThanOrEqual(1280);
        expect(b.y + b.h).toBeLessThanOrEqual(720);
      }
    }
  });

  it('prints one line per frame without --json', async () => {
    const { code, stdout } = await run('detect', VIDEOS.street, '--frames', '4:5', '--min-score', '0.7', ...MODELS);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^frame 4 \(133\.33 ms\): 3 people \[x [\d.]+ y [\d.]+ w [\d.]+ h [\d.]+ score 0\.\d+\]/);
  });

  it('rejects a bad score and a missing input with one clear line', async () => {
    const bad = await run('detect', VIDEOS.street, '--min-score', '1.5');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--min-score needs a number from 0 to 1, got "1.5"');
    const missing = await run('detect', path.join(outDir, 'nope.mp4'), ...MODELS);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`Video file not found: ${path.join(outDir, 'nope.mp4')}`);
    const iou = await run('detect', VIDEOS.street, '--nms-iou', '0', ...MODELS);
    expect(iou.stderr).toContain('Invalid nmsIou 0. Should be in (0, 1].');
  });

  it('names the frame count when --frames starts past the end', async () => {
    const { code, stderr } = await run('detect', VIDEOS.street, '--frames', '9:12', ...MODELS);
    expect(code).toBe(2);
    expect(stderr).toContain('--frames starts at 9 but');
    expect(stderr).toContain('has 5 frames (0–4)');
  });
});

describe('posetrail pose', () => {
  const POSE = [...MODELS, '--pose-model', 'simplepose-nano'];

  it('draws one frame into a PNG of the video size', async () => {
    const file = path.join(outDir, 'one.png');
    const { code, stderr } = await run('pose', VIDEOS.street, '--frames', '2:3', '--draw', file, ...POSE);
    expect(code).toBe(0);
    expect(stderr).toContain(`Drew 1 frame into ${file}`);
    const image = await loadImage(await fs.readFile(file));
    expect([image.width, image.height]).toEqual([1280, 720]);
  });

  it('draws several frames into a folder, one PNG each, and prints keypoints with --json', async () => {
    const dir = path.join(outDir, 'frames');
    const { code, stdout } = await run(
      'pose',
      VIDEOS.street,
      '--frames',
      '0:2',
      '--draw',
      `${dir}/`,
      '--json',
      '--flip',
      ...POSE,
    );
    expect(code).toBe(0);
    expect((await fs.readdir(dir)).sort()).toEqual(['frame_000000.png', 'frame_000001.png']);
    const doc = JSON.parse(stdout);
    expect(doc.keypoints).toHaveLength(17);
    const pose = doc.frames[0].poses[0];
    expect(pose.keypoints).toHaveLength(17);
    const [x, y] = pose.keypoints[0];
    expect(x).toBeGreaterThanOrEqual(pose.box.x);
    expect(y).toBeGreaterThanOrEqual(pose.box.y - 0.25 * pose.box.h);
  });

  it('refuses a single image name for several frames, a bad extension, and nothing to do', async () => {
    const many = await run('pose', VIDEOS.street, '--frames', '0:3', '--draw', path.join(outDir, 'many.png'), ...POSE);
    expect(many.code).toBe(2);
    expect(many.stderr).toContain('is a single image but more than one frame was selected');
    const ext = await run('pose', VIDEOS.street, '--draw', path.join(outDir, 'x.gif'), ...POSE);
    expect(ext.stderr).toContain('give a .png or .jpg file for one frame, or a folder for several');
    const nothing = await run('pose', VIDEOS.street, ...POSE);
    expect(nothing.stderr).toContain(
      'Nothing to do: give --draw <file or folder> to draw the poses, --json to print them, or --coco-out <file> for COCO results.',
    );
  });

  it('names an unknown pose model', async () => {
    const { code, stderr } = await run('pose', VIDEOS.street, '--json', ...MODELS, '--pose-model', 'hrnet-w99');
    expect(code).toBe(1);
    expect(stderr).toContain('Unknown model "hrnet-w99"');
  });
});
