/**
 * HTTP Range parsing for media playback (the web host and Electron's media protocol share it).
 * Browsers ask `bytes=START-` for seeking and `bytes=START-END` for probing; suffix ranges
 * (`bytes=-N`) read the tail. Only the first range of a multi-range request is honoured, which
 * is what media elements need and keeps responses single-part.
 */

export interface ByteRange {
  /** First byte, inclusive. */
  start: number;
  /** Last byte, inclusive (HTTP semantics). */
  end: number;
}

export type RangeResult = { kind: 'full' } | { kind: 'partial'; range: ByteRange } | { kind: 'unsatisfiable' };

export function parseRangeHeader(header: string | null | undefined, sizeBytes: number): RangeResult {
  if (!header) return { kind: 'full' };
  const match = /^\s*bytes\s*=\s*([^,]*)/i.exec(header);
  // A unit other than bytes, or garbage: RFC 9110 says ignore the header and send the whole file.
  if (!match) return { kind: 'full' };
  const spec = match[1].trim();
  const parts = /^(\d*)\s*-\s*(\d*)$/.exec(spec);
  if (!parts || (parts[1] === '' && parts[2] === '')) return { kind: 'full' };
  if (sizeBytes === 0) return { kind: 'unsatisfiable' };
  if (parts[1] === '') {
    const suffixBytes = Number(parts[2]);
    if (suffixBytes === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', range: { start: Math.max(0, sizeBytes - suffixBytes), end: sizeBytes - 1 } };
  }
  const start = Number(parts[1]);
  const end = parts[2] === '' ? sizeBytes - 1 : Math.min(Number(parts[2]), sizeBytes - 1);
  if (start >= sizeBytes || end < start) return { kind: 'unsatisfiable' };
  return { kind: 'partial', range: { start, end } };
}

export function contentRangeHeader(range: ByteRange, sizeBytes: number): string {
  return `bytes ${range.start}-${range.end}/${sizeBytes}`;
}
