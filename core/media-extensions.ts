/**
 * The media files Posetrail reads, defined once by extension: the file browser, the open dialog,
 * the frame-folder reader, the `pose` command, batch discovery and the hosts' content types all
 * derive from this table. No imports: the contract, the renderer and the hosts all read it.
 */
interface MediaSpec {
  /** 'video': decoded by ffmpeg as a stream; 'frame': a still image, alone or one of a frame folder. */
  kind: 'video' | 'frame';
  /** The HTTP Content-Type the web host and Electron's media protocol serve it with. */
  contentType: string;
  /** Chromium plays the container natively (the codec is checked separately). */
  browserPlayable: boolean;
  /** Batch mode looks for it unless told otherwise. */
  batchDefault: boolean;
}

const video = (contentType: string, browserPlayable = false, batchDefault = false): MediaSpec => ({
  kind: 'video',
  contentType,
  browserPlayable,
  batchDefault,
});
const frame = (contentType: string): MediaSpec => ({
  kind: 'frame',
  contentType,
  browserPlayable: false,
  batchDefault: false,
});

const MEDIA_TABLE: Readonly<Record<string, MediaSpec>> = {
  '.mp4': video('video/mp4', true, true),
  '.m4v': video('video/mp4', true),
  '.mov': video('video/quicktime', true, true),
  '.avi': video('video/x-msvideo', false, true),
  '.mkv': video('video/x-matroska', false, true),
  '.webm': video('video/webm', true, true),
  '.mpg': video('video/mpeg'),
  '.mpeg': video('video/mpeg'),
  '.wmv': video('video/x-ms-wmv'),
  '.flv': video('video/x-flv'),
  '.ogv': video('video/ogg', true),
  '.3gp': video('video/3gpp'),
  '.ts': video('video/mp2t'),
  '.mts': video('video/mp2t'),
  // Frames: one decoder reads a whole folder, so only the formats it reads (JPEG, PNG) are listed.
  '.jpg': frame('image/jpeg'),
  '.jpeg': frame('image/jpeg'),
  '.png': frame('image/png'),
};

const extensionsWhere = (test: (spec: MediaSpec) => boolean): readonly string[] =>
  Object.freeze(Object.keys(MEDIA_TABLE).filter((extension) => test(MEDIA_TABLE[extension])));

/** Video extensions, with the dot, lower case. */
export const VIDEO_EXTENSIONS = extensionsWhere((spec) => spec.kind === 'video');
/** Still-image extensions a frame folder, a frame pattern or a single-image input may use. */
export const FRAME_EXTENSIONS = extensionsWhere((spec) => spec.kind === 'frame');
/** The extensions batch mode looks for by default, without the dot (as `--ext` takes them). */
export const BATCH_VIDEO_EXTENSIONS = extensionsWhere((spec) => spec.batchDefault).map((extension) =>
  extension.slice(1),
);

/** The lower-case extension of a path or file name, with the dot ('' when it has none). */
export function mediaExtension(file: string): string {
  const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

export function isVideoFile(file: string): boolean {
  return MEDIA_TABLE[mediaExtension(file)]?.kind === 'video';
}

export function isFrameFile(file: string): boolean {
  return MEDIA_TABLE[mediaExtension(file)]?.kind === 'frame';
}

/** The image family of a frame file, for the decoder that reads a folder of them. */
export function frameFamily(file: string): 'jpeg' | 'png' {
  return mediaExtension(file) === '.png' ? 'png' : 'jpeg';
}

export function isBrowserPlayableContainer(file: string): boolean {
  return MEDIA_TABLE[mediaExtension(file)]?.browserPlayable === true;
}

/** Content types of the media files by extension, for the hosts' tables. */
export const MEDIA_CONTENT_TYPES: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(Object.entries(MEDIA_TABLE).map(([extension, spec]) => [extension, spec.contentType])),
);
