import path from 'node:path';

/** A prefix as the submitting machine writes paths, and the same folder as this worker sees it. */
export interface PathMapping {
  from: string;
  to: string;
}

/** `--path-map /mnt/lab=/data/lab`: both sides absolute. */
export function parsePathMapping(text: string): PathMapping {
  const at = text.indexOf('=');
  const from = text.slice(0, at).trim();
  const to = text.slice(at + 1).trim();
  if (at < 0 || !from || !to) throw new Error(`--path-map needs FROM=TO, such as /mnt/lab=/data/lab, got "${text}".`);
  for (const side of [from, to]) {
    if (!path.isAbsolute(side) && !/^[a-z]:[\\/]/i.test(side))
      throw new Error(`--path-map ${text}: "${side}" is not an absolute path.`);
  }
  return { from: stripTrailingSeparator(from), to: stripTrailingSeparator(to) };
}

/**
 * The path as this machine sees it: the first mapping whose `from` is the path or a parent folder
 * of it (whole path segments, so /mnt/lab does not match /mnt/lab2) replaces that prefix.
 */
export function mapPath(file: string, mappings: readonly PathMapping[]): string {
  for (const { from, to } of mappings) {
    if (file === from) return to;
    const separator = file.charAt(from.length);
    if (file.startsWith(from) && (separator === '/' || separator === '\\')) {
      const rest = file.slice(from.length + 1);
      const toSeparator = to.includes('\\') && !to.includes('/') ? '\\' : '/';
      return `${to}${toSeparator}${rest.split(/[\\/]/).join(toSeparator)}`;
    }
  }
  return file;
}

function stripTrailingSeparator(p: string): string {
  return p.length > 1 ? p.replace(/[\\/]+$/, '') : p;
}
