import type { PoseApi } from '../../../core/api/pose-api';
import { createWebClient, readAccessToken } from '../../../core/api/web-client';

export { takeLaunchOpenPath } from '../../../core/api/web-client';

/**
 * The back end this window talks to: Electron's preload exposes `window.posetrail`; under
 * `posetrail serve` the page builds the same API over HTTP/WebSocket with the URL's token.
 */
export function resolveApi(): PoseApi {
  const injected = (window as unknown as { posetrail?: PoseApi }).posetrail;
  if (injected) return injected;
  const token = readAccessToken();
  if (!token) {
    throw new Error(
      'This page was opened without its access token. Open the full address the Posetrail server printed when it started (it ends in ?token=…).',
    );
  }
  return createWebClient({ token });
}
