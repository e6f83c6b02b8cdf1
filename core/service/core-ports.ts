import type { ModelEntry } from '../api/pose-api';
import type { ResultFormat } from '../export-formats';
import type { ListModelOptions } from '../models/store';
import type { ExecutionDevice, Progress, TrackingResult, VideoInfo } from '../types';
import type { FindPersonRequest } from './find-person';
import type { FollowResult } from '../pipeline/follow-person';

/**
 * What the service needs from the core modules, behind one small interface: tests substitute
 * fakes, and each real module is imported on first use, so the web host starts without loading
 * ONNX Runtime or the exporters until a call needs them.
 */
export interface CorePorts {
  probeVideo(filePath: string): Promise<VideoInfo>;
  /** One decoded frame as JPEG bytes. */
  frameJpeg(info: VideoInfo, frameIndex: number): Promise<Uint8Array>;
  /** `trackNames` (by track id) go into the file: `posetrail.track_names`, or CSV's `track_name` column. */
  writeResult(
    outPath: string,
    result: TrackingResult,
    format: ResultFormat,
    trackNames?: Record<number, string>,
  ): Promise<void>;
  /** A PoseTrack file (ours or anyone's) as a TrackingResult. */
  readResult(filePath: string): Promise<TrackingResult>;
  /** With `speed`, entries carry the expected rate on that device (measuring when asked). */
  listModels(options?: ListModelOptions): Promise<ModelEntry[]>;
  downloadModel(modelId: string, onProgress: (progress: Progress) => void): Promise<void>;
  /** Whether the download servers of the known models among `modelIds` answer now. */
  canFetchModels(modelIds: string[]): Promise<boolean>;
  importModel(filePath: string, modelId: string): Promise<ModelEntry>;
  availableDevices(): Promise<ExecutionDevice[]>;
  ffmpegPath(): Promise<string | null>;
  /** The pose model on a box drawn around a missed person, then following them (pipeline/follow-person). */
  findPerson(info: VideoInfo, request: FindPersonRequest): Promise<FollowResult>;
  /** The per-track colour palette shared with the overlay renderer and the UI. */
  trackColors(): Promise<(trackId: number) => string>;
}

/** JPEG quality of frames shown for videos the browser cannot play: sharp enough to judge joints. */
export const FRAME_JPEG_QUALITY = 90;

export const realCorePorts: CorePorts = {
  probeVideo: async (filePath) => (await import('../video')).probeVideo(filePath),
  frameJpeg: async (info, frameIndex) => {
    const video = await import('../video');
    for await (const frame of video.readFrames(info, { startFrame: frameIndex, endFrame: frameIndex + 1 })) {
      return video.encodeJpeg(frame.rgb, frame.width, frame.height, FRAME_JPEG_QUALITY);
    }
    throw new Error(`Frame ${frameIndex} of ${info.path} could not be decoded.`);
  },
  writeResult: async (outPath, result, format, trackNames) =>
    (await import('../export')).writeTrackingResult(outPath, result, { format, trackNames }),
  readResult: async (filePath) => (await import('../export')).readTrackingResult(filePath),
  listModels: async (options) => (await import('../models/store')).listModelEntries(options),
  downloadModel: async (modelId, onProgress) => {
    await (await import('../models/store')).downloadModel(modelId, { onProgress });
  },
  canFetchModels: async (modelIds) => {
    const [{ findManifest }, { canFetchNow }] = await Promise.all([
      import('../models/registry'),
      import('../models/reachability'),
    ]);
    return canFetchNow(modelIds.flatMap((id) => findManifest(id) ?? []));
  },
  importModel: async (filePath, modelId) => {
    const models = await import('../models/store');
    await models.importModel(filePath, modelId);
    const entry = (await models.listModelEntries()).find((candidate) => candidate.id === modelId);
    if (!entry) throw new Error(`Model ${modelId} was imported but is not listed.`);
    return entry;
  },
  availableDevices: async () => (await import('../models/device-probe')).usableDevices(),
  ffmpegPath: async () => {
    const { resolveTool } = await import('../video/ffmpeg');
    try {
      return resolveTool('ffmpeg').path;
    } catch {
      return null;
    }
  },
  findPerson: async (info, request) => (await import('./find-person')).findPerson(info, request),
  trackColors: async () => (await import('../render/colors')).trackColorHex,
};
