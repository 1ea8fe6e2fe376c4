import type { Alarm } from '@onpatrol/contracts';
import { create } from 'zustand';
import { api } from '../../../api/client';
import { streamFor } from '../grid/layout';
import { revealWall } from '../grid/viewStore';
import { useWall } from '../grid/wallStore';
import type { Tour } from './tourPaging';
import { TourRunner, type TourView } from './tourRunner';

/** The alarm that paused a tour, for the banner. */
export interface TourAlarm {
  id: number;
  siteName: string;
  zone: string;
}

interface TourState extends TourView {
  banner: TourAlarm | null;
  start: (tour: Tour) => void;
  pause: () => void;
  resume: () => void;
  skip: () => void;
  stop: () => void;
  /** `alarm:raised`: a running tour stops cycling so the officer can look at the alarm. */
  onAlarm: (alarm: Alarm) => void;
  dismissBanner: () => void;
}

const runner = new TourRunner(
  {
    layout: () => useWall.getState().layout,
    slots: () => useWall.getState().slots,
    pinned: () => useWall.getState().pinned,
    setSlots: (slots) => useWall.getState().setSlots(slots),
    // Asking for the live URLs starts the pull; the tile joins it when the page flips.
    prewarm: (ids) => {
      const stream = streamFor(useWall.getState().layout, false);
      for (const id of ids) api.live(id, stream).catch(() => undefined);
    },
  },
  (view) => {
    useTour.setState(view);
    useWall.getState().setRotation(view.running ? (view.tour?.name ?? '') : null);
  },
);

/** The running tour (one per screen), driving the wall store. */
export const useTour = create<TourState>()((set) => ({
  ...runner.state(),
  banner: null,
  start: (tour) => {
    set({ banner: null });
    useWall.getState().setFocus(null);
    runner.start(tour);
    revealWall();
  },
  pause: () => runner.pause(),
  resume: () => {
    set({ banner: null });
    runner.resume();
  },
  skip: () => runner.skip(),
  stop: () => {
    set({ banner: null });
    runner.stop();
  },
  onAlarm: (alarm) => {
    const { running, paused } = runner.state();
    if (!running || paused) return;
    runner.pause();
    set({ banner: { id: alarm.id, siteName: alarm.siteName, zone: alarm.zone } });
  },
  dismissBanner: () => set({ banner: null }),
}));

// A new layout or a pin changes which tiles rotate: lay out the current page again at once.
useWall.subscribe((s, prev) => {
  if (s.layout !== prev.layout || s.pinned !== prev.pinned) runner.refresh();
});
