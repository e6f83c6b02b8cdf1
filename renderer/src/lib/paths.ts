/**
 * Path helpers for the browser side, where node:path is unavailable. They keep the separator the
 * path already uses, so Windows paths from the desktop app stay Windows paths.
 */

function separatorOf(p: string): '/' | '\\' {
  return p.includes('\\') && !p.includes('/') ? '\\' : '/';
}

export function basename(p: string): string {
  const parts = p.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? p;
}

export function dirname(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  if (i < 0) return '.';
  if (i === 0) return p[0];
  // Keep "C:\" as a root rather than "C:".
  if (i === 2 && p[1] === ':') return p.slice(0, 3);
  return p.slice(0, i);
}

export function joinPath(dir: string, name: string): string {
  const sep = separatorOf(dir);
  return dir.endsWith('/') || dir.endsWith('\\') ? `${dir}${name}` : `${dir}${sep}${name}`;
}

/** File name without its last extension. */
export function stem(p: string): string {
  const name = basename(p);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** The folder above `dir`, or null at a root. */
export function parentDir(dir: string): string | null {
  const trimmed = dir.length > 1 ? dir.replace(/[\\/]+$/, '') : dir;
  const parent = dirname(trimmed);
  return parent === trimmed || parent === '.' ? null : parent;
}
