import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * The allow-list of local files the UI may stream: only what the user opened through the API
 * (video.open). Paths are canonicalised with realpath on both sides, so `..`, symlinks and
 * case tricks cannot reach a file that was not opened. Each opened file has its own key (an HMAC
 * of its canonical path under a per-process secret), so a media URL grants that one file and
 * never carries the host's access token.
 */
export class MediaAccess {
  private readonly allowed = new Set<string>();
  private readonly secret = randomBytes(32);

  /** Adds a file and returns its canonical path. */
  async allow(filePath: string): Promise<string> {
    const real = await fs.realpath(path.resolve(filePath));
    this.allowed.add(real);
    return real;
  }

  /** The key a media URL for this canonical path carries. */
  keyFor(realPath: string): string {
    return createHmac('sha256', this.secret).update(realPath).digest('base64url');
  }

  /** The canonical path when the file was opened, otherwise null. */
  async resolve(requested: string): Promise<string | null> {
    if (!requested || requested.includes('\0')) return null;
    let real: string;
    try {
      real = await fs.realpath(path.resolve(requested));
    } catch {
      return null;
    }
    return this.allowed.has(real) ? real : null;
  }

  /** Like resolve, and only when `key` is the file's own key. */
  async resolveWithKey(requested: string, key: string | null): Promise<string | null> {
    const real = await this.resolve(requested);
    if (!real || !key) return null;
    const expected = Buffer.from(this.keyFor(real));
    const given = Buffer.from(key);
    return expected.length === given.length && timingSafeEqual(expected, given) ? real : null;
  }
}
