import type { NamedOpsEvent, OpsSync } from './events.js';

/**
 * Client-side ordering of operational events across reconnects. Live events that arrive while a
 * catch-up is in flight are held; the catch-up and the held events are merged by sequence, and
 * anything at or below the last applied sequence is dropped, so each event is applied once, in order.
 */
export class OpsSequencer {
  private syncing = false;
  private held: NamedOpsEvent[] = [];

  constructor(
    private readonly apply: (e: NamedOpsEvent) => void,
    private readonly replace: (sync: Extract<OpsSync, { kind: 'snapshot' }>['snapshot']) => void,
    public lastSeq: number | null = null,
  ) {}

  /** Call when the connection is (re)established, before asking the server to sync. */
  beginSync(): void {
    this.syncing = true;
    this.held = [];
  }

  /** Feed a live event. */
  live(e: NamedOpsEvent): void {
    if (this.syncing) this.held.push(e);
    else this.applyInOrder([e]);
  }

  /** Feed the events of one `ops:batch` (held as a whole while a catch-up is in flight). */
  liveBatch(events: readonly NamedOpsEvent[]): void {
    if (this.syncing) this.held.push(...events);
    else this.applyInOrder(events);
  }

  /** Feed the server's answer to `ops:sync`. */
  finishSync(sync: OpsSync): void {
    if (sync.kind === 'snapshot') {
      this.replace(sync.snapshot);
      this.lastSeq = sync.snapshot.seq;
      this.applyInOrder(this.held);
    } else {
      this.applyInOrder([...sync.events, ...this.held]);
      if (this.lastSeq === null || sync.seq > this.lastSeq)
        this.lastSeq = Math.max(this.lastSeq ?? 0, sync.seq);
    }
    this.held = [];
    this.syncing = false;
  }

  private applyInOrder(events: readonly NamedOpsEvent[]): void {
    const sorted = [...events].sort((a, b) => a.seq - b.seq);
    for (const e of sorted) {
      if (this.lastSeq !== null && e.seq <= this.lastSeq) continue;
      this.apply(e);
      this.lastSeq = e.seq;
    }
  }
}
