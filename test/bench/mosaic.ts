/**
 * A large, crowded frame made of the shared photos, for the accuracy section: the 7 photos side
 * by side in two rows (COCO above, OCHuman below), so that the 17 annotated people are small
 * next to the whole frame, as in crowded high-resolution video, while their ground truth stays
 * exact (annotations moved by each photo's offset; areas unchanged).
 */
import type { CocoGroundTruth } from '../../core/eval/coco/coco-files';
import { readImage } from '../../core/pipeline/image-set';
import type { Frame } from '../../core/types';

export interface MosaicPart {
  file: string;
  imageId: number;
  groundTruth: CocoGroundTruth;
}

export const MOSAIC_IMAGE_ID = 1;
/** Grey of the uncovered canvas, as letterbox padding. */
const BACKGROUND = 114;

export async function buildMosaic(rows: MosaicPart[][]): Promise<{ frame: Frame; groundTruth: CocoGroundTruth }> {
  const frames = await Promise.all(rows.map((row) => Promise.all(row.map((part) => readImage(part.file)))));
  const width = Math.max(...frames.map((row) => row.reduce((w, f) => w + f.width, 0)));
  const height = frames.reduce((h, row) => h + Math.max(...row.map((f) => f.height)), 0);
  const rgb = new Uint8Array(width * height * 3).fill(BACKGROUND);
  const annotations: CocoGroundTruth['annotations'] = [];
  let top = 0;
  rows.forEach((row, r) => {
    let left = 0;
    row.forEach((part, i) => {
      const f = frames[r][i];
      for (let y = 0; y < f.height; y++)
        rgb.set(f.rgb.subarray(y * f.width * 3, (y + 1) * f.width * 3), ((top + y) * width + left) * 3);
      for (const a of part.groundTruth.annotations.filter((x) => x.image_id === part.imageId)) {
        annotations.push({
          ...a,
          id: annotations.length + 1,
          image_id: MOSAIC_IMAGE_ID,
          // Unlabelled keypoints stay (0, 0, 0).
          keypoints: a.keypoints.map((v, k) =>
            a.keypoints[k - (k % 3) + 2] > 0 && k % 3 !== 2 ? v + (k % 3 === 0 ? left : top) : v,
          ),
          bbox: [a.bbox[0] + left, a.bbox[1] + top, a.bbox[2], a.bbox[3]],
        });
      }
      left += f.width;
    });
    top += Math.max(...frames[r].map((f) => f.height));
  });
  const groundTruth: CocoGroundTruth = {
    images: [{ id: MOSAIC_IMAGE_ID, file_name: 'mosaic.png', width, height }],
    annotations,
    categories: rows[0][0].groundTruth.categories,
  };
  return { frame: { index: 0, timestampMs: 0, width, height, rgb }, groundTruth };
}
