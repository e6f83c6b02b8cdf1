import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Repository root. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The shared test assets (real models and videos) that live beside the checkout, never in it. */
export const SHARED_ASSETS = process.env.POSETRAIL_SHARED_ASSETS ?? path.resolve(REPO_ROOT, '../shared/assets');

export const SHARED_MODELS_DIR = path.join(SHARED_ASSETS, 'models');

export const VIDEOS = {
  /** 230 frames, 30 fps, VP9, 1768×994, two people moving. */
  twoPeople: path.join(SHARED_ASSETS, 'videos/two_people_1768x994_vp9.mp4'),
  /** 5 frames, 30 fps, MPEG-4 Part 2, 1280×720, a street with several people. */
  street: path.join(SHARED_ASSETS, 'videos/street_5frames_1280x720.mp4'),
} as const;

export function sharedAsset(relative: string): string {
  const file = path.join(SHARED_ASSETS, relative);
  if (!existsSync(file))
    throw new Error(`Shared test asset missing: ${file} (expected ../shared/assets beside the checkout)`);
  return file;
}
