/**
 * One naming style for tracks everywhere (the app's lists and overlay, the overlay video): the
 * given name with the id, `Woman (#1)`, or `#1` for a track nobody named. Pure: the renderer
 * bundles this file.
 */

/** The name a track has until someone names it. */
export function defaultTrackName(trackId: number): string {
  return `Track ${trackId}`;
}

const DEFAULT_NAME = /^Track \d+$/;

/** `Woman (#1)`, or `#1` for a track nobody named (no name, a blank one or the default one). */
export function trackLabel(trackId: number, name: string | undefined): string {
  const given = givenName(name);
  return given ? `${given} (#${trackId})` : `#${trackId}`;
}

/** The name the user gave, or '' for a track nobody named. */
export function givenName(name: string | undefined): string {
  const given = name?.trim() ?? '';
  return DEFAULT_NAME.test(given) ? '' : given;
}
