import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptySlots, type Layout } from '../grid/layout';
import { clampDwell, pageSlots } from './tourPaging';
import { PREWARM_LEAD_MS, TourRunner, type TourWall } from './tourRunner';

const cams = (n: number) => Array.from({ length: n }, (_, i) => `c${i + 1}`);

function fakeWall(layout: Layout) {
  const w = { layout, slots: emptySlots(), pinned: new Set<number>() };
  const warmed: string[][] = [];
  const wall: TourWall = {
    layout: () => w.layout,
    slots: () => w.slots,
    pinned: () => w.pinned,
    setSlots: (s) => {
      w.slots = s;
    },
    prewarm: (ids) => void warmed.push(ids),
  };
  return { w, wall, warmed, shown: () => w.slots.slice(0, w.layout) };
}

describe('tour paging', () => {
  it('clamps the dwell time', () => {
    expect(clampDwell(1)).toBe(5);
    expect(clampDwell(12.4)).toBe(12);
    expect(clampDwell(Number.NaN)).toBe(30);
  });

  it('fills unpinned tiles in order and leaves the rest of the last page empty', () => {
    const slots = pageSlots(emptySlots(), 4, ['a', 'b', 'c', 'd', 'e'], 1, new Set());
    expect(slots.slice(0, 4)).toEqual(['e', null, null, null]);
  });
});

describe('tour runner', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows cameras 1-9, then 10-18 after the dwell, then wraps', () => {
    const { wall, shown } = fakeWall(9);
    const r = new TourRunner(wall);
    r.start({ name: 't', cameraIds: cams(20), dwellSec: 10 });
    expect(shown()).toEqual(cams(9));
    expect(r.state()).toMatchObject({ running: true, page: 0, pages: 3 });
    vi.advanceTimersByTime(9_999);
    expect(r.state().page).toBe(0);
    vi.advanceTimersByTime(1);
    expect(shown()).toEqual(cams(18).slice(9));
    vi.advanceTimersByTime(10_000);
    expect(shown()).toEqual(['c19', 'c20', null, null, null, null, null, null, null]);
    vi.advanceTimersByTime(10_000);
    expect(r.state().page).toBe(0);
    expect(shown()[0]).toBe('c1');
  });

  it('pauses, resumes with a full dwell, and skips on demand', () => {
    const { wall, shown } = fakeWall(4);
    const r = new TourRunner(wall);
    r.start({ name: 't', cameraIds: cams(12), dwellSec: 10 });
    vi.advanceTimersByTime(6_000);
    r.pause();
    vi.advanceTimersByTime(60_000);
    expect(r.state()).toMatchObject({ page: 0, paused: true, nextAtMs: null });
    r.resume();
    vi.advanceTimersByTime(9_000);
    expect(r.state().page).toBe(0);
    vi.advanceTimersByTime(1_000);
    expect(r.state().page).toBe(1);
    r.skip();
    expect(shown()).toEqual(['c9', 'c10', 'c11', 'c12']);
    r.pause();
    r.skip();
    expect(r.state()).toMatchObject({ page: 0, paused: true });
    r.stop();
    vi.advanceTimersByTime(60_000);
    expect(r.state().running).toBe(false);
    expect(shown()).toEqual(cams(4));
  });

  it('keeps a pinned tile and rotates the others around it without showing the pinned camera twice', () => {
    const { w, wall, shown } = fakeWall(4);
    const r = new TourRunner(wall);
    r.start({ name: 't', cameraIds: cams(7), dwellSec: 5 });
    w.pinned.add(1); // c2 stays
    r.refresh();
    expect(shown()).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(r.state().pages).toBe(2);
    vi.advanceTimersByTime(5_000);
    expect(shown()).toEqual(['c5', 'c2', 'c6', 'c7']);
    vi.advanceTimersByTime(5_000);
    expect(shown()).toEqual(['c1', 'c2', 'c3', 'c4']);
  });

  it('re-pages when the layout changes', () => {
    const { w, wall, shown } = fakeWall(9);
    const r = new TourRunner(wall);
    r.start({ name: 't', cameraIds: cams(10), dwellSec: 5 });
    w.layout = 4;
    r.refresh();
    expect(r.state().pages).toBe(3);
    expect(shown()).toEqual(cams(4));
  });

  it('pre-warms the next page a few seconds before it flips, never while paused', () => {
    const { w, wall, warmed } = fakeWall(4);
    const r = new TourRunner(wall);
    r.start({ name: 't', cameraIds: cams(10), dwellSec: 20 });
    vi.advanceTimersByTime(20_000 - PREWARM_LEAD_MS - 1);
    expect(warmed).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(warmed).toEqual([['c5', 'c6', 'c7', 'c8']]);
    vi.advanceTimersByTime(PREWARM_LEAD_MS);
    // The last page is short; after it the tour wraps to the first page.
    vi.advanceTimersByTime(20_000 - PREWARM_LEAD_MS);
    expect(warmed.at(-1)).toEqual(['c9', 'c10']);
    vi.advanceTimersByTime(PREWARM_LEAD_MS + 20_000 - PREWARM_LEAD_MS);
    expect(warmed.at(-1)).toEqual(['c1', 'c2', 'c3', 'c4']);
    // A pinned tile keeps its camera: the pre-warm leaves it out.
    r.stop();
    warmed.length = 0;
    w.pinned = new Set([0]);
    w.slots = emptySlots().map((_, i) => (i === 0 ? 'c1' : null));
    r.start({ name: 't', cameraIds: cams(10), dwellSec: 6 });
    r.pause();
    vi.advanceTimersByTime(60_000);
    expect(warmed).toEqual([]);
    r.resume();
    // A short dwell is pre-warmed half-way through (3 s of 6).
    vi.advanceTimersByTime(2_999);
    expect(warmed).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(warmed).toEqual([['c5', 'c6', 'c7']]);
    r.stop();
    vi.advanceTimersByTime(60_000);
    expect(warmed).toHaveLength(1);
  });

  it('does not pre-warm a tour that fits on one page', () => {
    const { wall, warmed } = fakeWall(9);
    const r = new TourRunner(wall);
    r.start({ name: 't', cameraIds: cams(5), dwellSec: 10 });
    vi.advanceTimersByTime(35_000);
    expect(warmed).toEqual([]);
  });
});
