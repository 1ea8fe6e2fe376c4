import { describe, expect, it } from 'vitest';
import {
  emptySlots,
  gridOf,
  isLayout,
  putCamera,
  slotsFrom,
  streamFor,
  swapSlots,
  targetSlot,
} from './layout';

describe('wall layout', () => {
  it('makes square grids', () => {
    expect(gridOf(1)).toEqual({ cols: 1, rows: 1 });
    expect(gridOf(9)).toEqual({ cols: 3, rows: 3 });
    expect(gridOf(25)).toEqual({ cols: 5, rows: 5 });
    expect(isLayout(16)).toBe(true);
    expect(isLayout(6)).toBe(false);
  });

  it('uses the main stream only for a single view', () => {
    expect(streamFor(9, false)).toBe('sub');
    expect(streamFor(9, true)).toBe('main');
    expect(streamFor(1, false)).toBe('main');
  });

  it('sends a chosen camera to the selected tile, else the first empty one, else the cursor', () => {
    const slots = slotsFrom(['a', null, 'c', null]);
    expect(targetSlot(slots, 4, 2, 0)).toBe(2);
    expect(targetSlot(slots, 4, null, 0)).toBe(1);
    // a selection outside the visible layout does not count
    expect(targetSlot(slots, 4, 7, 0)).toBe(1);
    const full = slotsFrom(['a', 'b', 'c', 'd', 'e']);
    expect(targetSlot(full, 4, null, 5)).toBe(1);
  });

  it('keeps one camera in one tile and swaps tiles', () => {
    const slots = slotsFrom(['a', 'b']);
    const moved = putCamera(slots, 3, 'a');
    expect(moved.slice(0, 4)).toEqual([null, 'b', null, 'a']);
    expect(putCamera(slots, 1, null).slice(0, 2)).toEqual(['a', null]);
    expect(swapSlots(slots, 0, 2).slice(0, 3)).toEqual([null, 'b', 'a']);
    expect(emptySlots()).toHaveLength(25);
  });
});
