import { create } from 'zustand';
import type { PlayerMode } from '../live/playerProps';
import { emptySlots, type Layout, putCamera, slotsFrom, swapSlots, targetSlot } from './layout';

interface WallState {
  layout: Layout;
  /** Camera of every slot (MAX_TILES of them; the layout shows the first `layout`). */
  slots: Array<string | null>;
  /** The tile the next chosen camera goes to (cleared once used). */
  selected: number | null;
  /** Round-robin slot to overwrite when the wall is full and nothing is selected. */
  cursor: number;
  /** The tile shown alone on the main stream (double-click), or null for the grid. */
  focus: number | null;
  /** Player of a single view: hls.js, or mpegts.js WS-FLV for lower latency. */
  mode: PlayerMode;
  /** Tiles a running tour must not change. */
  pinned: ReadonlySet<number>;
  /**
   * Name of the tour cycling the unpinned tiles, or null. Set by the tour: a camera placed by hand
   * meanwhile is pinned, or the next page would take it away, and the patrol log names the tour.
   */
  rotation: string | null;
  setLayout: (layout: Layout) => void;
  put: (index: number, cameraId: string | null) => void;
  /** Place a camera chosen elsewhere (panel, search): returns the tile it went to. */
  choose: (cameraId: string) => number;
  swap: (a: number, b: number) => void;
  select: (index: number | null) => void;
  setFocus: (index: number | null, mode?: PlayerMode) => void;
  togglePin: (index: number) => void;
  setSlots: (slots: Array<string | null>) => void;
  setRotation: (name: string | null) => void;
  load: (layout: Layout, cameras: ReadonlyArray<string | null>) => void;
  reset: () => void;
}

const initial = {
  layout: 9 as Layout,
  slots: emptySlots(),
  selected: null,
  cursor: 0,
  focus: null,
  mode: 'hls' as PlayerMode,
  pinned: new Set<number>(),
  rotation: null as string | null,
};

/** Which camera each wall tile shows, and how the wall is laid out. */
export const useWall = create<WallState>()((set, get) => ({
  ...initial,
  setLayout: (layout) =>
    set((s) => ({
      layout,
      focus: s.focus !== null && s.focus < layout ? s.focus : null,
      selected: s.selected !== null && s.selected < layout ? s.selected : null,
    })),
  put: (index, cameraId) => {
    if (cameraId !== null) performance.mark(`tile:assign:${index}`);
    set((s) => ({ slots: putCamera(s.slots, index, cameraId) }));
  },
  choose: (cameraId) => {
    const s = get();
    const already = s.slots.indexOf(cameraId);
    if (already >= 0 && already < s.layout) return already;
    const index = targetSlot(s.slots, s.layout, s.selected, s.cursor);
    const usedCursor = s.selected === null && s.slots.slice(0, s.layout).every(Boolean);
    s.put(index, cameraId);
    set({ selected: null, cursor: usedCursor ? s.cursor + 1 : s.cursor });
    return index;
  },
  swap: (a, b) => set((s) => ({ slots: swapSlots(s.slots, a, b) })),
  select: (index) => set((s) => ({ selected: index === s.selected ? null : index })),
  setFocus: (index, mode) => set((s) => ({ focus: index, mode: mode ?? s.mode })),
  togglePin: (index) =>
    set((s) => {
      const pinned = new Set(s.pinned);
      if (!pinned.delete(index)) pinned.add(index);
      return { pinned };
    }),
  setSlots: (slots) => set({ slots }),
  setRotation: (rotation) => set({ rotation }),
  load: (layout, cameras) => set({ layout, slots: slotsFrom(cameras), focus: null, selected: null }),
  reset: () => set({ ...initial, slots: emptySlots(), pinned: new Set() }),
}));
