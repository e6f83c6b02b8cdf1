import path from 'node:path';
import type { TrackEdit } from '../api/pose-api';
import type { TrackingResult, VideoInfo } from '../types';
import { ApiError, ERROR_CODES } from '../api/errors';
import type { ProjectDoc } from './project-file';

/**
 * Limits on the files that load by themselves when a video opens (`<video>.posetrail.json`,
 * `<video>.posetrail-layers.json`): whoever can put a file beside a video chooses their content.
 */

/** A project of an hour of video with a crowd tracked is about 150 MB. */
export const MAX_PROJECT_FILE_BYTES = 256 * 1024 * 1024;
/** Edits a project keeps (undo history included); far more than a person makes. */
export const MAX_PROJECT_EDITS = 100_000;

function invalid(file: string, reason: string): ApiError {
  return new ApiError(
    ERROR_CODES.invalidArgument,
    `Project file ${file} is not a valid Posetrail project (${reason}).`,
  );
}

/** Frames must ascend strictly by index: replay and every reader look them up in that order. */
export function checkFrameOrder(result: TrackingResult, file: string): void {
  for (let index = 1; index < result.frames.length; index++) {
    if (result.frames[index].frameIndex <= result.frames[index - 1].frameIndex) {
      throw invalid(
        file,
        `frame ${result.frames[index].frameIndex} comes after frame ${result.frames[index - 1].frameIndex}`,
      );
    }
  }
}

function editFrames(edit: TrackEdit): number[] {
  const frames: number[] = [];
  for (const key of ['frameIndex', 'toFrameIndex', 'fromFrameIndex'] as const) {
    const value = (edit as Partial<Record<typeof key, number>>)[key];
    if (value !== undefined) frames.push(value);
  }
  return frames;
}

function highestFrame(result: TrackingResult, edits: readonly TrackEdit[]): number {
  let highest = result.frames.at(-1)?.frameIndex ?? -1;
  for (const edit of edits) for (const frame of editFrames(edit)) highest = Math.max(highest, frame);
  return highest;
}

/**
 * A project loads only over the video it was made for: a frame (of the result or of an edit)
 * past the probed video's last frame means another video's project, or a forged one (3000
 * frames were accepted for a 5-frame clip).
 */
export function checkProjectFitsVideo(doc: ProjectDoc, video: VideoInfo, file: string): void {
  const results = [
    { result: doc.baseResult, edits: doc.history.edits },
    ...(doc.previous ? [{ result: doc.previous.baseResult, edits: doc.previous.history.edits }] : []),
  ];
  for (const { result, edits } of results) {
    const highest = highestFrame(result, edits);
    if (highest >= video.frameCount) {
      throw new ApiError(
        ERROR_CODES.invalidArgument,
        `Project file ${file} does not fit ${path.basename(video.path)}: it refers to frame ${highest}, but the video has ${video.frameCount} frames (0–${video.frameCount - 1}). It belongs to another video or is damaged; it was left as it is.`,
      );
    }
  }
}
