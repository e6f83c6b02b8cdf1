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
  DOWNLOAD_NETWORK: 'the download could not reach the server (is this machine offline?)',
  UNAVAILABLE: 'Posetrail is not reachable: is `posetrail serve` still running?',
  UNAUTHORIZED: 'this page has no valid access token: open the address `posetrail serve` printed',
  CANCELLED: 'it was cancelled',
  NOT_FOUND: 'it no longer exists',
};

/** A leading code such as `ENOTDIR: ` or `INVALID_ARGUMENT: ` that carries no meaning for a reader. */
const LEADING_CODE = /^([A-Z][A-Z0-9_]{2,}):\s*/;

/**
 * The message without bare codes: a message that starts with a code loses it (the message says the
 * rest), and an empty or code-only message is replaced by what the code means.
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
  return text;
}
