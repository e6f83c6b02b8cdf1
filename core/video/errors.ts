/**
 * The one error type of the video module. `code` lets callers (CLI, UI, batch) react to the cause
 * without parsing text; `path` is the file the problem is about; the message names both.
 */
export type VideoErrorCode =
  /** The input path does not exist. */
  | 'NOT_FOUND'
  /** A folder where a file was needed, or a folder with no image frames in it. */
  | 'IS_DIRECTORY'
  /** The path exists but cannot be read (permissions). */
  | 'UNREADABLE'
  /** A zero-byte file. */
  | 'EMPTY_FILE'
  /** The file's content is not a media format ffmpeg recognises (e.g. a text file named .mp4). */
  | 'NOT_A_VIDEO'
  /** The file ends before the data its header describes (an interrupted copy or recording). */
  | 'TRUNCATED'
  /** The file is recognised but its data cannot be read or decoded. */
  | 'CORRUPT'
  /** The file has streams, but no video stream (e.g. an audio-only file). */
  | 'NO_VIDEO_STREAM'
  /** The video codec cannot be decoded (or encoded) by the ffmpeg in use. */
  | 'UNSUPPORTED_CODEC'
  /** An image-sequence pattern or folder matched no frames, or an image could not be read. */
  | 'NO_FRAMES'
  /** ffmpeg or ffprobe could not be found or started. */
  | 'FFMPEG_MISSING'
  /** ffmpeg failed for another reason; its last stderr lines are in `toolOutput`. */
  | 'FFMPEG_FAILED'
  /** The operation was cancelled through its AbortSignal. */
  | 'CANCELLED'
  /** A caller passed an invalid option (frame range, stride, size, buffer length). */
  | 'INVALID_ARGUMENT'
  /** An output file could not be written. */
  | 'WRITE_FAILED'
  /** An output file could not be written because its disk is full. */
  | 'DISK_FULL';

export class VideoError extends Error {
  constructor(
    readonly code: VideoErrorCode,
    /** The input or output file (or folder / pattern) the error is about. */
    readonly path: string,
    message: string,
    options?: { cause?: unknown; toolOutput?: string },
  ) {
    super(message, options);
    this.name = 'VideoError';
    this.toolOutput = options?.toolOutput;
  }

  /**
   * The last lines ffmpeg or ffprobe printed, kept out of the message (which says the cause in
   * words) for whoever debugs it: `posetrail` prints them with POSETRAIL_DEBUG.
   */
  readonly toolOutput?: string;
}

export function isVideoError(error: unknown, code?: VideoErrorCode): error is VideoError {
  return error instanceof VideoError && (code === undefined || error.code === code);
}

/** The error every cancelled operation rejects with. */
export function cancelledError(path: string, what: string): VideoError {
  return new VideoError('CANCELLED', path, `${what} ${path} was cancelled.`);
}
