/**
 * Any OSNet export works: input name, crop size, layout and batch are read from the file. The
 * pinned Kornia file fixes a batch of 16 and names its input `input`; the shared export leaves the
 * batch free and names it `images`. Synthetic models of each shape (see synthetic-reid-model.ts)
 * check the feeding exactly, the real shared model checks that padding and batching change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createPersonEmbedder } from '../../../core/pose/reid-embedder';
import { reidManifestFromFile } from '../../../core/models/reid-signature';
import { getManifest } from '../../../core/models/registry';
import { dot } from '../../../core/util/unit-vector';
import type { Box, Frame } from '../../../core/types';
import { SHARED_MODELS_DIR } from '../../helpers/assets';
import {
  expectedEmbedding,
  writeSyntheticReidModel,
  type SyntheticReidShape,
} from '../../helpers/synthetic-reid-model';

type Rgb = [number, number, number];
const COLOURS: Rgb[] = [
  [250, 40, 40],
  [40, 60, 220],
  [30, 200, 60],
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-reid-exports-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** 17 boxes of 40×120 px on a grey 1000×400 frame, each filled with one of COLOURS in turn. */
function paintedBoxes(): { frame: Frame; boxes: Box[] } {
  const [width, height] = [1000, 400];
  const rgb = new Uint8Array(width * height * 3).fill(128);
  const boxes = Array.from({ length: 17 }, (_, i): Box => ({ x: 10 + 58 * i, y: 100, w: 40, h: 120, score: 1 }));
  boxes.forEach((b, i) => {
    for (let y = b.y; y < b.y + b.h; y++)
      for (let x = b.x; x < b.x + b.w; x++) rgb.set(COLOURS[i % 3], (y * width + x) * 3);
  });
  return { frame: { index: 0, timestampMs: 0, width, height, rgb }, boxes };
}

const EXPORTS: [
  string,
  SyntheticReidShape,
  { name: string; batch: number | 'dynamic'; layout: string; height: number },
][] = [
  [
    'the pinned Kornia shape (input "input", batch fixed at 16)',
    {},
    { name: 'input', batch: 16, layout: 'NCHW', height: 256 },
  ],
  [
    'the shared export shape (input "images", dynamic batch)',
    { inputName: 'images', batch: 'batch' },
    { name: 'images', batch: 'dynamic', layout: 'NCHW', height: 256 },
  ],
  [
    'channels last, batch fixed at 4, 192×96 crops',
    { inputName: 'x', batch: 4, layout: 'NHWC', heightPx: 192, widthPx: 96 },
    { name: 'x', batch: 4, layout: 'NHWC', height: 192 },
  ],
];

describe('re-ID exports read from the file', () => {
  it.each(EXPORTS)('%s: feeds 17 crops in box order', async (_, shape, expected) => {
    const sub = await mkdtemp(path.join(dir, 'm-'));
    const embedder = await createPersonEmbedder({
      model: await writeSyntheticReidModel(sub, shape),
      device: 'cpu',
      threads: 1,
    });
    try {
      expect(embedder.manifest.input).toMatchObject(expected);
      const { frame, boxes } = paintedBoxes();
      const embeddings = await embedder.embed(frame, boxes);
      expect(embeddings).toHaveLength(17);
      embeddings.forEach((e, i) => {
        const want = expectedEmbedding(COLOURS[i % 3]);
        for (let c = 0; c < 3; c++) expect(e[c]).toBeCloseTo(want[c], 2);
      });
    } finally {
      await embedder.dispose();
    }
  });

  it('the real shared OSNet export: a crop embeds the same alone and among 17', async () => {
    const embedder = await createPersonEmbedder({
      model: path.join(SHARED_MODELS_DIR, 'osnet_x0_25_msmt17.onnx'),
      device: 'cpu',
      threads: 1,
    });
    try {
      expect(embedder.manifest.input).toMatchObject({
        name: 'images',
        batch: 'dynamic',
        layout: 'NCHW',
        height: 256,
        width: 128,
      });
      const { frame, boxes } = paintedBoxes();
      const all = await embedder.embed(frame, boxes);
      const [alone] = await embedder.embed(frame, [boxes[16]]);
      expect(all[16]).toHaveLength(512);
      expect(dot(alone, all[16])).toBeGreaterThan(0.9999);
      // Different colours are different embeddings.
      expect(dot(all[0], all[1])).toBeLessThan(0.99);
    } finally {
      await embedder.dispose();
    }
  });

  it('rejects a file that is no image embedding model, naming the file', () => {
    const manifest = getManifest('osnet-x0-25-msmt17');
    const signature = {
      inputNames: ['gray'],
      outputNames: ['output'],
      inputShapes: { gray: ['n', 1, 256, 128] },
      outputShapes: { output: ['n', 512] },
    };
    expect(() => reidManifestFromFile(manifest, signature, '/m/osnet.onnx')).toThrow(
      'Model osnet-x0-25-msmt17 (/m/osnet.onnx) is not a person re-ID model Posetrail can feed: input "gray" [n,1,256,128] has no axis of 3 colour channels second or last.',
    );
  });
});
