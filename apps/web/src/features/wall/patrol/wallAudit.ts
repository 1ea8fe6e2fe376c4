import type { WallAction, WallEvent } from '@onpatrol/contracts';
import { api } from '../../../api/client';

const SEND_DELAY_MS = 1000;
const MAX_QUEUED = 200;

/**
 * Reports what an officer does with the wall (layout changes, tours started, paused, stopped) so
 * supervisors can see it in the audit log. Sent in small batches; failures keep a bounded queue
 * and never bother the officer.
 */
export class WallAudit {
  private queue: WallEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly send: (events: WallEvent[]) => Promise<unknown>) {}

  record(action: WallAction, details?: WallEvent['details']): void {
    this.queue.push({ at: new Date().toISOString(), action, ...(details ? { details } : {}) });
    if (this.queue.length > MAX_QUEUED) this.queue.splice(0, this.queue.length - MAX_QUEUED);
    this.timer ??= setTimeout(() => void this.flush(), SEND_DELAY_MS);
  }

  async flush(): Promise<void> {
    this.timer = null;
    const batch = this.queue.splice(0);
    if (batch.length === 0) return;
    await this.send(batch).catch(() => {
      this.queue.unshift(...batch.slice(-MAX_QUEUED));
    });
  }
}

/** A store as zustand exposes it: each change is told with the state before it. */
export interface Watched<S> {
  subscribe: (listener: (state: S, prev: S) => void) => () => void;
}
/** What the audit reads of the wall and of the tour (their stores are passed in, see VideoWall). */
export interface AuditedWall {
  layout: number;
}
export interface AuditedTour {
  running: boolean;
  paused: boolean;
  tour: { name: string; cameraIds: readonly string[] } | null;
}

/** Record layout changes and the course of tours into `audit`; returns the function that stops. */
export function watchWall(
  audit: Pick<WallAudit, 'record'>,
  wall: Watched<AuditedWall>,
  tour: Watched<AuditedTour>,
): () => void {
  const offWall = wall.subscribe((s, prev) => {
    if (s.layout !== prev.layout) audit.record('layout.change', { layout: s.layout });
  });
  const offTour = tour.subscribe((s, prev) => {
    if (s.running && !prev.running) {
      audit.record('tour.start', { name: s.tour?.name ?? '', cameras: s.tour?.cameraIds.length ?? 0 });
    } else if (!s.running && prev.running) audit.record('tour.stop');
    else if (s.running && s.paused !== prev.paused) audit.record(s.paused ? 'tour.pause' : 'tour.resume');
  });
  return () => {
    offWall();
    offTour();
  };
}

let started = false;

/** Start reporting the wall's changes to the gateway (once per page). */
export function startWallAudit(wall: Watched<AuditedWall>, tour: Watched<AuditedTour>): void {
  if (started) return;
  started = true;
  watchWall(new WallAudit((events) => api.wallEvents(events)), wall, tour);
}
