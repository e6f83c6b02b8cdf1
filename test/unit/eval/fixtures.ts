import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { POSETRACK18 } from '../../../core/keypoints/schema';
import { EVAL_JOINT_TO_SLOT } from '../../../core/eval/joints';

/** A person in a hand-built frame: joint j sits at (x + 20·j, y + 10·j); head box 10×10 at (x, y). */
export interface Person {
  track: number;
  x: number;
  y: number;
  /** Score of every joint (predictions); ground truth has none. */
  score?: number;
  /** Evaluation joint ids (0–14) left out. */
  without?: number[];
}

export interface Frame {
  people: Person[];
  labeled?: boolean;
  /** Ignore-region polygons as [x, y] lists. */
  ignore?: [number, number][][];
}

/** Head size of every fixture person: 0.6 × √(10² + 10²) = 8.485 px; PCKh@0.5 radius 4.24 px. */
export const HEAD_BOX_SIDE_PX = 10;

function jointXY(p: Person, j: number): [number, number] {
  return [p.x + 20 * j, p.y + 10 * j];
}

export function posetrack18(frames: Frame[]): object {
  const annotations: object[] = [];
  const images = frames.map((frame, f) => {
    for (const p of frame.people) {
      const keypoints = new Array(51).fill(0);
      const scores = new Array(17).fill(0);
      EVAL_JOINT_TO_SLOT.forEach((slot, j) => {
        if (p.without?.includes(j)) return;
        keypoints.splice(3 * slot, 3, ...jointXY(p, j), 1);
        scores[slot] = p.score ?? 1;
      });
      annotations.push({
        id: annotations.length,
        image_id: f,
        category_id: 1,
        track_id: p.track,
        bbox_head: [p.x, p.y, HEAD_BOX_SIDE_PX, HEAD_BOX_SIDE_PX],
        keypoints,
        ...(p.score !== undefined ? { scores } : {}),
      });
    }
    return {
      id: f,
      file_name: `images/val/seq/${String(f).padStart(6, '0')}.jpg`,
      frame_id: f,
      nframes: frames.length,
      is_labeled: frame.labeled ?? true,
      ...(frame.ignore
        ? {
            ignore_regions_x: frame.ignore.map((r) => r.map((q) => q[0])),
            ignore_regions_y: frame.ignore.map((r) => r.map((q) => q[1])),
          }
        : {}),
    };
  });
  return { images, annotations, categories: [{ id: 1, name: 'person', keypoints: POSETRACK18.names }] };
}

export function posetrack17(frames: Frame[]): object {
  return {
    annolist: frames.map((frame, f) => ({
      image: [{ name: `images/val/seq/${String(f).padStart(6, '0')}.jpg` }],
      imgnum: [f + 1],
      is_labeled: [frame.labeled === false ? 0 : 1],
      ...(frame.ignore
        ? { ignore_regions: frame.ignore.map((r) => ({ point: r.map(([x, y]) => ({ x: [x], y: [y] })) })) }
        : {}),
      annorect: frame.people.map((p) => ({
        x1: [p.x],
        y1: [p.y],
        x2: [p.x + HEAD_BOX_SIDE_PX],
        y2: [p.y + HEAD_BOX_SIDE_PX],
        track_id: [p.track],
        annopoints: [
          {
            point: Array.from({ length: 15 }, (_, j) => j)
              .filter((j) => !p.without?.includes(j))
              .map((j) => ({
                id: [j],
                x: [jointXY(p, j)[0]],
                y: [jointXY(p, j)[1]],
                ...(p.score !== undefined ? { score: [p.score] } : {}),
              })),
          },
        ],
      })),
    })),
  };
}

export async function tempDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'posetrail-eval-'));
}

export async function writeJson(file: string, value: object): Promise<string> {
  await writeFile(file, JSON.stringify(value));
  return file;
}
