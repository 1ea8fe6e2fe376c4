import { WALL_ACTIONS, type WallAction, type WallEvent } from '@onpatrol/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useWall } from '../grid/wallStore';
import { useTour } from '../tour/tourStore';
import { WallAudit, watchWall } from './wallAudit';

describe('wall audit events', () => {
  afterEach(() => vi.useRealTimers());

  it('sends changes in one batch after a short delay, and keeps them when sending fails', async () => {
    vi.useFakeTimers();
    const sent: WallEvent[][] = [];
    let fail = true;
    const audit = new WallAudit(async (events) => {
      if (fail) throw new Error('offline');
      sent.push(events);
    });
    audit.record('layout.change', { layout: 16 });
    audit.record('tour.start', { name: '夜巡', cameras: 18 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual([]);
    fail = false;
    audit.record('tour.pause');
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.map((e) => e.action)).toEqual(['layout.change', 'tour.start', 'tour.pause']);
    expect(sent[0]![0]!.details).toEqual({ layout: 16 });
  });

  // The gateway validates actions against the same contract list: an action the wall sends that
  // the list lacks is refused there, and one the list holds that the wall never sends is dead.
  it('reports exactly the wall actions of the contract, from the real wall and tour stores', () => {
    vi.useFakeTimers();
    const recorded: Array<{ action: WallAction; details?: WallEvent['details'] }> = [];
    const stop = watchWall(
      { record: (action, details) => recorded.push({ action, details }) },
      useWall,
      useTour,
    );
    try {
      useWall.getState().setLayout(4);
      useTour.getState().start({ name: '夜巡', cameraIds: ['13090301001310000001'], dwellSec: 30 });
      useTour.getState().pause();
      useTour.getState().resume();
      useTour.getState().stop();
    } finally {
      stop();
      useWall.getState().reset();
    }
    expect(recorded.map((r) => r.action)).toEqual([
      'layout.change',
      'tour.start',
      'tour.pause',
      'tour.resume',
      'tour.stop',
    ]);
    expect(new Set(recorded.map((r) => r.action))).toEqual(new Set(WALL_ACTIONS));
    expect(recorded[1]?.details).toEqual({ name: '夜巡', cameras: 1 });
  });
});
