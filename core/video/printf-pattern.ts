/**
 * printf-style frame patterns as ffmpeg's image2 demuxer understands them: exactly one `%d`,
 * `%0Nd` or `%Nd` for the frame number, and `%%` for a literal percent sign.
 */

export interface FramePattern {
  /** Formats a frame number the way the pattern does. */
  format(frameNumber: number): string;
  /** The frame number a file name stands for, or undefined when the name does not fit the pattern. */
  match(fileName: string): number | undefined;
}

const PLACEHOLDER = /%(0?)(\d*)d|%%/g;

/** True when `text` contains a frame-number placeholder. */
export function isFramePattern(text: string): boolean {
  return [...text.matchAll(PLACEHOLDER)].some((match) => match[0] !== '%%');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Parses a pattern for file names (no folders), e.g. `frame_%06d.jpg`. Throws when it is ambiguous. */
export function parseFramePattern(pattern: string): FramePattern {
  const literals: string[] = [];
  let padding: { zero: boolean; width: number } | undefined;
  let last = 0;
  let literal = '';
  for (const match of pattern.matchAll(PLACEHOLDER)) {
    literal += pattern.slice(last, match.index);
    last = match.index! + match[0].length;
    if (match[0] === '%%') {
      literal += '%';
      continue;
    }
    if (padding) throw new Error(`Frame pattern ${pattern} has more than one frame-number placeholder`);
    padding = { zero: match[1] === '0', width: Number(match[2] || 0) };
    literals.push(literal);
    literal = '';
  }
  literals.push(literal + pattern.slice(last));
  if (!padding) throw new Error(`Frame pattern ${pattern} has no frame-number placeholder such as %06d`);
  const { zero, width } = padding;
  const [prefix, suffix] = literals;
  const format = (frameNumber: number) => prefix + String(frameNumber).padStart(width, zero ? '0' : ' ') + suffix;
  const regex = new RegExp(`^${escapeRegExp(prefix)} *(\\d+)${escapeRegExp(suffix)}$`);
  return {
    format,
    match(fileName) {
      const found = regex.exec(fileName);
      if (!found) return undefined;
      const frameNumber = Number(found[1]);
      // "%06d" must not also accept "12.jpg": the name has to be exactly what the pattern prints.
      return format(frameNumber) === fileName ? frameNumber : undefined;
    },
  };
}
