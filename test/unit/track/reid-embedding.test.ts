import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createPersonEmbedder, type PersonEmbedder } from '../../../core/pose/reid-embedder';
import { PoseTracker } from '../../../core/track/tracker';
import { appearanceSimilarity, embeddingAppearance, skeletonAppearance } from '../../../core/track/appearance';
import { withEmbeddings } from '../../../core/pipeline/reid-stage';
import type { Frame, Pose } from '../../../core/types';
import { standingPose } from '../../helpers/simulate-tracks';
import { expectedEmbedding, writeSyntheticReidModel } from '../../helpers/synthetic-reid-model';
import { TEST_TRACKER_RUN } from '../../helpers/tracker-settings';

type Rgb = [number, number, number];
/** Same hue and saturation, so the same colour-histogram bins; far apart in brightness. */
const BRIGHT_RED: Rgb = [250, 40, 40];
const DARK_RED: Rgb = [60, 10, 10];
const BLUE: Rgb = [40, 60, 220];

let dir: string;
let embedder: PersonEmbedder;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-reid-'));
  embedder = await createPersonEmbedder({ model: await writeSyntheticReidModel(dir), device: 'cpu', threads: 1 });
});
afterAll(async () => {
  await embedder?.dispose();
  await rm(dir, { recursive: true, force: true });
});

const person = (x: number): Pose => standingPose(x, 350, 240, 0.9);

/** A 1000×700 grey frame with each person's box filled with their colour. */
function paint(people: { pose: Pose; rgb: Rgb }[], index = 0): Frame {
  const [width, height] = [1000, 700];
  const rgb = new Uint8Array(width * height * 3).fill(128);
  for (const { pose, rgb: colour } of people) {
    const { x, y, w, h } = pose.box;
    for (let yy = Math.max(0, Math.floor(y)); yy < Math.min(height, y + h); yy++) {
      for (let xx = Math.max(0, Math.floor(x)); xx < Math.min(width, x + w); xx++)
        rgb.set(colour, (yy * width + xx) * 3);
    }
  }
  return { index, timestampMs: index * 33, width, height, rgb };
}

describe('person re-ID embeddings', () => {
  it('embeds each box as the model computes it, 17 boxes over two calls of the fixed batch of 16, in box order', async () => {
    const colours = Array.from({ length: 17 }, (_, i): Rgb => (i % 2 === 0 ? BRIGHT_RED : BLUE));
    const poses = colours.map((_, i) => standingPose(30 + 55 * i, 350, 100, 0.9));
    const frame = paint(poses.map((pose, i) => ({ pose, rgb: colours[i] })));
    const embeddings = await embedder.embed(
      frame,
      poses.map((p) => p.box),
    );
    expect(embeddings).toHaveLength(17);
    embeddings.forEach((embedding, i) => {
      expect(embedding).toHaveLength(512);
      const expected = expectedEmbedding(colours[i]);
      // Bilinear sampling at the box edges blends in a little background.
      for (let c = 0; c < 3; c++) expect(embedding[c]).toBeCloseTo(expected[c], 2);
      expect(embedding.slice(3).every((v) => v === 0)).toBe(true);
    });
  });

  it('compares people by cosine similarity of their embeddings instead of their colours', async () => {
    const [bright, dark] = [person(300), person(700)];
    const frame = paint([
      { pose: bright, rgb: BRIGHT_RED },
      { pose: dark, rgb: DARK_RED },
    ]);
    const colours = [bright, dark].map((p) => skeletonAppearance(frame, p.keypoints, 0.2)!);
    expect(appearanceSimilarity(colours[0], colours[1])).toBeCloseTo(1, 5);
    const [e1, e2] = await embedder.embed(frame, [bright.box, dark.box]);
    const cosine = expectedEmbedding(BRIGHT_RED).reduce((s, v, c) => s + v * expectedEmbedding(DARK_RED)[c], 0);
    expect(appearanceSimilarity(embeddingAppearance(e1), embeddingAppearance(e2))).toBeCloseTo(cosine, 2);
    expect(cosine).toBeLessThan(0.4);
  });

  /**
   * A person in bright red walks right at 4 px per frame, is hidden for 30 frames, and at frame 40
   * someone appears where the walker was expected: returns the id they get.
   */
  async function returning(comer: Rgb, useModel: boolean): Promise<[before: number, after: number]> {
    const pipelineTracker = new PoseTracker({ ...TEST_TRACKER_RUN, maxAgeFrames: 90 });
    const tracker = withEmbeddings(pipelineTracker, useModel ? embedder : undefined);
    let before = -1;
    for (let f = 0; f < 10; f++) {
      const walker = person(150 + 4 * f);
      before = (await tracker.update(f, [walker], paint([{ pose: walker, rgb: BRIGHT_RED }], f)))[0].trackId;
    }
    for (let f = 10; f < 40; f++) await tracker.update(f, [], paint([], f));
    const back = person(150 + 4 * 40);
    const [out] = await tracker.update(40, [back], paint([{ pose: back, rgb: comer }], 40));
    return [before, out.trackId];
  }

  it('decides a re-link that colours alone get wrong: someone in dark red is not the walker in bright red', async () => {
    const [colourBefore, colourAfter] = await returning(DARK_RED, false);
    expect(colourAfter).toBe(colourBefore);
    const [before, after] = await returning(DARK_RED, true);
    expect(after).not.toBe(before);
  });

  it('still re-links the walker when it is them, and the tracker takes no embeddings it cannot pair with poses', async () => {
    const [before, after] = await returning(BRIGHT_RED, true);
    expect(after).toBe(before);
    expect(() => new PoseTracker(TEST_TRACKER_RUN).update(0, [person(300)], undefined, [])).toThrow(
      '0 embeddings for 1 poses in frame 0',
    );
  });
});
