import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface DiscoverOptions {
  recursive: boolean;
  /** Extensions without the dot, matched case-insensitively. */
  extensions: readonly string[];
  /** Folders not to descend into (the batch's own output folder when it lies inside the input). */
  excludeDirs?: readonly string[];
}

/**
 * The videos of a batch: files in `folder` (and its sub-folders when recursive) whose extension is
 * listed, as absolute paths sorted by their path relative to `folder` (code-point order, so the
 * order is the same on every machine). Hidden files and folders are skipped.
 */
export async function discoverVideos(folder: string, options: DiscoverOptions): Promise<string[]> {
  const root = path.resolve(folder);
  const stat = await fs.stat(root).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`Batch folder ${root} cannot be read (${error.code ?? error.message}).`);
  });
  if (!stat.isDirectory()) throw new Error(`Batch input ${root} is not a folder.`);
  const extensions = new Set(options.extensions.map((ext) => ext.replace(/^\./, '').toLowerCase()));
  const excluded = new Set((options.excludeDirs ?? []).map((dir) => path.resolve(dir)));
  const found: string[] = [];
  const visit = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (options.recursive && !excluded.has(full)) await visit(full);
      } else if (
        (entry.isFile() || entry.isSymbolicLink()) &&
        extensions.has(path.extname(entry.name).slice(1).toLowerCase())
      ) {
        found.push(full);
      }
    }
  };
  await visit(root);
  const key = (file: string) => path.relative(root, file).split(path.sep).join('/');
  return found.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
