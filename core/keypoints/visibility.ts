/**
 * A keypoint counts as seen at this score and above: it is drawn, smoothed, measured (angles,
 * speeds, plots), checked by the problem list, and by default compared in tracking. One value, so
 * what the overlay shows is what the numbers use.
 */
export const MIN_VISIBLE_KEYPOINT_SCORE = 0.3;
