/**
 * Turns an ffprobe/ffmpeg failure into a VideoError with a specific cause. ffmpeg reports problems
 * only as log text, so this is where that text is interpreted — in one place, with tests. The
 * message says the cause in words (it is shown to people, in the app too); ffmpeg's own lines go
 * in `toolOutput`, never into the message.
 */
import { VideoError } from './errors';
import { stderrSummary } from './ffmpeg';

/** ffmpeg's messages for a container whose data stops early. */
const TRUNCATION_PATTERNS = [/moov atom not found/i, /partial file/i, /Packet corrupt/i, /truncat/i];

/** The demuxer could not recognise the content at all: it is not media. */
const NOT_MEDIA_PATTERNS = [/detected only with low score/i, /Invalid data found when processing input/i];

const UNSUPPORTED_PATTERNS = [/Unsupported codec/i, /Decoder \(codec [^)]*\) not found/i, /unknown codec/i];

export function looksTruncated(stderr: string): boolean {
  return TRUNCATION_PATTERNS.some((pattern) => pattern.test(stderr));
}

export function looksUnsupported(stderr: string): boolean {
  return UNSUPPORTED_PATTERNS.some((pattern) => pattern.test(stderr));
}

/** Classifies a failed `ffprobe -show_streams` run on `file` (which exists and is not empty). */
export function classifyProbeFailure(file: string, stderr: string): VideoError {
  const toolOutput = stderrSummary(stderr, 3, file) || undefined;
  // A recognised container with its index missing ("moov atom not found" without a low-score
  // guess) is an interrupted copy or recording, not a foreign file.
  if (looksTruncated(stderr) && !/detected only with low score/i.test(stderr)) {
    return new VideoError(
      'TRUNCATED',
      file,
      `${file} is truncated or incomplete: the data its header describes is missing (an interrupted copy or recording?).`,
      { toolOutput },
    );
  }
  if (NOT_MEDIA_PATTERNS.some((pattern) => pattern.test(stderr))) {
    return new VideoError('NOT_A_VIDEO', file, `${file} is not a video file ffmpeg recognises.`, { toolOutput });
  }
  if (looksUnsupported(stderr)) {
    return new VideoError('UNSUPPORTED_CODEC', file, `${file} uses a codec this ffmpeg cannot decode.`, { toolOutput });
  }
  if (/Permission denied/i.test(stderr)) {
    return new VideoError('UNREADABLE', file, `${file} cannot be read (permission denied).`, { toolOutput });
  }
  return new VideoError('CORRUPT', file, `${file} could not be read as a video: it may be damaged.`, { toolOutput });
}

/**
 * Classifies a decoding run that ended before delivering the expected frames. `delivered` and
 * `expected` are frame counts; the message says how far it got.
 */
export function classifyDecodeFailure(file: string, stderr: string, delivered: number, expected: number): VideoError {
  const toolOutput = stderrSummary(stderr, 3, file) || undefined;
  const progress = `after ${delivered} of ${expected} frames`;
  if (looksUnsupported(stderr)) {
    return new VideoError('UNSUPPORTED_CODEC', file, `${file} uses a codec this ffmpeg cannot decode.`, { toolOutput });
  }
  if (/No such file or directory/i.test(stderr)) {
    return new VideoError('NOT_FOUND', file, `${file} disappeared while it was being read, ${progress}.`, {
      toolOutput,
    });
  }
  if (looksTruncated(stderr)) {
    return new VideoError('TRUNCATED', file, `${file} ends early: decoding stopped ${progress}.`, { toolOutput });
  }
  const why = toolOutput ? 'the data there is damaged' : 'ffmpeg ended without saying why';
  return new VideoError('CORRUPT', file, `Decoding ${file} stopped ${progress}: ${why}.`, { toolOutput });
}
