import {
  SIDE_SECTION_MAX_BODY_PX,
  SIDE_SECTION_MIN_BODY_PX,
  SIDEBAR_MAX_WIDTH_PX,
  SIDEBAR_MIN_WIDTH_PX,
  SIDEBAR_DEFAULT_WIDTH_PX,
} from './constants';

/**
 * Layout of the review sidebar, kept across sessions: which sections are open, the height of each
 * section's scrolling body, and the sidebar's width. The track list is not in here: it takes what
 * the others leave and never less than its minimum (see TracksPanel).
 */
export interface SectionLayout {
  open: boolean;
  bodyPx: number;
}

const KEY = 'posetrail.sidebar';

interface Stored {
  widthPx: number;
  sections: Record<string, SectionLayout>;
}

function load(): Stored {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Stored | null;
    if (value && typeof value.widthPx === 'number' && value.sections && typeof value.sections === 'object')
      return value;
  } catch {
    // storage disabled or garbled: start from the defaults
  }
  return { widthPx: SIDEBAR_DEFAULT_WIDTH_PX, sections: {} };
}

export const sidebar = $state<Stored>(load());

function save(): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(sidebar));
  } catch {
    // storage disabled: the layout lasts until the page reloads
  }
}

const clamp = (v: number, lo: number, hi: number) => Math.round(Math.min(Math.max(v, lo), hi));

export function sectionLayout(id: string, defaultBodyPx: number): SectionLayout {
  return sidebar.sections[id] ?? { open: true, bodyPx: defaultBodyPx };
}

export function setSection(id: string, defaultBodyPx: number, patch: Partial<SectionLayout>): void {
  const next = { ...sectionLayout(id, defaultBodyPx), ...patch };
  next.bodyPx = clamp(next.bodyPx, SIDE_SECTION_MIN_BODY_PX, SIDE_SECTION_MAX_BODY_PX);
  sidebar.sections[id] = next;
  save();
}

export function setSidebarWidth(px: number): void {
  sidebar.widthPx = clamp(px, SIDEBAR_MIN_WIDTH_PX, Math.min(SIDEBAR_MAX_WIDTH_PX, window.innerWidth * 0.5));
  save();
}
