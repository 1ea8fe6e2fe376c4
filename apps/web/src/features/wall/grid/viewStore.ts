import { create } from 'zustand';
import { browserStorage } from '../../../lib/namedList';

/** What the command screen shows: the map, the map beside the wall, or the wall alone. */
export type ScreenView = 'map' | 'split' | 'wall';

const VIEW_KEY = 'onpatrol.view';
const SPLIT_KEY = 'onpatrol.split';
export const SPLIT_MIN = 0.25;
export const SPLIT_MAX = 0.75;

const clampSplit = (x: number) => (Number.isFinite(x) ? Math.min(SPLIT_MAX, Math.max(SPLIT_MIN, x)) : 0.4);

function savedView(): ScreenView {
  const v = browserStorage()?.getItem(VIEW_KEY);
  return v === 'split' || v === 'wall' ? v : 'map';
}

interface ViewState {
  view: ScreenView;
  /** Share of the width the map takes in the split view. */
  split: number;
  setView: (view: ScreenView) => void;
  setSplit: (share: number) => void;
}

/** The screen's view, remembered on this computer (a duty desk keeps its arrangement). */
export const useView = create<ViewState>()((set) => ({
  view: savedView(),
  split: clampSplit(Number(browserStorage()?.getItem(SPLIT_KEY) ?? 0.4)),
  setView: (view) => {
    browserStorage()?.setItem(VIEW_KEY, view);
    set({ view });
  },
  setSplit: (share) => {
    const split = clampSplit(share);
    browserStorage()?.setItem(SPLIT_KEY, String(split));
    set({ split });
  },
}));

/** Make sure the wall can be seen (choosing a camera from the full map opens the split view). */
export function revealWall(): void {
  const { view, setView } = useView.getState();
  if (view === 'map') setView('split');
}
