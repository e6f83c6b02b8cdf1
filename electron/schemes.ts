/**
 * Custom protocols of the desktop app. The renderer is served from `posetrail-app://app/` (a
 * standard, secure origin instead of file://, so the CSP and same-origin rules apply), and opened
 * videos stream from `posetrail-media://media/?path=…` — only files opened through the API.
 */
export const APP_SCHEME = 'posetrail-app';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const MEDIA_SCHEME = 'posetrail-media';
export const MEDIA_ORIGIN = `${MEDIA_SCHEME}://media`;

export const PRIVILEGED_SCHEMES = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  // stream: true lets <video> read ranges progressively instead of buffering the whole file.
  { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
];

export function mediaProtocolUrl(filePath: string): string {
  return `${MEDIA_ORIGIN}/?${new URLSearchParams({ path: filePath }).toString()}`;
}

/** Only pages of our own renderer may call the API. */
export function isTrustedRendererUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    // URL.origin is "null" for schemes Node does not know, so compare scheme and host.
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'app';
  } catch {
    return false;
  }
}
