/**
 * Text no message shown to a person may contain: system error codes, ffmpeg's and ffprobe's own
 * wording, and terminal commands. Shared by the unit test over the error-to-words mapping and the
 * e2e checks of what the app shows.
 */
export const MACHINE_TEXT: readonly RegExp[] = [
  /\bE(NOENT|NOTDIR|ISDIR|ACCES|PERM|NOSPC|ROFS|EXIST|BUSY|MFILE|NOTFOUND|AI_AGAIN|CONNREFUSED|CONNRESET|TIMEDOUT|NETUNREACH|HOSTUNREACH|PIPE)\b/,
  /moov atom|misdetection possible|Invalid data found when processing input|detected only with low score|Packet corrupt|partial file/i,
  /\((ffprobe|ffmpeg): /,
  /\[(mov|mp4|h264|hevc|vp9|matroska)[^\]]*\]/,
  /`[^`]*posetrail [a-z]/,
];

/** The machine text found in `text` (empty when it reads as words). */
export function machineTextIn(text: string): string[] {
  return MACHINE_TEXT.flatMap((pattern) => text.match(pattern)?.[0] ?? []);
}
