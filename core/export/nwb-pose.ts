import { COCO17, POSETRACK18 } from '../keypoints/schema';
import { denseToResult, type ReadResult } from './dense-result';
import { denseIndex, emptyArrays, idsFromNames, type DenseTracks } from './dense-tracks';
import { readNumbers, readStrings } from './hdf5/datasets';
import { readHdf5, type H5File, type H5Group } from './hdf5/h5wasm';

/**
 * Reads pose estimates from an NWB file with the ndx-pose extension (as pynwb, DeepLabCut's and
 * SLEAP's NWB exports write them): every `PoseEstimation` group under `/processing/*` is one
 * identity, named by its group; each of its `PoseEstimationSeries` is one keypoint, named by its
 * group, with `data` (frames × 2, pixels), `confidence` and `timestamps` in seconds (or
 * `starting_time` and its `rate`). Frames are the distinct timestamps of all series, in order.
 * Posetrail writes this layout too (nwb-writer.ts).
 */
export async function readNwbPose(path: string): Promise<ReadResult> {
  return readHdf5(path, (file) => {
    if (attr(file, 'neurodata_type') !== 'NWBFile')
      throw new Error(`${path}: not an NWB file (the root has no neurodata_type "NWBFile").`);
    const estimations = poseEstimations(file);
    if (estimations.length > 0) return denseToResult(...denseFrom(path, estimations));
    // A file with a skeleton but nobody in it (an export of a video where no one was tracked).
    if (!hasSkeleton(file)) throw new Error(`${path}: no ndx-pose PoseEstimation under /processing.`);
    const nobody: DenseTracks = {
      frameCount: 0,
      trackIds: [],
      trackNames: [],
      nodeNames: [],
      edges: [],
      ...emptyArrays(0, 0, 0),
    };
    return denseToResult(nobody, { file: path });
  });
}

interface Series {
  node: string;
  xy: number[];
  confidence?: number[];
  timesS: number[];
}

interface Estimation {
  name: string;
  series: Series[];
  videoPath?: string;
}

function poseEstimations(file: H5File): Estimation[] {
  const processing = child(file, 'processing');
  if (!processing) return [];
  const found: Estimation[] = [];
  for (const moduleName of processing.keys()) {
    const module = child(processing, moduleName);
    for (const name of module?.keys() ?? []) {
      const group = child(module!, name);
      if (group && attr(group, 'neurodata_type') === 'PoseEstimation') found.push(readEstimation(name, group));
    }
  }
  return found;
}

function hasSkeleton(file: H5File): boolean {
  const processing = child(file, 'processing');
  return (processing?.keys() ?? []).some((moduleName) => {
    const module = child(processing!, moduleName);
    return (module?.keys() ?? []).some(
      (name) => attr(child(module!, name) ?? module!, 'neurodata_type') === 'Skeletons',
    );
  });
}

function readEstimation(name: string, group: H5Group): Estimation {
  const series = group.keys().flatMap((node) => {
    const s = child(group, node);
    if (!s || attr(s, 'neurodata_type') !== 'PoseEstimationSeries') return [];
    const { values: xy, shape } = readNumbers(s, 'data');
    const frames = shape[0] ?? 0;
    const xyOnly =
      shape[1] === 2
        ? xy
        : Array.from({ length: frames * 2 }, (_, i) => xy[Math.floor(i / 2) * (shape[1] ?? 2) + (i % 2)]);
    const confidence = s.keys().includes('confidence') ? readNumbers(s, 'confidence').values : undefined;
    return [{ node, xy: xyOnly, confidence, timesS: timesOf(s, frames) }];
  });
  const videos = group.keys().includes('original_videos') ? readStrings(group, 'original_videos') : [];
  return { name, series, videoPath: videos[0] };
}

/** A TimeSeries' times: `timestamps`, or `starting_time` (seconds) with its `rate` (Hz). */
function timesOf(series: H5Group, frames: number): number[] {
  if (series.keys().includes('timestamps')) return readNumbers(series, 'timestamps').values;
  const start = series.keys().includes('starting_time') ? readNumbers(series, 'starting_time').values[0] : 0;
  const rate = Number(series.keys().includes('starting_time') ? datasetAttr(series, 'starting_time', 'rate') : NaN);
  if (!Number.isFinite(rate) || rate <= 0)
    throw new Error(`series ${series.path} has neither timestamps nor a starting_time rate`);
  return Array.from({ length: frames }, (_, i) => start + i / rate);
}

function denseFrom(path: string, estimations: Estimation[]): Parameters<typeof denseToResult> {
  const nodes = [...new Set(estimations.flatMap((e) => e.series.map((s) => s.node)))];
  const schema = [COCO17, POSETRACK18].find((s) => nodes.every((n) => s.names.includes(n)));
  if (!schema)
    throw new Error(
      `${path}: its keypoints (${nodes.join(', ')}) are not among COCO-17's or PoseTrack 2018's, which Posetrail needs.`,
    );
  // Times in whole microseconds: series timed by timestamps and by a rate must meet on one frame.
  const keyOf = (seconds: number) => Math.round(seconds * 1e6);
  const times = [...new Set(estimations.flatMap((e) => e.series.flatMap((s) => s.timesS.map(keyOf))))].sort(
    (a, b) => a - b,
  );
  const frameOf = new Map(times.map((t, i) => [t, i]));
  const trackNames = estimations.map((e) => e.name);
  const dense: DenseTracks = {
    frameCount: times.length,
    trackIds: idsFromNames(trackNames),
    trackNames,
    nodeNames: schema.names,
    edges: schema.skeleton,
    ...emptyArrays(times.length, estimations.length, schema.names.length),
  };
  estimations.forEach((e, track) => {
    for (const s of e.series) {
      const node = schema.names.indexOf(s.node);
      s.timesS.forEach((t, i) => {
        const at = denseIndex(dense, frameOf.get(keyOf(t))!, track, node);
        [dense.x[at], dense.y[at], dense.score[at]] = [s.xy[2 * i], s.xy[2 * i + 1], s.confidence?.[i] ?? NaN];
      });
    }
  });
  return [
    dense,
    {
      file: path,
      videoPath: estimations.find((e) => e.videoPath)?.videoPath,
      frameTimesMs: times.map((t) => (t - times[0]) / 1000),
      spansVideo: false,
    },
  ];
}

function child(group: H5Group, name: string): H5Group | undefined {
  const entity = group.get(name);
  return entity && 'keys' in entity ? (entity as H5Group) : undefined;
}

function attr(target: H5Group, name: string): string | undefined {
  const a = target.attrs[name];
  if (!a) return undefined;
  const value = a.value;
  return typeof value === 'string'
    ? value
    : value instanceof Uint8Array
      ? Buffer.from(value).toString('utf8')
      : String(value);
}

function datasetAttr(group: H5Group, dataset: string, name: string): unknown {
  const entity = group.get(dataset);
  return entity && 'attrs' in entity ? (entity as H5Group).attrs[name]?.value : undefined;
}
