import type { Layout, Slots } from '../grid/layout';

/** An online-patrol plan: cameras in order, each page shown for `dwellSec` seconds. */
export interface Tour {
  name: string;
  cameraIds: string[];
  dwellSec: number;
}

export const MIN_DWELL_SEC = 5;
export const MAX_DWELL_SEC = 3600;

/** Dwell clamped to what a wall can show meaningfully (a page must load before it moves on). */
export function clampDwell(sec: number): number {
  return Number.isFinite(sec) ? Math.min(MAX_DWELL_SEC, Math.max(MIN_DWELL_SEC, Math.round(sec))) : 30;
}

/** The cameras that rotate: the tour's, minus those already held by a pinned tile (no duplicates). */
export function rotation(tour: Tour, slots: Slots, pinned: ReadonlySet<number>, layout: Layout): string[] {
  const held = new Set<string>();
  for (const i of pinned) {
    const id = i < layout ? slots[i] : null;
    if (id) held.add(id);
  }
  return tour.cameraIds.filter((id) => !held.has(id));
}

/** How many tiles rotate: the visible ones that are not pinned. */
export function pageSize(layout: Layout, pinned: ReadonlySet<number>): number {
  let n = 0;
  for (let i = 0; i < layout; i++) if (!pinned.has(i)) n++;
  return n;
}

export function pageCount(cameras: number, size: number): number {
  return size === 0 ? 0 : Math.ceil(cameras / size);
}

/**
 * The wall's slots for one page: pinned tiles keep their camera, the others take the page's
 * cameras in order (the last page may leave tiles empty); hidden slots stay as they were.
 */
export function pageSlots(
  slots: Slots,
  layout: Layout,
  cameras: readonly string[],
  page: number,
  pinned: ReadonlySet<number>,
): Array<string | null> {
  const next = [...slots];
  const size = pageSize(layout, pinned);
  let k = page * size;
  for (let i = 0; i < layout; i++) {
    if (pinned.has(i)) continue;
    next[i] = cameras[k] ?? null;
    k++;
  }
  return next;
}
