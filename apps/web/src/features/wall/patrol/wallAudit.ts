import { api } from '../../../api/client';
import { useWall } from '../grid/wallStore';
import { useTour } from '../tour/tourStore';

/** A wall or tour change, for the gateway's audit log (POST /api/patrol-log `events`). */
export interface WallEvent {
  at: string;
  action: 'layout.change' | 'tour.start' | 'tour.pause' | 'tour.resume' | 'tour.stop';
  details?: Record<string, string | number | boolean>;
}

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

  record(action: WallEvent['action'], details?: WallEvent['details']): void {
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

let started = false;

/** Start watching the wall and tour stores (once per page). */
export function startWallAudit(): void {
  if (started) return;
  started = true;
  const audit = new WallAudit((events) => api.wallEvents(events));
  useWall.subscribe((s, prev) => {
    if (s.layout !== prev.layout) audit.record('layout.change', { layout: s.layout });
  });
  useTour.subscribe((s, prev) => {
    if (s.running && !prev.running) {
      audit.record('tour.start', { name: s.tour?.name ?? '', cameras: s.tour?.cameraIds.length ?? 0 });
    } else if (!s.running && prev.running) audit.record('tour.stop');
    else if (s.running && s.paused !== prev.paused) audit.record(s.paused ? 'tour.pause' : 'tour.resume');
  });
}
