import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { COCO17, POSETRACK18 } from '../keypoints/schema';
import type { TrackingResult } from '../types';
import { denseIndex, toDenseTracks, type DenseTracks } from './dense-tracks';
import { writeArray } from './hdf5/datasets';
import { writeHdf5Atomic, type H5Dataset, type H5File, type H5Group } from './hdf5/h5wasm';
import { NWB_CACHED_NAMESPACES, NWB_CORE_VERSION } from './nwb-spec/namespaces';
import type { KeypointExport } from './prepare';

/** Where the poses go: the processing module ndx-pose recommends. */
export const NWB_BEHAVIOR_PATH = '/processing/behavior';
/** The ndx-pose container of the skeletons, beside the PoseEstimations. */
export const NWB_SKELETONS_NAME = 'Skeletons';
export const NWB_SOURCE_SOFTWARE = 'Posetrail';
/** `/general/notes` of the files Posetrail writes, by which an export knows its own file. */
export const NWB_POSETRAIL_MARK = 'Written by Posetrail (NWB export, layout 1).';
const GZIP_LEVEL = 4;

/**
 * NWB 2 with ndx-pose, laid out as pynwb writes it: the root `NWBFile` with its required
 * datasets and groups, the namespaces cached under `/specifications` (pointed to by the root's
 * `.specloc` reference; hdmf-common and ndx-pose, see nwb-spec/README.md), and under
 * `/processing/behavior` one `Skeleton` (in `Skeletons`) and one `PoseEstimation` per track,
 * named by the track, holding one `PoseEstimationSeries` per keypoint: `data` (frames × 2,
 * float32 pixels, NaN where missing), `confidence` (float32) and `timestamps` (float64 seconds:
 * the video's frame times). Every series spans every frame of the video, so
 * all share one time base as ndx-pose asks. Each typed object has `neurodata_type`, `namespace`
 * and a UUID4 `object_id`. Pose scores are not kept; a track keeps its id through its default
 * name `track_<id>` only (a named track reads back under a new id).
 */
export async function writeNwbPose(
  target: string,
  result: TrackingResult,
  keypoints: KeypointExport,
  trackNames?: Record<number, string>,
): Promise<void> {
  const dense = toDenseTracks(result, { keypoints, trackNames, span: 'video' });
  const created = new Date().toISOString();
  await writeHdf5Atomic(target, (file) => fillNwbFile(file, dense, result, created));
}

function fillNwbFile(file: H5File, d: DenseTracks, result: TrackingResult, createdIso: string): void {
  typed(file, 'NWBFile', 'core');
  file.create_attribute('nwb_version', NWB_CORE_VERSION);
  file.create_dataset({ name: 'file_create_date', data: [createdIso], shape: [1] });
  file.create_dataset({ name: 'identifier', data: randomUUID() });
  file.create_dataset({
    name: 'session_description',
    data: `Poses in ${path.basename(result.video.path)}, estimated by ${NWB_SOURCE_SOFTWARE}.`,
  });
  // The video's recording time is unknown: the session starts, and time zero is, when the file is made.
  file.create_dataset({ name: 'session_start_time', data: createdIso });
  file.create_dataset({ name: 'timestamps_reference_time', data: createdIso });
  for (const name of ['acquisition', 'analysis']) file.create_group(name);
  const general = file.create_group('general');
  const stimulus = file.create_group('stimulus');
  stimulus.create_group('presentation');
  stimulus.create_group('templates');
  const behavior = file.create_group('processing').create_group('behavior');
  typed(behavior, 'ProcessingModule', 'core');
  behavior.create_attribute(
    'description',
    `Pose estimates by ${NWB_SOURCE_SOFTWARE} (detector ${result.models.detector}, pose model ${result.models.pose}).`,
  );
  const skeletonPath = writeSkeleton(behavior, d);
  const timesS = Float64Array.from(
    { length: d.frameCount },
    (_, f) => (result.video.frameTimesMs[f] ?? (f * 1000 * result.video.fps.den) / result.video.fps.num) / 1000,
  );
  d.trackNames.forEach((name, track) =>
    writeEstimation(behavior.create_group(nwbGroupName(name)), d, track, timesS, result, skeletonPath),
  );
  writeSpecifications(file);
  // Written last, so that it sits in the file's last heap, where existingFileKind looks.
  general.create_dataset({ name: 'notes', data: NWB_POSETRAIL_MARK });
}

/**
 * A track's PoseEstimation group name: its name, with '/' (HDF5's path separator) as '∕' and the
 * names HDF5 or the Skeletons container already take ('.', 'Skeletons') suffixed.
 */
export function nwbGroupName(trackName: string): string {
  const name = trackName.replaceAll('/', '∕');
  return name === '.' || name === '..' || name === NWB_SKELETONS_NAME ? `${name} (track)` : name;
}

/** The keypoint layout as an ndx-pose `Skeleton` inside `Skeletons`; returns its path. */
function writeSkeleton(behavior: H5Group, d: DenseTracks): string {
  const skeletons = behavior.create_group(NWB_SKELETONS_NAME);
  typed(skeletons, 'Skeletons', 'ndx-pose');
  const name =
    [COCO17, POSETRACK18].find(
      (s) => s.names.length === d.nodeNames.length && s.names.every((n, i) => n === d.nodeNames[i]),
    )?.id ?? 'skeleton';
  const skeleton = skeletons.create_group(name);
  typed(skeleton, 'Skeleton', 'ndx-pose');
  skeleton.create_dataset({ name: 'nodes', data: [...d.nodeNames], shape: [d.nodeNames.length] });
  writeArray(skeleton, 'edges', Uint8Array.from(d.edges.flat()), [d.edges.length, 2]);
  return `${NWB_BEHAVIOR_PATH}/${NWB_SKELETONS_NAME}/${name}`;
}

function writeEstimation(
  group: H5Group,
  d: DenseTracks,
  track: number,
  timesS: Float64Array,
  result: TrackingResult,
  skeletonPath: string,
): void {
  typed(group, 'PoseEstimation', 'ndx-pose');
  group.create_dataset({
    name: 'description',
    data: `Track "${d.trackNames[track]}": one series per keypoint, in pixels of the video (origin top left, y down).`,
  });
  group.create_dataset({ name: 'original_videos', data: [result.video.path], shape: [1] });
  group.create_dataset({ name: 'scorer', data: `${result.models.detector} + ${result.models.pose}` });
  const software = group.create_dataset({ name: 'source_software', data: NWB_SOURCE_SOFTWARE });
  software.create_attribute('version', process.env.npm_package_version ?? '0.1.0');
  // An unnamed link in the spec takes its target's name, as hdmf writes it.
  group.create_soft_link(skeletonPath, path.posix.basename(skeletonPath));
  d.nodeNames.forEach((node, n) => writeSeries(group.create_group(node), d, track, n, timesS));
}

function writeSeries(series: H5Group, d: DenseTracks, track: number, node: number, timesS: Float64Array): void {
  typed(series, 'PoseEstimationSeries', 'ndx-pose');
  series.create_attribute('comments', 'no comments');
  series.create_attribute('description', `${d.nodeNames[node]} of track "${d.trackNames[track]}"`);
  const F = d.frameCount;
  const xy = new Float32Array(F * 2);
  const confidence = new Float32Array(F);
  for (let f = 0; f < F; f++) {
    const at = denseIndex(d, f, track, node);
    [xy[2 * f], xy[2 * f + 1], confidence[f]] = [d.x[at], d.y[at], d.score[at]];
  }
  const data = writeArray(series, 'data', xy, [F, 2], GZIP_LEVEL);
  float32Attrs(data, { conversion: 1, offset: 0, resolution: -1 });
  data.create_attribute('unit', 'pixels');
  writeArray(series, 'confidence', confidence, [F], GZIP_LEVEL).create_attribute(
    'definition',
    'Keypoint score of the pose model (0 to 1).',
  );
  const timestamps = writeArray(series, 'timestamps', timesS, [F], GZIP_LEVEL);
  timestamps.create_attribute('interval', Int32Array.of(1), [], '<i');
  timestamps.create_attribute('unit', 'seconds');
  series.create_dataset({
    name: 'reference_frame',
    data: 'Video pixels: (0, 0) is the top-left corner, x to the right, y down.',
  });
}

/** Every cached namespace as JSON under `/specifications/<name>/<version>/<source>`, with `.specloc` on the root. */
function writeSpecifications(file: H5File): void {
  const specifications = file.create_group('specifications');
  for (const ns of NWB_CACHED_NAMESPACES) {
    const version = specifications.create_group(ns.name).create_group(ns.version);
    for (const [source, spec] of Object.entries(ns.files))
      version.create_dataset({ name: source, data: JSON.stringify(spec) });
  }
  file.create_attribute('.specloc', specifications.create_reference());
}

function typed(target: H5Group, neurodataType: string, namespace: string): void {
  target.create_attribute('namespace', namespace);
  target.create_attribute('neurodata_type', neurodataType);
  target.create_attribute('object_id', randomUUID());
}

function float32Attrs(dataset: H5Dataset, attrs: Record<string, number>): void {
  for (const [name, value] of Object.entries(attrs)) dataset.create_attribute(name, Float32Array.of(value), [], '<f');
}
