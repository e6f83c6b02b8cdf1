/** Renderer-wide tunables in one place, units in the names. */

/** rVFC media times and probed frame times can differ by float rounding; within this they match. */
export const FRAME_TIME_TOLERANCE_MS = 1;
/** Shift+←/→ jump. */
export const JUMP_MS = 1000;
/** Zoom limits of the player view, relative to "fit to window". */
export const PLAYER_MIN_ZOOM = 1;
export const PLAYER_MAX_ZOOM = 12;
/** Each wheel notch multiplies the zoom by this. */
export const WHEEL_ZOOM_STEP = 1.15;
/** Keypoint dot radius and limb width on screen, in CSS pixels at any zoom. */
export const KEYPOINT_RADIUS_PX = 3.5;
export const LIMB_WIDTH_PX = 2.5;
export const BOX_WIDTH_PX = 1.5;
/** Extra width for the selected track so it stands out. */
export const SELECTED_WIDTH_FACTOR = 1.8;
/** Timeline lane geometry in CSS pixels. */
export const TIMELINE_LABEL_DEFAULT_WIDTH_PX = 132;
export const TIMELINE_LANE_HEIGHT_PX = 18;
/** Height of the timeline's scrolling lane area: default, and the limits of dragging its edge. */
export const TIMELINE_DEFAULT_HEIGHT_PX = 200;
export const TIMELINE_MIN_HEIGHT_PX = 90;
export const TIMELINE_MAX_HEIGHT_FRACTION = 0.7;
export const TIMELINE_COUNT_ROW_HEIGHT_PX = 22;
export const TIMELINE_RULER_HEIGHT_PX = 18;
/** Fewest frames the timeline shows when zoomed in all the way. */
export const TIMELINE_MIN_VISIBLE_FRAMES = 30;
/** Toasts disappear after this unless they are errors. */
export const TOAST_TIMEOUT_MS = 5000;
/** Notices shown at once in the strip under the top bar. */
export const MAX_TOASTS_SHOWN = 3;
/** How many recent files the start screen shows. */
export const RECENT_FILES_SHOWN = 8;
/** Review sidebar width: default and the limits of dragging its left edge. */
export const SIDEBAR_DEFAULT_WIDTH_PX = 360;
export const SIDEBAR_MIN_WIDTH_PX = 320;
export const SIDEBAR_MAX_WIDTH_PX = 640;
/** Height of a sidebar section's scrolling body: the limits of dragging its bottom edge. */
export const SIDE_SECTION_MIN_BODY_PX = 48;
export const SIDE_SECTION_MAX_BODY_PX = 600;
/** Rows of the track list that always stay in view, whatever the other sections take. */
export const TRACK_ROWS_ALWAYS_SHOWN = 5;
export const TRACK_ROW_HEIGHT_PX = 28;
/** Width of the timeline's label column: default, and the limits of dragging its edge. */
export const TIMELINE_LABEL_MIN_WIDTH_PX = 90;
export const TIMELINE_LABEL_MAX_WIDTH_PX = 420;
