/**
 * Real people for calibrating re-identification: the two people of the shared clip, tracked by
 * the pipeline and seen at many frames (the same person at several gaps, and the man against the
 * woman), and the 143 labelled people of the coco-train photos (all different people). Each is
 * described both ways the tracker can: the re-ID model's embedding of the box, and the colours
 * along the skeleton (the fallback without a model).
 */
import path from 'node:path';
import { runTracking } from '../../core/pipeline/runner';
import { readImage } from '../../core/pipeline/image-set';
import { createPersonEmbedder, type PersonEmbedder } from '../../core/pose/reid-embedder';
import { embeddingAppearance, skeletonAppearance, type Appearance } from '../../core/track/appearance';
import { TEST_TRACKER_RUN } from '../helpers/tracker-settings';
import { probeVideo, readFrames } from '../../core/video';
import { readCocoGroundTruth } from '../../core/eval/coco/coco-files';
import type { Box, Frame, Keypoint } from '../../core/types';

/** One person seen once: who (a label shared by all sightings of them), when, and both descriptions. */
export interface Sighting {
  person: string;
  /** Frame index in the clip (photos: 0). */
  frameIndex: number;
  embedding: Appearance;
  /** Null when too few keypoints were confident to sample the colours. */
  colours: Appearance | null;
}

export const CLIP = 'videos/two_people_1768x994_vp9.mp4';
export const COCO_TRAIN = 'images/coco-train';
export const REID_MODEL = 'models/osnet_x0_25_msmt17.onnx';
/** Every 5th frame of the 30 fps clip: gaps from 1/6 s to 7 s. */
const CLIP_FRAME_STRIDE = 5;
/**
 * The two people are the clip's two longest tracks (the man 0–192, the woman 41–206 at 8c03488):
 * shorter ones are detector noise or, like the man's last piece after his flip (187–229, which
 * overlaps his first), left out rather than counted as someone else.
 */
const CLIP_PEOPLE = 2;
/** COCO visibility flags 1 and 2 (labelled) become keypoint score 1. */
const LABELLED = 1;

export async function openSharedEmbedder(sharedAssets: string): Promise<PersonEmbedder> {
  return createPersonEmbedder({ model: path.join(sharedAssets, REID_MODEL), device: 'cpu' });
}

/** The clip's two people, tracked with the shared nano models, every CLIP_FRAME_STRIDE-th frame. */
export async function clipSightings(sharedAssets: string, embedder: PersonEmbedder): Promise<Sighting[]> {
  const video = path.join(sharedAssets, CLIP);
  const models = path.join(sharedAssets, 'models');
  process.env.POSETRAIL_MODEL_PATH ??= models;
  const { result } = await runTracking(video, {
    detector: 'yolox-nano-416',
    poseModel: 'simplepose-nano',
    reidModel: 'none',
    device: 'cpu',
    detectorTiling: 'off',
  });
  const lengths = new Map<number, number>();
  for (const f of result.frames) for (const p of f.poses) lengths.set(p.trackId, (lengths.get(p.trackId) ?? 0) + 1);
  const people = [...lengths]
    .sort((a, b) => b[1] - a[1])
    .slice(0, CLIP_PEOPLE)
    .map(([id]) => id);
  const posesAt = new Map(result.frames.map((f) => [f.frameIndex, f.poses.filter((p) => people.includes(p.trackId))]));
  const sightings: Sighting[] = [];
  for await (const frame of readFrames(await probeVideo(video), { stride: CLIP_FRAME_STRIDE })) {
    const poses = posesAt.get(frame.index) ?? [];
    if (poses.length === 0) continue;
    const embeddings = await embedder.embed(
      frame,
      poses.map((p) => p.box),
    );
    poses.forEach((p, i) => sightings.push(describe(`clip-${p.trackId}`, frame, p.box, p.keypoints, embeddings[i])));
  }
  return sightings;
}

/** The labelled people of the coco-train photos (not crowds, with keypoints), one sighting each. */
export async function cocoSightings(sharedAssets: string, embedder: PersonEmbedder): Promise<Sighting[]> {
  const dir = path.join(sharedAssets, COCO_TRAIN);
  const truth = await readCocoGroundTruth(path.join(dir, 'person_keypoints.json'));
  const sightings: Sighting[] = [];
  for (const image of truth.images) {
    const people = truth.annotations.filter((a) => a.image_id === image.id && !a.iscrowd && a.num_keypoints > 0);
    if (people.length === 0) continue;
    const frame = await readImage(path.join(dir, path.basename(image.file_name)));
    const boxes = people.map((a): Box => ({ x: a.bbox[0], y: a.bbox[1], w: a.bbox[2], h: a.bbox[3], score: 1 }));
    const embeddings = await embedder.embed(frame, boxes);
    people.forEach((a, i) => {
      const keypoints = Array.from(
        { length: a.keypoints.length / 3 },
        (_, k): Keypoint => [a.keypoints[3 * k], a.keypoints[3 * k + 1], a.keypoints[3 * k + 2] >= LABELLED ? 1 : 0],
      );
      sightings.push(describe(`coco-${a.id}`, frame, boxes[i], keypoints, embeddings[i]));
    });
  }
  return sightings;
}

function describe(
  person: string,
  frame: Frame,
  _box: Box,
  keypoints: readonly Keypoint[],
  embedding: Float32Array,
): Sighting {
  return {
    person,
    frameIndex: frame.index,
    embedding: embeddingAppearance(embedding),
    colours: skeletonAppearance(frame, keypoints, TEST_TRACKER_RUN.minKeypointScore),
  };
}
