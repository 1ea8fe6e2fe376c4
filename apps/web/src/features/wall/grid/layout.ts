import { MAX_WALL_TILES, type StreamKind, WALL_LAYOUTS } from '@onpatrol/contracts';

/** The wall's layouts: square grids of 1, 4, 9, 16 and 25 tiles (the gateway stores the same). */
export const LAYOUTS = WALL_LAYOUTS;
export type Layout = (typeof LAYOUTS)[number];
/** Slots the wall keeps, whatever the layout: a smaller layout hides the rest without forgetting them. */
export const MAX_TILES = MAX_WALL_TILES;

export function isLayout(n: number): n is Layout {
  return (LAYOUTS as readonly number[]).includes(n);
}

/** Columns and rows of a layout (all layouts are square). */
export function gridOf(layout: Layout): { cols: number; rows: number } {
  const side = Math.round(Math.sqrt(layout));
  return { cols: side, rows: side };
}

/**
 * Tiles play the sub stream (640×360 is plenty for a 1/9 tile and saves the gateway's pulls); a
 * single view (layout 1 or a focused tile) is large enough to deserve the main stream.
 */
export function streamFor(layout: Layout, focused: boolean): StreamKind {
  return layout === 1 || focused ? 'main' : 'sub';
}

export type Slots = ReadonlyArray<string | null>;

/** The slot a chosen camera goes to: the selected tile, else the first empty one, else the round-robin cursor. */
export function targetSlot(slots: Slots, layout: Layout, selected: number | null, cursor: number): number {
  if (selected !== null && selected < layout) return selected;
  for (let i = 0; i < layout; i++) if (!slots[i]) return i;
  return ((cursor % layout) + layout) % layout;
}

/** Put a camera into a slot; the camera leaves any other slot (one camera, one tile). */
export function putCamera(slots: Slots, index: number, cameraId: string | null): Array<string | null> {
  const next = slots.map((id) => (cameraId !== null && id === cameraId ? null : id));
  next[index] = cameraId;
  return next;
}

/** Exchange two slots (dragging one tile onto another). */
export function swapSlots(slots: Slots, a: number, b: number): Array<string | null> {
  const next = [...slots];
  next[a] = slots[b] ?? null;
  next[b] = slots[a] ?? null;
  return next;
}

/** An empty set of slots. */
export const emptySlots = (): Array<string | null> => Array.from({ length: MAX_TILES }, () => null);

/** Slots from a saved or built list, padded or cut to MAX_TILES. */
export function slotsFrom(ids: ReadonlyArray<string | null>): Array<string | null> {
  return emptySlots().map((_, i) => ids[i] ?? null);
}
