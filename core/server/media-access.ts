import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * The allow-list of local files the UI may stream: only what the user opened through the API
 * (video.open). Paths are canonicalised with realpath on both sides, so `..`, symlinks and
 * case tricks cannot reach a file that was not opened.
 */
export class MediaAccess {
  private readonly allowed = new Set<string>();

  /** Adds a file and returns its canonical path. */
  async allow(filePath: string): Promise<string> {
    const real = await fs.realpath(path.resolve(filePath));
    this.allowed.add(real);
    return real;
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
}
