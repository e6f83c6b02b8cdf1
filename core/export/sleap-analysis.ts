import type { TrackingResult } from '../types';
import { denseInfoOf, denseToResult, type ReadResult } from './dense-result';
import {
  DenseInfoSchema,
  denseIndex,
  emptyArrays,
  idsFromNames,
  toDenseTracks,
  type DenseInfo,
  type DenseTracks,
} from './dense-tracks';
import { readHdf5, writeHdf5Atomic, type H5File } from './hdf5/h5wasm';
import { fixedStrings, readNumbers, readScalarString, readStrings, writeArray } from './hdf5/datasets';
import type { KeypointExport } from './prepare';

/**
 * SLEAP's "Export Analysis HDF5" file, dataset for dataset as sleap/info/write_tracking_h5.py
 * writes it: SLEAP builds (frames, nodes, 2, tracks) arrays and stores them transposed for
 * MATLAB, so `tracks` is (tracks, 2, nodes, frames), `point_scores` (tracks, nodes, frames),
 * `instance_scores` and `tracking_scores` (tracks, frames), while `track_occupancy`, built as
 * (tracks, frames), is stored as (frames, tracks) uint8. Frames run from 0 to the last frame with
 * a pose (its `all_frames` mode); missing points are NaN; tracks without poses are left out.
 * Numeric arrays are gzip level 9, names fixed-length byte strings, the paths and provenance
 * variable-length strings. Posetrail keeps its track ids, video timing and models in
 * `provenance` (a JSON object SLEAP copies from its project), under "posetrail".
 */
export const SLEAP_GZIP_LEVEL = 9;
/** The start of the provenance Posetrail writes, by which an export knows its own file. */
export const SLEAP_PROVENANCE_MARK = '{"software":"Posetrail","posetrail":{';

export async function writeSleapAnalysis(
  target: string,
  result: TrackingResult,
  keypoints: KeypointExport,
  trackNames?: Record<number, string>,
): Promise<void> {
  const dense = toDenseTracks(result, { keypoints, trackNames, span: 'last-pose' });
  const provenance = { software: 'Posetrail', posetrail: denseInfoOf(result, dense.trackIds) };
  await writeHdf5Atomic(target, (file) => fillSleapFile(file, dense, result.video.path, JSON.stringify(provenance)));
}

function fillSleapFile(file: H5File, d: DenseTracks, videoPath: string, provenance: string): void {
  const [F, T, N] = [d.frameCount, d.trackIds.length, d.nodeNames.length];
  const gzip = SLEAP_GZIP_LEVEL;
  writeArray(file, 'track_names', fixedStrings(d.trackNames), [T]);
  writeArray(file, 'node_names', fixedStrings(d.nodeNames), [N]);
  writeArray(file, 'edge_names', fixedStrings(d.edges.flatMap(([a, b]) => [d.nodeNames[a], d.nodeNames[b]])), [
    d.edges.length,
    2,
  ]);
  writeArray(file, 'edge_inds', BigInt64Array.from(d.edges.flat(), BigInt), [d.edges.length, 2]);
  writeArray(
    file,
    'tracks',
    transposed(d, (at, xy) => (xy === 0 ? d.x[at] : d.y[at]), 2),
    [T, 2, N, F],
    gzip,
  );
  writeArray(file, 'track_occupancy', occupancy(d), [F, T], gzip);
  writeArray(
    file,
    'point_scores',
    transposed(d, (at) => d.score[at], 1),
    [T, N, F],
    gzip,
  );
  writeArray(
    file,
    'instance_scores',
    perTrack(d, (f, t) => d.poseScore[f * T + t]),
    [T, F],
    gzip,
  );
  writeArray(
    file,
    'tracking_scores',
    perTrack(d, () => NaN),
    [T, F],
    gzip,
  );
  file.create_dataset({ name: 'labels_path', data: '' });
  file.create_dataset({ name: 'video_path', data: videoPath });
  writeArray(file, 'video_ind', BigInt64Array.of(0n), []);
  file.create_dataset({ name: 'provenance', data: provenance });
}

/** (tracks, [channels,] nodes, frames) in C order from the dense (frames, tracks, nodes) arrays. */
function transposed(d: DenseTracks, value: (at: number, channel: number) => number, channels: number): Float64Array {
  const [F, T, N] = [d.frameCount, d.trackIds.length, d.nodeNames.length];
  const out = new Float64Array(T * channels * N * F);
  let o = 0;
  for (let t = 0; t < T; t++)
    for (let c = 0; c < channels; c++)
      for (let n = 0; n < N; n++) for (let f = 0; f < F; f++) out[o++] = value(denseIndex(d, f, t, n), c);
  return out;
}

function perTrack(d: DenseTracks, value: (frame: number, track: number) => number): Float64Array {
  const [F, T] = [d.frameCount, d.trackIds.length];
  const out = new Float64Array(T * F);
  for (let t = 0; t < T; t++) for (let f = 0; f < F; f++) out[t * F + f] = value(f, t);
  return out;
}

function occupancy(d: DenseTracks): Uint8Array {
  const [F, T, N] = [d.frameCount, d.trackIds.length, d.nodeNames.length];
  const out = new Uint8Array(F * T);
  for (let f = 0; f < F; f++)
    for (let t = 0; t < T; t++)
      for (let n = 0; n < N; n++) if (!Number.isNaN(d.x[denseIndex(d, f, t, n)])) out[f * T + t] = 1;
  return out;
}

/** Reads a SLEAP analysis file (SLEAP's own, or Posetrail's) into a result. */
export async function readSleapAnalysis(path: string): Promise<ReadResult> {
  return readHdf5(path, (file) => {
    if (file.keys().includes('df_with_missing'))
      throw new Error(`${path}: a DeepLabCut .h5 (pandas table); open the DeepLabCut .csv written beside it instead.`);
    for (const name of ['tracks', 'node_names', 'track_occupancy']) {
      if (!file.keys().includes(name)) throw new Error(`${path}: not a SLEAP analysis file (no "${name}" dataset).`);
    }
    const { dense, info, videoPath } = readDense(path, file);
    return denseToResult(dense, { file: path, info, videoPath });
  });
}

function readDense(path: string, file: H5File): { dense: DenseTracks; info?: DenseInfo; videoPath?: string } {
  const { values: tracks, shape } = readNumbers(file, 'tracks');
  if (shape.length !== 4 || shape[1] !== 2)
    throw new Error(`${path}: "tracks" has shape (${shape.join(', ')}); SLEAP writes (tracks, 2, nodes, frames).`);
  const [T, , N, F] = shape;
  const nodeNames = readStrings(file, 'node_names');
  if (nodeNames.length !== N) throw new Error(`${path}: ${nodeNames.length} node names for ${N} nodes in "tracks".`);
  const storedNames = file.keys().includes('track_names') ? readStrings(file, 'track_names') : [];
  const trackNames = storedNames.length === T ? storedNames : Array.from({ length: T }, (_, t) => `track_${t}`);
  const info = provenanceInfo(path, file);
  if (info && info.track_ids.length !== T)
    throw new Error(`${path}: provenance lists ${info.track_ids.length} track ids for ${T} tracks.`);
  const dense: DenseTracks = {
    frameCount: F,
    trackIds: info?.track_ids ?? idsFromNames(trackNames),
    trackNames,
    nodeNames,
    edges: readEdges(file, N),
    ...emptyArrays(F, T, N),
  };
  const scores = file.keys().includes('point_scores') ? readNumbers(file, 'point_scores').values : undefined;
  const poseScores = file.keys().includes('instance_scores') ? readNumbers(file, 'instance_scores').values : undefined;
  for (let t = 0; t < T; t++) {
    for (let f = 0; f < F; f++) {
      if (poseScores) dense.poseScore[f * T + t] = poseScores[t * F + f];
      for (let n = 0; n < N; n++) {
        const at = denseIndex(dense, f, t, n);
        dense.x[at] = tracks[((t * 2 + 0) * N + n) * F + f];
        dense.y[at] = tracks[((t * 2 + 1) * N + n) * F + f];
        if (scores) dense.score[at] = scores[(t * N + n) * F + f];
      }
    }
  }
  const videoPath = file.keys().includes('video_path') ? readScalarString(file, 'video_path') : undefined;
  return { dense, info, videoPath };
}

function readEdges(file: H5File, nodeCount: number): [number, number][] {
  if (!file.keys().includes('edge_inds')) return [];
  const { values, shape } = readNumbers(file, 'edge_inds');
  if (shape.length !== 2 || shape[1] !== 2) return [];
  const edges: [number, number][] = [];
  for (let i = 0; i < shape[0]; i++) edges.push([values[2 * i], values[2 * i + 1]]);
  return edges.filter(([a, b]) => a < nodeCount && b < nodeCount);
}

function provenanceInfo(path: string, file: H5File): DenseInfo | undefined {
  if (!file.keys().includes('provenance')) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readScalarString(file, 'provenance'));
  } catch {
    return undefined;
  }
  const posetrail = (json as { posetrail?: unknown } | null)?.posetrail;
  if (posetrail === undefined) return undefined;
  const parsed = DenseInfoSchema.safeParse(posetrail);
  if (!parsed.success)
    throw new Error(`${path}: provenance.posetrail is malformed (${parsed.error.issues[0]?.message}).`);
  return parsed.data;
}
