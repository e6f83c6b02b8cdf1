/** One naming style for tracks in the app and the overlay video (core/render/track-label.ts). */
export { givenName, trackLabel } from '../../../core/render/track-label';
