import { HttpError } from '../errors.js';

/** A socket's full snapshots: the first at once, later ones at least this far apart. */
export const SNAPSHOT_INTERVAL_MS = 5000;
/** Catch-ups of any kind (replays too) a socket may ask for in a burst … */
export const SYNC_BURST = 10;
/** … after which it earns one more per this interval. */
export const SYNC_REFILL_MS = 1000;

/**
 * How often one socket may catch up. A replay reads at most MAX_REPLAY events by an index, so a
 * client may ask for many; a snapshot reads every open record of its scope, so it is rationed. A
 * client honestly catches up once per connect, so only a misbehaving one ever meets these limits.
 */
export class SyncLimit {
  private lastSnapshot = Number.NEGATIVE_INFINITY;
  private tokens = SYNC_BURST;
  private refilledAt: number;

  constructor(private readonly now: () => number = Date.now) {
    this.refilledAt = now();
  }

  /** Counts a catch-up; throws 429 naming the rule when the socket asked for too many. */
  take(): void {
    const now = this.now();
    const earned = Math.floor((now - this.refilledAt) / SYNC_REFILL_MS);
    if (earned > 0) {
      this.tokens = Math.min(SYNC_BURST, this.tokens + earned);
      this.refilledAt += earned * SYNC_REFILL_MS;
    }
    if (this.tokens < 1) {
      throw new HttpError(
        429,
        `at most ${SYNC_BURST} catch-ups in a row per connection, then one per ${SYNC_REFILL_MS / 1000} s`,
        { rule: 'ops:sync-rate' },
      );
    }
    this.tokens -= 1;
  }

  /** Counts a full snapshot; throws 429 naming the rule when the last one is too recent. */
  takeSnapshot(): void {
    const now = this.now();
    const wait = this.lastSnapshot + SNAPSHOT_INTERVAL_MS - now;
    if (wait > 0) {
      throw new HttpError(
        429,
        `a full snapshot at most every ${SNAPSHOT_INTERVAL_MS / 1000} s per connection; try again in ${Math.ceil(wait / 1000)} s`,
        { rule: 'ops:sync-snapshot-rate' },
      );
    }
    this.lastSnapshot = now;
  }
}
