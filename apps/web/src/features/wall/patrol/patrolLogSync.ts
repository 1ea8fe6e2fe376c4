import type { PatrolLogEntry } from '@onpatrol/contracts';
import type { PatrolLog } from './patrolLog';

/** How the patrol log reaches the gateway; the app passes fetch/sendBeacon/localStorage, tests fakes. */
export interface PatrolLogTransport {
  /** POST the entries; rejects when they were not stored (the error may carry an HTTP `status`). */
  post: (entries: PatrolLogEntry[]) => Promise<void>;
  /** navigator.sendBeacon at page hide; false when the browser refused to queue it. */
  beacon: (entries: PatrolLogEntry[]) => boolean;
  /** Entries an earlier page kept because they could not be sent. */
  load: () => PatrolLogEntry[];
  save: (entries: PatrolLogEntry[]) => void;
}

/** How long to leave a missing route alone before asking again. */
export const MISSING_ROUTE_RETRY_MS = 5 * 60_000;

const statusOf = (e: unknown) =>
  typeof e === 'object' && e !== null && 'status' in e ? (e as { status: unknown }).status : undefined;

/**
 * Sends the patrol log every flush and at page hide. A failed POST keeps the entries queued for the
 * next flush, silently: the route may not exist yet (404), and an officer must never be bothered
 * by bookkeeping. When the last answer was 404 a beacon would be lost too, so the entries are kept
 * in storage for the next page instead.
 */
export class PatrolLogSync {
  private inFlight: Promise<void> | null = null;
  private routeMissing = false;
  private quietUntil = 0;

  constructor(
    private readonly log: PatrolLog,
    private readonly transport: PatrolLogTransport,
    private readonly now: () => number = Date.now,
  ) {}

  /** Take over what an earlier page could not send. */
  start(): void {
    const kept = this.transport.load();
    if (kept.length > 0) this.log.restore(kept);
    this.transport.save([]);
  }

  /**
   * Checkpoint open sessions and POST everything queued (one request at a time). After a 404 the
   * route is asked again only every few minutes: each miss costs a console error in the browser.
   */
  flush(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    this.log.checkpoint();
    const batch = this.log.pending();
    if (batch.length === 0 || this.now() < this.quietUntil) return Promise.resolve();
    this.inFlight = this.transport
      .post(batch)
      .then(
        () => {
          this.routeMissing = false;
          this.log.confirm(batch);
        },
        (e: unknown) => {
          this.routeMissing = statusOf(e) === 404;
          if (this.routeMissing) this.quietUntil = this.now() + MISSING_ROUTE_RETRY_MS;
        },
      )
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }

  /** The page is going away: close every session and hand the rest to a beacon, or to storage. */
  unload(): void {
    this.log.endAll();
    const batch = this.log.pending();
    if (batch.length === 0) return;
    if (!this.routeMissing && this.transport.beacon(batch)) this.log.confirm(batch);
    else this.transport.save(batch);
  }

  /** The screen closes while the page stays (sign-out): the session cookie is gone, so keep for next time. */
  stop(): void {
    this.log.endAll();
    this.transport.save(this.log.pending());
    this.log.confirm(this.log.pending());
  }
}
