import { describe, expect, it } from 'vitest';
import { SNAPSHOT_INTERVAL_MS, SYNC_BURST, SYNC_REFILL_MS, SyncLimit } from '../../src/ops/syncLimit.js';

describe('catch-up limits of one socket', () => {
  const clock = () => {
    const c = { t: 1_000_000, now: () => c.t };
    return c;
  };

  it('allows a burst of catch-ups, then one per refill interval', () => {
    const c = clock();
    const limit = new SyncLimit(c.now);
    for (let i = 0; i < SYNC_BURST; i++) limit.take();
    expect(() => limit.take()).toThrow(
      expect.objectContaining({ statusCode: 429, extra: { rule: 'ops:sync-rate' } }),
    );
    c.t += SYNC_REFILL_MS - 1;
    expect(() => limit.take()).toThrow();
    c.t += 1;
    limit.take();
    expect(() => limit.take()).toThrow();
    // A long pause refills the burst, never more.
    c.t += SYNC_REFILL_MS * SYNC_BURST * 10;
    for (let i = 0; i < SYNC_BURST; i++) limit.take();
    expect(() => limit.take()).toThrow();
  });

  it('gives the first snapshot at once and the next only after the interval, saying when', () => {
    const c = clock();
    const limit = new SyncLimit(c.now);
    limit.takeSnapshot();
    c.t += SNAPSHOT_INTERVAL_MS - 1500;
    expect(() => limit.takeSnapshot()).toThrow(/try again in 2 s/);
    c.t += 1500;
    limit.takeSnapshot();
    expect(() => limit.takeSnapshot()).toThrow(
      expect.objectContaining({ extra: { rule: 'ops:sync-snapshot-rate' } }),
    );
  });
});
