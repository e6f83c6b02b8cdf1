/** The name the back end gives tracks nobody named (core/project/project-state.ts). */
const DEFAULT_NAME = /^Track \d+$/;

/** One naming style for tracks everywhere: `Woman (#1)`, or `#1` for a track nobody named. */
export function trackLabel(trackId: number, name: string | undefined): string {
  const given = name?.trim() ?? '';
  return given && !DEFAULT_NAME.test(given) ? `${given} (#${trackId})` : `#${trackId}`;
}

/** The name the user gave, or '' for a track nobody named. */
export function givenName(name: string | undefined): string {
  const given = name?.trim() ?? '';
  return DEFAULT_NAME.test(given) ? '' : given;
}
