import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPoseService, type PoseService } from '../../../core/service/service';
import type { PoseEvent, TrackSettings } from '../../../core/api/pose-api';
import { DEFAULT_TRACK_SETTINGS } from '../../../core/settings/run-settings';
import { probeVideo } from '../../../core/video';
import { SHARED_MODELS_DIR, VIDEOS } from '../../helpers/assets';

/**
 * The real service end to end on the 5-frame street clip with the nano test models: tracking in
 * the worker thread with live events, the project saved beside the video, edits with undo,
 * exports (data and overlay video), cancellation, and a batch with a corrupt file.
 */
const settings: TrackSettings = {
  ...DEFAULT_TRACK_SETTINGS,
  detector: 'yolox-nano-416',
  poseModel: 'simplepose-nano',
  device: 'cpu',
  detIntervalFrames: 1,
  minBoxScore: 0.3,
  minKeypointScore: 0.3,
  flipTest: false,
};

let root: string;
let video: string;
let service: PoseService;
const events: PoseEvent[] = [];

function waitFor<T extends PoseEvent['type']>(
  type: T,
  match: (event: Extract<PoseEvent, { type: T }>) => boolean = () => true,
  timeoutMs = 90_000,
) {
  return new Promise<Extract<PoseEvent, { type: T }>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} event within ${timeoutMs} ms`)), timeoutMs);
    const unsubscribe = service.onEvent((event) => {
      if (event.type === type && match(event as Extract<PoseEvent, { type: T }>)) {
        clearTimeout(timer);
        unsubscribe();
        resolve(event as Extract<PoseEvent, { type: T }>);
      }
    });
  });
}

beforeAll(async () => {
  process.env.POSETRAIL_MODEL_PATH = SHARED_MODELS_DIR;
  process.env.POSETRAIL_MODELS_DIR = path.join(os.tmpdir(), 'posetrail-no-store');
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-service-'));
  video = path.join(root, 'street.mp4');
  await fs.copyFile(VIDEOS.street, video);
  service = createPoseService({
    host: 'web',
    version: '0.0.0-test',
    configDir: path.join(root, 'config'),
    dataDir: path.join(root, 'data'),
    mediaUrlFor: async (file) => `/media?path=${encodeURIComponent(file)}`,
  });
  service.onEvent((event) => events.push(event));
});

afterAll(async () => {
  await service?.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

describe('service on real models', () => {
  it('opens the video and decodes frames for browsers that cannot play MPEG-4 Part 2', async () => {
    const opened = await service.video.open(video);
    expect(opened.info).toMatchObject({ frameCount: 5, width: 1280, height: 720 });
    expect(opened.browserPlayable).toBe(false);
    const jpeg = await service.video.frameImage(video, 4);
    expect([jpeg[0], jpeg[1], jpeg.at(-2), jpeg.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
    expect(jpeg.length).toBeGreaterThan(20_000);
  });

  it('tracks in the worker, streams frames, and saves the project beside the video', async () => {
    const done = waitFor('tracking-done');
    const { runId } = await service.tracking.start(video, settings);
    const finished = await done;
    expect(finished).toMatchObject({ runId, videoPath: video, summary: { frames: 5, executionProvider: 'cpu' } });
    const streamed = events.filter(
      (e): e is Extract<PoseEvent, { type: 'tracking-frames' }> => e.type === 'tracking-frames' && e.runId === runId,
    );
    expect(streamed.flatMap((e) => e.frames.map((f) => f.frameIndex))).toEqual([0, 1, 2, 3, 4]);
    expect(events.some((e) => e.type === 'tracking-progress' && e.runId === runId)).toBe(true);

    const project = await service.project.load(video);
    expect(project!.result.frames).toHaveLength(5);
    expect(project!.tracks.length).toBeGreaterThanOrEqual(3);
    expect(project!.tracks[0].colorHex).toMatch(/^#[0-9a-f]{6}$/i);
    const saved = JSON.parse(await fs.readFile(path.join(root, 'street.posetrail.json'), 'utf8'));
    expect(saved.baseResult.frames).toHaveLength(5);
  });

  it('edits, undoes and exports PoseTrack 2018 with progress', async () => {
    const before = (await service.project.load(video))!;
    const [a, b] = before.tracks;
    const renamed = await service.project.edit(video, { kind: 'rename', trackId: a.trackId, name: 'Cyclist' });
    expect(renamed.tracks[0].name).toBe('Cyclist');
    const swapped = await service.project.edit(video, {
      kind: 'swap',
      trackIdA: a.trackId,
      trackIdB: b.trackId,
      frameIndex: 2,
    });
    const undone = await service.project.undo(video);
    expect(undone.result).toEqual(renamed.result);
    expect(undone.canRedo).toBe(true);
    expect((await service.project.redo(video)).result).toEqual(swapped.result);

    const outPath = path.join(root, 'out', 'street.json');
    const { exportId, outPath: written } = await service.exports.run(video, 'posetrack18', outPath);
    expect(written).toBe(outPath);
    const document = JSON.parse(await fs.readFile(outPath, 'utf8'));
    expect(document.images).toHaveLength(5);
    expect(events.filter((e) => e.type === 'export-progress' && e.exportId === exportId).at(-1)).toMatchObject({
      progress: { done: 1, total: 1 },
    });
    await expect(service.exports.run(video, 'csv', video)).rejects.toThrow('Refusing to export over the source video');
  });

  it('renders the overlay video in the worker', async () => {
    const outPath = path.join(root, 'out', 'street-overlay.mp4');
    await service.exports.run(video, 'overlay-video', outPath);
    expect((await probeVideo(outPath)).frameCount).toBe(5);
  });

  it('cancels a running tracking job', async () => {
    const longVideo = path.join(root, 'two.mp4');
    await fs.copyFile(VIDEOS.twoPeople, longVideo);
    const { runId } = await service.tracking.start(longVideo, settings);
    await waitFor('tracking-progress', (e) => e.runId === runId && e.progress.done > 0);
    const failed = waitFor('tracking-error', (e) => e.runId === runId);
    await service.tracking.cancel(runId);
    expect((await failed).error.code).toBe('CANCELLED');
    expect(await service.project.load(longVideo)).toBeNull();
    await expect(service.tracking.cancel(runId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("runs 'auto' on the CPU without trying each GPU provider per model when none works here", async () => {
    const { usableDevices } = await import('../../../core/models/device-probe');
    const done = waitFor('tracking-done');
    await service.tracking.start(video, { ...settings, device: 'auto' });
    const finished = await done;
    expect(finished.summary.executionProvider).toBe('cpu');
    const fallbackNotes = finished.summary.warnings.filter((w) => /running on CPU/i.test(w));
    // With a working GPU provider 'auto' uses it; without one, no model tries (and warns about) it.
    if ((await usableDevices()).every((d) => d === 'cpu')) expect(fallbackNotes).toEqual([]);
  });

  it('runs a batch in the worker: a corrupt file fails with its error, the rest finishes', async () => {
    const folder = path.join(root, 'batch-in');
    await fs.mkdir(folder);
    await fs.copyFile(VIDEOS.street, path.join(folder, 'a.mp4'));
    await fs.writeFile(path.join(folder, 'b.mp4'), 'this is not a video');
    const finished = waitFor('batch-update', (e) => e.finished);
    await service.batch.start({
      folder,
      outDir: path.join(root, 'batch-out'),
      recursive: false,
      extensions: ['mp4'],
      settings,
      format: 'csv',
    });
    const final = await finished;
    const byName = Object.fromEntries(final.files.map((f) => [path.basename(f.input), f]));
    expect(byName['a.mp4'].status).toBe('done');
    expect(byName['b.mp4'].status).toBe('failed');
    expect(byName['b.mp4'].error).toContain('b.mp4');
  });
});
