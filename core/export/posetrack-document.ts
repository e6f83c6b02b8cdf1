import { COCO17, POSETRACK18 } from '../keypoints/schema';
import type { Keypoint, KeypointSchemaId } from '../types';
import { describeSchemaError } from './schemas/describe-issue';
import { PoseTrack17FileSchema, type PoseTrack17File } from './schemas/posetrack17';
import { PoseTrack18FileSchema, type PoseTrack18File } from './schemas/posetrack18';
import type { PosetrailInfo } from './schemas/posetrail-info';
import { POSETRACK17_ID_TO_SLOT } from './posetrack17-writer';
import { parseJsonText } from '../util/json-text';
import { readTextCapped } from '../util/read-capped';

/**
 * A PoseTrack file (2017 or 2018, ours or anyone's) in one normalised shape, for the importer and
 * the evaluation: frames in file order, people with keypoints in a 17-slot layout (null = not
 * annotated / not predicted), head boxes, ignore regions.
 */
export interface PtDocument {
  file: string;
  format: 'posetrack18' | 'posetrack17';
  /** Layout of `keypoints`: posetrack18, or coco17 for files exported with raw COCO keypoints. */
  schema: KeypointSchemaId;
  frames: PtFrame[];
  /** Our own metadata when the file was written by Posetrail. */
  info?: PosetrailInfo;
}

export interface PtFrame {
  name: string;
  labeled: boolean;
  /** Polygons as lists of [x, y] points. */
  ignoreRegions: [number, number][][];
  people: PtPerson[];
}

export interface PtPerson {
  trackId?: number;
  keypoints: (Keypoint | null)[];
  /** [x, y, w, h] */
  bbox?: number[];
  headBox?: number[];
  score?: number;
  boxScore?: number;
  source?: 'detector' | 'propagated';
  rawCoco?: Keypoint[];
  /** KEYPOINT_FLAG bits per slot (of `keypoints`, and of `rawCoco`), from Posetrail's extension fields. */
  keypointFlags?: number[];
  rawCocoFlags?: number[];
  /**
   * Whether the file gave per-joint confidences (2018 `scores`, 2017 point `score`). Without
   * them a keypoint's third value is its visibility (1 = annotated), as in ground truth.
   */
  jointScores: boolean;
  /** 2017 only: the person has no `annopoints[0].point` list at all (the evaluation drops it). */
  noPointList?: true;
}

export async function readPoseTrackDocument(file: string): Promise<PtDocument> {
  const text = await readTextCapped(file);
  return parsePoseTrackDocument(file, parseJsonText(text, file));
}

export function parsePoseTrackDocument(file: string, json: unknown): PtDocument {
  if (json && typeof json === 'object' && 'annolist' in json) {
    const parsed = PoseTrack17FileSchema.safeParse(json);
    if (!parsed.success) throw new Error(describeSchemaError(file, 'PoseTrack 2017 file', parsed.error));
    return fromPoseTrack17(file, parsed.data);
  }
  if (json && typeof json === 'object' && 'images' in json) {
    const parsed = PoseTrack18FileSchema.safeParse(json);
    if (!parsed.success) throw new Error(describeSchemaError(file, 'PoseTrack 2018 file', parsed.error));
    return fromPoseTrack18(file, parsed.data);
  }
  throw new Error(
    `${file}: not a PoseTrack file: expected an "images" list (2018) or an "annolist" list (2017) at the top level.`,
  );
}

/** Slot of each of the file's keypoint names in our layout; -1 for names we do not use. */
function slotTable(
  file: string,
  names: readonly string[] | undefined,
  keypointCount: number,
): { schema: KeypointSchemaId; slots: number[] } {
  if (!names) {
    if (keypointCount !== 17)
      throw new Error(
        `${file}: categories[0].keypoints is missing and annotations have ${keypointCount} keypoints, not 17.`,
      );
    return { schema: 'posetrack18', slots: POSETRACK18.names.map((_, i) => i) };
  }
  const isCoco = names.length === COCO17.names.length && names.every((n, i) => n === COCO17.names[i]);
  const target = isCoco ? COCO17 : POSETRACK18;
  const slots = names.map((n) => target.names.indexOf(n));
  const known = slots.filter((s) => s >= 0).length;
  if (known === 0)
    throw new Error(
      `${file}: categories[0].keypoints names none of the PoseTrack joints (${names.slice(0, 4).join(', ')}, …).`,
    );
  return { schema: target.id, slots };
}

function fromPoseTrack18(file: string, data: PoseTrack18File): PtDocument {
  const person = data.categories?.find((c) => c.name === 'person') ?? data.categories?.[0];
  const firstKeypoints = data.annotations.find((a) => a.keypoints)?.keypoints;
  const { schema, slots } = slotTable(file, person?.keypoints, (firstKeypoints?.length ?? 51) / 3);
  const frameOfImage = new Map<number, PtFrame>();
  const frames = data.images.map((image) => {
    const frame: PtFrame = {
      name: image.file_name,
      labeled: image.is_labeled ?? true,
      ignoreRegions: (image.ignore_regions_x ?? []).map((xs, r) =>
        xs.map((x, i) => [x, image.ignore_regions_y?.[r]?.[i] ?? NaN] as [number, number]),
      ),
      people: [],
    };
    frameOfImage.set(image.id, frame);
    return frame;
  });
  data.annotations.forEach((a, index) => {
    const frame = frameOfImage.get(a.image_id);
    if (!frame) throw new Error(`${file}: annotations[${index}].image_id ${a.image_id} names no image in "images".`);
    if (a.keypoints && a.keypoints.length !== slots.length * 3) {
      throw new Error(
        `${file}: annotations[${index}].keypoints has ${a.keypoints.length / 3} joints; categories[0].keypoints names ${slots.length}.`,
      );
    }
    // Published ground truth carries `"scores": []`: an empty list means "no per-joint scores".
    const scores = a.scores && a.scores.length > 0 ? a.scores : undefined;
    if (scores && a.keypoints && scores.length * 3 !== a.keypoints.length) {
      throw new Error(
        `${file}: annotations[${index}].scores has ${scores.length} values for ${a.keypoints.length / 3} joints.`,
      );
    }
    const keypoints: (Keypoint | null)[] = new Array(17).fill(null);
    slots.forEach((slot, j) => {
      if (slot < 0 || !a.keypoints) return;
      const [x, y, v] = a.keypoints.slice(3 * j, 3 * j + 3);
      // PoseTrack's convention (and its evaluation's): a joint is absent only when it is (0, 0, 0).
      if (x === 0 && y === 0 && v === 0) return;
      keypoints[slot] = [x, y, scores ? scores[j] : v > 0 ? 1 : 0];
    });
    const raw = a.posetrail?.keypoints_coco;
    if (raw && raw.length !== 51)
      throw new Error(`${file}: annotations[${index}].posetrail.keypoints_coco has ${raw.length} values, expected 51.`);
    const fileFlags = a.posetrail?.keypoint_flags;
    const keypointFlags = fileFlags ? new Array<number>(17).fill(0) : undefined;
    if (fileFlags && keypointFlags) slots.forEach((slot, j) => slot >= 0 && (keypointFlags[slot] = fileFlags[j] ?? 0));
    frame.people.push({
      trackId: a.track_id,
      keypoints,
      keypointFlags,
      rawCocoFlags: a.posetrail?.keypoints_coco_flags,
      bbox: a.bbox,
      headBox: a.bbox_head,
      score: a.score,
      boxScore: a.posetrail?.box_score,
      source: a.posetrail?.source,
      rawCoco: raw
        ? Array.from({ length: 17 }, (_, i) => [raw[3 * i], raw[3 * i + 1], raw[3 * i + 2]] as Keypoint)
        : undefined,
      jointScores: scores !== undefined,
    });
  });
  return { file, format: 'posetrack18', schema, frames, info: data.posetrail };
}

function fromPoseTrack17(file: string, data: PoseTrack17File): PtDocument {
  const frames = data.annolist.map(
    (entry): PtFrame => ({
      name: entry.image[0].name,
      labeled: entry.is_labeled ? Boolean(entry.is_labeled[0]) : entry.annorect.length > 0,
      ignoreRegions: (entry.ignore_regions ?? []).map((r) => r.point.map((p) => [p.x[0], p.y[0]] as [number, number])),
      people: entry.annorect.map((rect): PtPerson => {
        const keypoints: (Keypoint | null)[] = new Array(17).fill(null);
        const points = rect.annopoints?.[0]?.point;
        for (const p of points ?? []) {
          keypoints[POSETRACK17_ID_TO_SLOT[p.id[0]]] = [p.x[0], p.y[0], p.score ? p.score[0] : 1];
        }
        const head =
          rect.x1 && rect.y1 && rect.x2 && rect.y2
            ? [rect.x1[0], rect.y1[0], rect.x2[0] - rect.x1[0], rect.y2[0] - rect.y1[0]]
            : undefined;
        return {
          trackId: rect.track_id?.[0],
          keypoints,
          headBox: head,
          score: rect.score?.[0],
          jointScores: (points ?? []).some((p) => p.score),
          ...(points ? {} : { noPointList: true as const }),
        };
      }),
    }),
  );
  return { file, format: 'posetrack17', schema: 'posetrack18', frames, info: data.posetrail };
}
