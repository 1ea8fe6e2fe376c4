import type { PatrolLogEntry, StreamKind } from '@onpatrol/contracts';

export interface PatrolView {
  cameraId: string;
  stream: StreamKind;
  tour?: string;
}

interface OpenSession extends PatrolView {
  startedMs: number;
}

/**
 * What each tile showed and for how long. Sessions open when a tile starts showing a camera to the
 * officer (visible, camera assigned) and close when it stops; a checkpoint cuts long sessions so a
 * crash loses at most one flush interval. Glimpses shorter than `minMs` (a tour flicking past, a
 * mis-drop) are not patrol and are dropped. The queue is bounded: oldest entries go first.
 */
export class PatrolLog {
  private readonly open = new Map<string, OpenSession>();
  private queue: PatrolLogEntry[] = [];

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxQueued = 1000,
    private readonly minMs = 1000,
  ) {}

  /** Tile `tile` now shows `view`; a different view in that tile is closed first. */
  begin(tile: string, view: PatrolView): void {
    const cur = this.open.get(tile);
    if (cur && cur.cameraId === view.cameraId && cur.stream === view.stream && cur.tour === view.tour) return;
    this.end(tile);
    this.open.set(tile, { ...view, startedMs: this.now() });
  }

  /** Tile `tile` stopped showing anything to the officer. */
  end(tile: string): void {
    const cur = this.open.get(tile);
    if (!cur) return;
    this.open.delete(tile);
    this.close(cur, this.now());
  }

  endAll(): void {
    for (const tile of [...this.open.keys()]) this.end(tile);
  }

  /** Close every open session at now and reopen it, so what was watched so far can be sent. */
  checkpoint(): void {
    const t = this.now();
    for (const [tile, cur] of this.open) {
      if (t - cur.startedMs < this.minMs) continue;
      this.close(cur, t);
      this.open.set(tile, { ...cur, startedMs: t });
    }
  }

  /** Entries waiting to be sent (a copy). */
  pending(): PatrolLogEntry[] {
    return [...this.queue];
  }

  /** The gateway stored these: forget them. */
  confirm(sent: readonly PatrolLogEntry[]): void {
    const done = new Set(sent);
    this.queue = this.queue.filter((e) => !done.has(e));
  }

  /** Put back entries kept from an earlier page (older than anything queued now). */
  restore(entries: readonly PatrolLogEntry[]): void {
    this.queue = [...entries, ...this.queue].slice(-this.maxQueued);
  }

  /** Cameras open right now, by tile (for tests and the instrumentation). */
  openViews(): ReadonlyMap<string, PatrolView> {
    return this.open;
  }

  private close(s: OpenSession, endMs: number): void {
    if (endMs - s.startedMs < this.minMs) return;
    const entry: PatrolLogEntry = {
      cameraId: s.cameraId,
      stream: s.stream,
      startedAt: new Date(s.startedMs).toISOString(),
      endedAt: new Date(endMs).toISOString(),
      ...(s.tour ? { tour: s.tour } : {}),
    };
    this.queue.push(entry);
    if (this.queue.length > this.maxQueued) this.queue.splice(0, this.queue.length - this.maxQueued);
  }
}
