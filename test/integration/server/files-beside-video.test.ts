import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackEdit } from '../../../core/api/pose-api';
import type { CorePorts } from '../../../core/service/core-ports';
import { createPoseService, type PoseService } from '../../../core/service/service';
import { writeTrackingResult } from '../../../core/export';
import type { VideoInfo } from '../../../core/types';
import { fixtureResult, writeFixtureProject } from '../../helpers/project-fixture';

/**
 * `<video>.posetrail.json` and `<video>.posetrail-layers.json` load by themselves when the video
 * opens, so whoever can put files beside a video chooses what the host reads: they must be
 * bounded, checked against the probed video, and cheap to load.
 */
let root: string;
let service: PoseService;
const frameCounts = new Map<string, number>();

function videoInfo(file: string): VideoInfo {
  const frameCount = frameCounts.get(path.basename(file)) ?? 5;
  return {
    path: file,
    kind: 'video',
    width: 640,
    height: 480,
    fps: { num: 30, den: 1 },
    frameCount,
    durationMs: (frameCount * 1000) / 30,
    codec: 'h264',
    pixelFormat: 'yuv420p',
    rotationDeg: 0,
    variableFrameRate: false,
    frameTimesMs: [],
  };
}

const fakeCore = {
  probeVideo: async (file: string) => {
    await fs.access(file);
    return videoInfo(file);
  },
  availableDevices: async () => ['cpu'],
  trackColors: async () => () => '#ff0000',
} as unknown as CorePorts;

async function videoFile(name: string, frameCount: number): Promise<string> {
  const file = path.join(root, name);
  await fs.writeFile(file, 'video bytes');
  frameCounts.set(name, frameCount);
  return file;
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-beside-'));
  service = createPoseService({
    host: 'web',
    version: '0.0.0-test',
    core: fakeCore,
    configDir: path.join(root, 'config'),
    dataDir: path.join(root, 'data'),
    mediaUrlFor: async (f) => f,
  });
});

afterAll(async () => {
  await service?.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

describe('a project file beside the video', () => {
  it('with 8000 frames of swap edits loads in linear-ish time, not the 41.5 s of a quadratic replay', async () => {
    const video = await videoFile('long.mp4', 8000);
    const edits: TrackEdit[] = Array.from({ length: 8000 }, (_, frameIndex) => ({
      kind: 'swap',
      trackIdA: 0,
      trackIdB: 1,
      frameIndex,
    }));
    await writeFixtureProject(video, fixtureResult(videoInfo(video), 8000), path.join(root, 'data'), edits);
    const started = performance.now();
    const project = await service.project.load(video);
    const elapsedMs = performance.now() - started;
    expect(project!.result.frames).toHaveLength(8000);
    expect(project!.result.frames[7998].poses.map((p) => p.trackId)).toEqual([1, 0]);
    // Reading and validating the 9 MB file is most of it; the replay is about 64 M id checks.
    expect(elapsedMs).toBeLessThan(10_000);
    // The host goes on serving: an edit and an undo on the loaded project each replay in the same bound.
    expect((await service.project.undo(video)).canRedo).toBe(true);
  }, 60_000);

  it('that names frames past the probed video is refused with the counts, and left on disk', async () => {
    const video = await videoFile('short.mp4', 5);
    const file = await writeFixtureProject(
      video,
      fixtureResult({ ...videoInfo(video), frameCount: 3000 }, 3000),
      path.join(root, 'data'),
    );
    const before = await fs.readFile(file);
    await expect(service.project.load(video)).rejects.toThrow(
      `Project file ${file} does not fit short.mp4: it refers to frame 2999, but the video has 5 frames (0–4). It belongs to another video or is damaged; it was left as it is.`,
    );
    expect((await fs.readFile(file)).equals(before)).toBe(true);
  });

  it('whose edits name a frame past the video is refused too', async () => {
    const video = await videoFile('edits.mp4', 5);
    await writeFixtureProject(video, fixtureResult(videoInfo(video), 5), path.join(root, 'data'), [
      { kind: 'swap', trackIdA: 0, trackIdB: 1, frameIndex: 9000 },
    ]);
    await expect(service.project.load(video)).rejects.toThrow('it refers to frame 9000, but the video has 5 frames');
  });

  it('with frames out of order or more edits than a project keeps is refused', async () => {
    const video = await videoFile('order.mp4', 5);
    const result = fixtureResult(videoInfo(video), 5);
    result.frames = [result.frames[0], result.frames[2], result.frames[1]];
    await writeFixtureProject(video, result, path.join(root, 'data'));
    await expect(service.project.load(video)).rejects.toThrow(
      'is not a valid Posetrail project (frame 1 comes after frame 2)',
    );
    const many = await videoFile('many.mp4', 5);
    const renames: TrackEdit[] = Array.from({ length: 100_001 }, () => ({ kind: 'rename', trackId: 0, name: 'A' }));
    await writeFixtureProject(many, fixtureResult(videoInfo(many), 5), path.join(root, 'data'), renames);
    await expect(service.project.load(many)).rejects.toThrow(/is not a valid Posetrail project \(edits: Too big/);
  });
});

describe('a layer list beside the video', () => {
  async function layersFile(video: string, layerPaths: string[]): Promise<void> {
    const doc = {
      format: 'posetrail-layers',
      version: 1,
      videoPath: video,
      layers: layerPaths.map((p) => ({ path: p })),
    };
    await fs.writeFile(path.join(root, `${path.basename(video, '.mp4')}.posetrail-layers.json`), JSON.stringify(doc));
  }

  it('that names one PoseTrack file ten times loads it once', async () => {
    const video = await videoFile('layered.mp4', 5);
    const groundTruth = path.join(root, 'gt.json');
    await writeTrackingResult(groundTruth, fixtureResult(videoInfo(video), 5), { format: 'posetrack18' });
    await layersFile(
      video,
      Array.from({ length: 10 }, (_, i) => (i % 2 ? groundTruth : path.join(root, '.', 'gt.json'))),
    );
    const layers = await service.layers.list(video);
    expect(layers.map((l) => [l.path, l.error])).toEqual([[groundTruth, undefined]]);
  });

  it('with more layers than a video keeps, or far larger than a list of paths, is refused', async () => {
    const video = await videoFile('crowded.mp4', 5);
    await layersFile(
      video,
      Array.from({ length: 17 }, (_, i) => path.join(root, `gt-${i}.json`)),
    );
    await expect(service.layers.list(video)).rejects.toThrow(
      /crowded\.posetrail-layers\.json is not valid \(layers: Too big/,
    );
    await layersFile(video, [path.join(root, 'gt.json'.padStart(70_000, 'x'))]);
    await expect(service.layers.list(video)).rejects.toThrow(
      /crowded\.posetrail-layers\.json has \d+ bytes, more than the 65536/,
    );
  });
});
