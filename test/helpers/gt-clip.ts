import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveTool } from '../../core/video/ffmpeg';

/** The published-shape ground-truth fixtures (PoseTrack 2018 and 2017) of one 6-frame sequence. */
// import.meta.url, not __dirname: the benches load this module as ES (the quality report's occluder clips).
export const PUBLISHED_FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/published');
export const GT18_FIXTURE = path.join(PUBLISHED_FIXTURES, 'posetrack18_gt_000342_mpii_test.json');
export const GT17_FIXTURE = path.join(PUBLISHED_FIXTURES, 'posetrack17_gt_000342_mpii_test.json');
/** Images in the fixtures' sequence (`nframes`). */
export const FIXTURE_FRAME_COUNT = 6;

/** Runs ffmpeg (quiet, overwriting) with `args`; throws with its stderr when it fails. */
export function runFfmpeg(args: string[]): void {
  const done = spawnSync(resolveTool('ffmpeg').path, ['-v', 'error', '-y', ...args], { encoding: 'utf8' });
  if (done.status !== 0) throw new Error(`ffmpeg failed: ${done.stderr}`);
}

/** Writes an H.264 test-pattern clip of `frameCount` frames, large enough for the fixtures' people. */
export function makeClip(outPath: string, frameCount: number, size = '1024x576'): string {
  runFfmpeg([
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${size}:rate=25`,
    '-frames:v',
    String(frameCount),
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-pix_fmt',
    'yuv420p',
    outPath,
  ]);
  return outPath;
}
