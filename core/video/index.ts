/**
 * core/video: everything about reading and writing pixels. Inputs are video files, image folders,
 * printf frame patterns and single images; all are described by a VideoInfo (probeVideo) and read
 * as a stream of RGB frames (readFrames). ffmpeg/ffprobe do the work in child processes.
 */
export { probeVideo, type ProbeOptions } from './probe';
export { readFrames, type ReadFramesOptions } from './frames';
export { frameTimeMs, frameIndexAtMs } from './timestamps';
export { createVideoWriter, type VideoWriter, type VideoWriterOptions } from './writer';
export { writeImage, encodeJpeg, DEFAULT_JPEG_QUALITY } from './image';
export { VideoError, isVideoError, type VideoErrorCode } from './errors';
export { resolveTool, liveToolPids, type ResolvedTool, type Tool } from './ffmpeg';
export { DEFAULT_SEQUENCE_FPS } from './sequence';
export { parseRational, rationalFromNumber, rationalToNumber } from './rational';
