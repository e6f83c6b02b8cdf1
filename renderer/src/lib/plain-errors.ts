/** What the back end's and the system's error codes mean, for people. */
const PLAIN_CODES: Record<string, string> = {
  ENOENT: 'it does not exist',
  ENOTDIR: 'that is a file, not a folder',
  EISDIR: 'that is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'the system does not allow it',
  ENOSPC: 'the disk is full',
  EROFS: 'the disk is read-only',
  EEXIST: 'it already exists',
  EBUSY: 'it is in use',
  EMFILE: 'too many files are open',
  ENOTFOUND: 'the server name could not be looked up (is this machine offline?)',
  EAI_AGAIN: 'the server name could not be looked up (is this machine offline?)',
  ECONNREFUSED: 'the server refused the connection',
  ECONNRESET: 'the connection was cut',
  ETIMEDOUT: 'the server did not answer in time',
  ENETUNREACH: 'the network is unreachable (is this machine offline?)',
  DOWNLOAD_NETWORK: 'the download could not reach the server (is this machine offline?)',
  UNAVAILABLE: 'Posetrail is not reachable: is its server still running?',
  UNAUTHORIZED:
    'this page has no valid access token: open the full address the Posetrail server printed when it started',
  CANCELLED: 'it was cancelled',
  NOT_FOUND: 'it no longer exists',
};

/** A leading code such as `ENOTDIR: ` or `INVALID_ARGUMENT: ` that carries no meaning for a reader. */
const LEADING_CODE = /^([A-Z][A-Z0-9_]{2,}):\s*/;
/** A system error code inside a message: `(ENOTFOUND)`, `code EACCES`, `ECONNREFUSED 127.0.0.1:9`. */
const EMBEDDED_ERRNO = /\s*\((E[A-Z_]{3,})\)|\b(?:code )?(E[A-Z_]{3,})\b(?: [\d.:[\]a-f]+)?/g;
/** ffmpeg's and ffprobe's own lines, which older messages (and stored batch reports) carry in parentheses. */
const TOOL_LINES = /\s*\((?:ffprobe|ffmpeg): [^()]*(?:\([^()]*\)[^()]*)*\)/g;
/** ffprobe's own wording outside those parentheses (a message passed on bare), in words. */
const TOOL_WORDS: [RegExp, string][] = [
  [/\[(?:mov|mp4|h264|hevc|vp9|matroska)[^\]]*\]\s*/g, ''],
  [/moov atom not found/gi, 'the file is incomplete: the index of its data is missing'],
  [/Format [^ ]+ detected only with low score of \d+, misdetection possible!?/gi, 'this is not a video file'],
  [/Invalid data found when processing input/gi, 'the data is not a video'],
];
/** Command lines meant for a terminal; the app has its own way to do each. */
const CLI_COMMANDS: [RegExp, string][] = [
  [/import a copy with `posetrail models import[^`]*`/g, 'import a copy under Settings → Models'],
  [/ \(`--reid-model [^`]*`\)/g, ' (in the Track dialog)'],
  [/(?:run )?`posetrail models import[^`]*`/g, 'import it under Settings → Models'],
  [/(?:run )?`posetrail models download[^`]*`/g, 'download it under Settings → Models'],
  [/(?:run )?`(?:npx )?posetrail [^`]*`/g, 'use the Posetrail command line'],
  [/(?:run )?`npm run setup:gpu`/g, "install the CUDA provider (the README's GPU section says how)"],
];

/** Text meant for the command line too (model descriptions), without its terminal commands. */
export function plainWords(text: string): string {
  return withoutMachineText(text);
}

function withoutMachineText(text: string): string {
  let out = text.replace(TOOL_LINES, '');
  for (const [pattern, words] of [...TOOL_WORDS, ...CLI_COMMANDS]) out = out.replace(pattern, words);
  return out.replace(EMBEDDED_ERRNO, (match, inParens?: string, bare?: string) => {
    const words = PLAIN_CODES[inParens ?? bare ?? ''];
    if (inParens) return words && !out.includes(words) ? `: ${words}` : '';
    return words ?? match;
  });
}

/**
 * The message in words: a message that starts with a code loses it (the message says the rest), a
 * code inside it becomes what it means, ffmpeg's own lines and terminal commands are left out, and
 * an empty or code-only message is replaced by what the code means.
 */
export function plainError(code: unknown, message: string): string {
  let text = message.trim();
  let leading: string | null = null;
  for (let m = LEADING_CODE.exec(text); m; m = LEADING_CODE.exec(text)) {
    leading = m[1];
    text = text.slice(m[0].length);
  }
  const known = (typeof code === 'string' && PLAIN_CODES[code]) || (leading && PLAIN_CODES[leading]) || null;
  // Node's own system messages ("not a directory, scandir '/x'") read better as our words.
  const nodeSyscall = /^[a-z ,]+, [a-z]+ '(.+)'$/.exec(text);
  if (known && nodeSyscall) return `${nodeSyscall[1]}: ${known}.`;
  if (!text) return known ? `${known[0].toUpperCase()}${known.slice(1)}.` : 'Something went wrong.';
  return withoutMachineText(text);
}

/**
 * Readable cause of any thrown value, in plain words: an Error, an error that crossed the API as
 * data, or a bare string, each through `plainError` (codes such as ENOTDIR are translated, never
 * shown bare).
 */
export function describeError(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error)
    return plainError((error as { code?: unknown }).code, String((error as { message: unknown }).message));
  return plainError(undefined, String(error));
}
