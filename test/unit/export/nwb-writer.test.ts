/**
 * NWB with ndx-pose as Posetrail writes it: the layout checked with h5py against the NWB core and
 * ndx-pose specifications' required fields (pynwb and ndx-pose are not packaged for Debian, so
 * pynwb itself is not run), and read back by Posetrail's own NWB reader.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COCO17 } from '../../../core/keypoints/schema';
import { readResultFile } from '../../../core/export/read';
import { formatFromPath, writeTrackingResult } from '../../../core/export/write';
import { runPython } from '../../helpers/python-readers';
import { makeResult } from './fixtures';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-nwb-writer-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const NAMES = { 7: 'Émile, "the" runner' };

/** The file's layout as h5py sees it: every check a spec asks for, as JSON. */
const INSPECT = `import sys, json, re, uuid, h5py, numpy as np
f = h5py.File(sys.argv[1], 'r')
s = lambda v: v.decode() if isinstance(v, bytes) else v
out = {'missing_ids': [], 'bad_ids': [], 'typed': {}}
def visit(name, obj):
  a = obj.attrs
  if 'neurodata_type' in a:
    out['typed'][name] = [s(a['neurodata_type']), s(a['namespace'])]
    oid = s(a.get('object_id', ''))
    try:
      if uuid.UUID(oid).version != 4: out['bad_ids'].append(name)
    except ValueError: out['missing_ids'].append(name)
f.visititems(visit)
out['root'] = {k: s(f.attrs[k]) for k in ['neurodata_type', 'namespace', 'nwb_version']}
out['root_id'] = str(uuid.UUID(s(f.attrs['object_id'])).version)
out['specloc'] = f[f.attrs['.specloc']].name
out['root_datasets'] = {k: [str(f[k].dtype), list(f[k].shape), h5py.check_string_dtype(f[k].dtype).encoding] for k in ['file_create_date', 'identifier', 'session_description', 'session_start_time', 'timestamps_reference_time']}
iso = re.compile(r'^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)$')
out['iso'] = all(iso.match(s(v)) for v in [f['file_create_date'][0], f['session_start_time'][()], f['timestamps_reference_time'][()]])
out['groups'] = [g for g in ['acquisition', 'analysis', 'general', 'processing', 'stimulus/presentation', 'stimulus/templates'] if isinstance(f.get(g), h5py.Group)]
b = f['processing/behavior']
sk = b['Skeletons/coco17']
out['skeleton'] = {'nodes': [s(n) for n in sk['nodes'][()]], 'edges': sk['edges'][()].tolist(), 'edges_dtype': str(sk['edges'].dtype)}
out['tracks'] = {}
for name, pe in b.items():
  if s(pe.attrs['neurodata_type']) != 'PoseEstimation': continue
  link = pe.get('coco17', getlink=True)
  t = {'videos': [s(v) for v in pe['original_videos'][()]], 'software': s(pe['source_software'][()]), 'version': s(pe['source_software'].attrs['version']), 'skeleton_link': link.path, 'series': {}}
  for node, ps in pe.items():
    if not isinstance(ps, h5py.Group) or s(ps.attrs.get('neurodata_type', '')) != 'PoseEstimationSeries': continue
    d, c, ts = ps['data'], ps['confidence'], ps['timestamps']
    t['series'][node] = {'data': [[None if np.isnan(v) else float(v) for v in row] for row in d[()]], 'conf': [None if np.isnan(v) else float(v) for v in c[()]],
      'dtypes': [str(d.dtype), str(c.dtype), str(ts.dtype)], 'times': ts[()].tolist(),
      'data_attrs': {k: (s(d.attrs[k]) if k == 'unit' else [float(d.attrs[k]), str(d.attrs[k].dtype), list(np.shape(d.attrs[k]))]) for k in ['unit', 'conversion', 'offset', 'resolution']},
      'ts_attrs': [s(ts.attrs['unit']), int(ts.attrs['interval'])], 'description': s(ps.attrs['description']), 'comments': s(ps.attrs['comments'])}
  out['tracks'][name] = t
out['specs'] = {}
for ns, versions in f['specifications'].items():
  for version, files in versions.items():
    out['specs'][ns + '/' + version] = {k: json.loads(s(v[()])) for k, v in files.items()}
print(json.dumps(out))`;

interface Inspected {
  missing_ids: string[];
  bad_ids: string[];
  typed: Record<string, [string, string]>;
  root: Record<string, string>;
  root_id: string;
  specloc: string;
  root_datasets: Record<string, [string, number[], string]>;
  iso: boolean;
  groups: string[];
  skeleton: { nodes: string[]; edges: number[][]; edges_dtype: string };
  tracks: Record<
    string,
    {
      videos: string[];
      software: string;
      version: string;
      skeleton_link: string;
      series: Record<
        string,
        {
          data: (number | null)[][];
          conf: (number | null)[];
          dtypes: string[];
          times: number[];
          data_attrs: Record<string, unknown>;
          ts_attrs: [string, number];
          description: string;
          comments: string;
        }
      >;
    }
  >;
  specs: Record<
    string,
    Record<
      string,
      {
        namespaces?: { name: string; version: string; schema: unknown[] }[];
        groups?: { neurodata_type_def?: string }[];
      }
    >
  >;
}

describe('NWB export with ndx-pose', () => {
  it('writes the NWB file and ndx-pose layout the specifications require', async () => {
    const out = path.join(dir, 'clip.nwb');
    expect(formatFromPath(out)).toBe('nwb');
    const result = makeResult();
    await writeTrackingResult(out, result, { format: 'nwb', trackNames: NAMES });
    const f = runPython(INSPECT, [out]) as Inspected;
    expect(f.root).toEqual({ neurodata_type: 'NWBFile', namespace: 'core', nwb_version: '2.6.0' });
    expect(f.root_id).toBe('4');
    expect(f.missing_ids).toEqual([]);
    expect(f.bad_ids).toEqual([]);
    expect(f.specloc).toBe('/specifications');
    expect(f.root_datasets).toEqual({
      file_create_date: ['object', [1], 'utf-8'],
      identifier: ['object', [], 'utf-8'],
      session_description: ['object', [], 'utf-8'],
      session_start_time: ['object', [], 'utf-8'],
      timestamps_reference_time: ['object', [], 'utf-8'],
    });
    expect(f.iso).toBe(true);
    expect(f.groups).toEqual([
      'acquisition',
      'analysis',
      'general',
      'processing',
      'stimulus/presentation',
      'stimulus/templates',
    ]);
    expect(f.typed['processing/behavior']).toEqual(['ProcessingModule', 'core']);
    expect(f.typed['processing/behavior/Skeletons']).toEqual(['Skeletons', 'ndx-pose']);
    expect(f.typed['processing/behavior/Skeletons/coco17']).toEqual(['Skeleton', 'ndx-pose']);
    expect(f.skeleton.nodes).toEqual(COCO17.names);
    expect(f.skeleton.edges).toEqual(COCO17.skeleton.map((e) => [...e]));
    expect(f.skeleton.edges_dtype).toBe('uint8');
    // One PoseEstimation per identity, named by the track; one series per keypoint.
    expect(Object.keys(f.tracks).sort()).toEqual(['track_3', NAMES[7]].sort());
    const runner = f.tracks[NAMES[7]];
    expect(f.typed[`processing/behavior/${NAMES[7]}`]).toEqual(['PoseEstimation', 'ndx-pose']);
    expect(runner).toMatchObject({
      videos: ['/videos/clip.mp4'],
      software: 'Posetrail',
      skeleton_link: '/processing/behavior/Skeletons/coco17',
    });
    expect(Object.keys(runner.series).sort()).toEqual([...COCO17.names].sort());
    const wrist = runner.series.left_wrist;
    expect(wrist.dtypes).toEqual(['float32', 'float32', 'float64']);
    expect(wrist.data_attrs).toEqual({
      unit: 'pixels',
      conversion: [1, 'float32', []],
      offset: [0, 'float32', []],
      resolution: [-1, 'float32', []],
    });
    expect(wrist.ts_attrs).toEqual(['seconds', 1]);
    // Every frame of the video, in seconds from its frame times; NaN where the track has no point.
    expect(wrist.times).toEqual([0, 0.04, 0.08, 0.12, 0.16]);
    const pose = (frame: number) =>
      result.frames.find((fr) => fr.frameIndex === frame)!.poses.find((p) => p.trackId === 7)!;
    expect(wrist.data).toEqual([
      [null, null],
      pose(1).keypoints[9].slice(0, 2).map(Math.fround),
      [null, null],
      [null, null],
      pose(4).keypoints[9].slice(0, 2).map(Math.fround),
    ]);
    expect(wrist.conf).toEqual([
      null,
      Math.fround(pose(1).keypoints[9][2]),
      null,
      null,
      Math.fround(pose(4).keypoints[9][2]),
    ]);
  });

  it('caches the namespaces it uses as JSON, pointed to by .specloc', async () => {
    const out = path.join(dir, 'specs.nwb');
    await writeTrackingResult(out, makeResult(), { format: 'nwb' });
    const { specs, typed } = runPython(INSPECT, [out]) as Inspected;
    expect(Object.keys(specs).sort()).toEqual(['hdmf-common/1.5.1', 'ndx-pose/0.2.0']);
    const common = specs['hdmf-common/1.5.1'];
    expect(common.namespace.namespaces!.map((n) => [n.name, n.version])).toEqual([['hdmf-common', '1.5.1']]);
    expect(Object.keys(common).sort()).toEqual(['base', 'namespace', 'sparse', 'table']);
    const pose = specs['ndx-pose/0.2.0'];
    expect(pose.namespace.namespaces![0]).toMatchObject({ name: 'ndx-pose', version: '0.2.0' });
    const defined = pose['ndx-pose.extensions'].groups!.map((g) => g.neurodata_type_def);
    // Every ndx-pose type in the file is defined by the cached extension.
    for (const [type] of Object.values(typed).filter(([, ns]) => ns === 'ndx-pose')) expect(defined).toContain(type);
  });

  it('reads back every keypoint, score, identity and name', async () => {
    const out = path.join(dir, 'round.nwb');
    const result = makeResult();
    await writeTrackingResult(out, result, { format: 'nwb', trackNames: NAMES });
    const back = await readResultFile(out);
    expect(back.result.schema).toBe('coco17');
    expect(back.result.video.path).toBe('/videos/clip.mp4');
    expect(back.result.frames.map((f) => f.timestampMs)).toEqual([0, 40, 80, 120, 160]);
    // The named track comes back under the next free id after track_3.
    expect(back.trackNames).toEqual({ 4: NAMES[7] });
    for (const frame of result.frames) {
      const other = back.result.frames.find((f) => f.frameIndex === frame.frameIndex)!;
      expect(other.poses.map((p) => p.trackId)).toEqual([3, 4]);
      frame.poses.forEach((p, i) =>
        expect(other.poses[i].keypoints).toEqual(
          p.keypoints.map(([x, y, s]) =>
            s === 0 && x === 0 && y === 0 ? [0, 0, 0] : [Math.fround(x), Math.fround(y), Math.fround(s)],
          ),
        ),
      );
    }
    expect(back.result.frames.filter((f) => f.poses.length === 0).map((f) => f.frameIndex)).toEqual([0, 3]);
  });

  it('reads back a video where nobody was tracked as a result without poses', async () => {
    const out = path.join(dir, 'nobody.nwb');
    const empty = makeResult();
    empty.frames.forEach((f) => (f.poses = []));
    await writeTrackingResult(out, empty, { format: 'nwb' });
    const back = await readResultFile(out);
    expect(back.result.frames.flatMap((f) => f.poses)).toEqual([]);
    expect(back.trackNames).toEqual({});
  });

  it('names groups of tracks called like a path or like the skeletons container so that HDF5 takes them', async () => {
    const out = path.join(dir, 'odd-names.nwb');
    await writeTrackingResult(out, makeResult(), { format: 'nwb', trackNames: { 3: 'Skeletons', 7: 'left/right' } });
    const back = await readResultFile(out);
    expect(Object.values(back.trackNames).sort()).toEqual(['Skeletons (track)', 'left∕right']);
  });
});
