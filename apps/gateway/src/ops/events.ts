import type { NamedOpsEvent, OpsEventName } from '@onpatrol/contracts';
import type { Database, Queryable } from '../db/database.js';
import type { OpsScope } from './scope.js';

interface EventRow {
  seq: string | number;
  at: Date | string;
  name: OpsEventName;
  station_id: string | null;
  unit_id: string | null;
  data: unknown;
}

/** A stored event with the audience it is for. */
export interface StoredEvent {
  event: NamedOpsEvent;
  stationId: string | null;
  unitId: string | null;
}

const toStored = (r: EventRow): StoredEvent => ({
  event: {
    name: r.name,
    seq: Number(r.seq),
    at: new Date(r.at).toISOString(),
    data: r.data,
  } as NamedOpsEvent,
  stationId: r.station_id,
  unitId: r.unit_id,
});

/** An event waiting to be appended with its transaction. */
export interface PendingEvent {
  name: OpsEventName;
  data: unknown;
  stationId: string | null;
  unitId: string | null;
}

/** Most events a client catches up by replay; further behind, it gets a snapshot. */
export const MAX_REPLAY = 2000;

/** The operational event log: append inside the changing transaction, read back by sequence. */
export class EventStore {
  constructor(private readonly db: Database) {}

  /**
   * Append a transaction's events as its last step, in one statement and in the given order, and
   * return them as stored (with sequence and time). The advisory lock is taken before the sequence
   * is drawn and held to commit, so events commit in sequence order and a reader that saw seq N
   * will never later find a committed event below N.
   */
  async appendMany(tx: Queryable, events: PendingEvent[]): Promise<StoredEvent[]> {
    if (events.length === 0) return [];
    await tx.query('SELECT pg_advisory_xact_lock(7365020)');
    // WITH ORDINALITY keeps the array order, so sequence numbers follow the order of the changes.
    const rows = await tx.query<{ seq: string | number; at: Date | string }>(
      `INSERT INTO events (name, station_id, unit_id, data)
       SELECT e->>'name', e->>'station_id', e->>'unit_id', e->'data'
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, ord) ORDER BY ord
       RETURNING seq, at`,
      [
        JSON.stringify(
          events.map((e) => ({ name: e.name, station_id: e.stationId, unit_id: e.unitId, data: e.data })),
        ),
      ],
    );
    // Sequence numbers were drawn in array order: the i-th smallest belongs to the i-th event.
    const stored = rows.map((r) => ({ seq: Number(r.seq), at: new Date(r.at).toISOString() }));
    stored.sort((a, b) => a.seq - b.seq);
    return events.map((e, i) => ({
      event: { name: e.name, seq: stored[i]!.seq, at: stored[i]!.at, data: e.data } as NamedOpsEvent,
      stationId: e.stationId,
      unitId: e.unitId,
    }));
  }

  /** Events after `seq`, all of them (for the broadcaster). */
  async after(seq: number, limit = 5000): Promise<StoredEvent[]> {
    const rows = await this.db.query<EventRow>(
      'SELECT seq, at, name, station_id, unit_id, data FROM events WHERE seq > $1 ORDER BY seq LIMIT $2',
      [seq, limit],
    );
    return rows.map(toStored);
  }

  /** Events after `seq` that the scope may see, up to MAX_REPLAY + 1 (to detect "too many"). */
  async replay(seq: number, scope: OpsScope): Promise<NamedOpsEvent[]> {
    const params: unknown[] = [seq];
    let where = 'seq > $1';
    if (scope.unitOnly) {
      params.push(scope.unitId ?? '');
      where += ` AND unit_id = $${params.length}`;
    } else if (scope.stationId) {
      params.push(scope.stationId);
      where += ` AND station_id = $${params.length}`;
    }
    const rows = await this.db.query<EventRow>(
      `SELECT seq, at, name, station_id, unit_id, data FROM events WHERE ${where} ORDER BY seq LIMIT ${MAX_REPLAY + 1}`,
      params,
    );
    return rows.map((r) => toStored(r).event);
  }

  async maxSeq(): Promise<number> {
    const [row] = await this.db.query<{ seq: string | null }>('SELECT max(seq)::text AS seq FROM events');
    return Number(row?.seq ?? 0);
  }
}

/** Most events one read of the log brings back. */
const READ_LIMIT = 5000;

/**
 * Sends committed events to the sockets entitled to them, in sequence order and each once.
 * Callers hand over what their transaction stored once it committed; when those events follow
 * the last one sent they go out as they are, without reading them back. Otherwise something
 * committed in between that this caller does not hold (a concurrent transaction whose caller has
 * not been resumed yet, or a sequence number burned by a failed insert), and the log is read from
 * the last sent sequence: events commit in sequence order, so that read holds everything below.
 * Concurrent flushes coalesce; `send` gets each flush's events as one ordered batch.
 */
export class Broadcaster {
  private last = 0;
  private held: StoredEvent[] = [];
  private mustRead = false;
  private running: Promise<void> | null = null;
  private again = false;
  /** Reads of the log since start (the fast path needs none); for tests and diagnostics. */
  reads = 0;

  constructor(
    private readonly store: EventStore,
    private readonly send: (batch: StoredEvent[]) => void,
  ) {}

  /** Start after the events that exist now (they were broadcast before a restart, or never will be). */
  async init(): Promise<void> {
    this.last = await this.store.maxSeq();
  }

  get lastSeq(): number {
    return this.last;
  }

  /**
   * Broadcast `committed` (events whose transaction has committed, in sequence order) and
   * anything committed before them; with no events, read the log for anything not yet sent.
   */
  flush(committed?: StoredEvent[]): Promise<void> {
    if (committed) this.held.push(...committed);
    else this.mustRead = true;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.drain();
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    const held = this.held.filter((e) => e.event.seq > this.last);
    const read = this.mustRead;
    this.held = [];
    this.mustRead = false;
    held.sort((a, b) => a.event.seq - b.event.seq);
    if (!read) {
      if (held.every((e, i) => e.event.seq === this.last + 1 + i)) return this.emit(held);
    }
    for (;;) {
      this.reads++;
      const batch = await this.store.after(this.last, READ_LIMIT);
      this.emit(batch);
      if (batch.length < READ_LIMIT) return;
    }
  }

  private emit(batch: StoredEvent[]): void {
    if (batch.length === 0) return;
    this.last = batch.at(-1)!.event.seq;
    this.send(batch);
  }
}
