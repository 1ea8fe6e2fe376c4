import { afterEach, describe, expect, it, vi } from 'vitest';
import { WallAudit, type WallEvent } from './wallAudit';

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
});
