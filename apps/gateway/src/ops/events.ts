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
   * Append a transaction's events as its last step, in one statement and in the given order. The
   * advisory lock is taken before the sequence is drawn and held to commit, so events commit in
   * sequence order and a reader that saw seq N will never later find a committed event below N.
   */
  async appendMany(tx: Queryable, events: PendingEvent[]): Promise<void> {
    if (events.length === 0) return;
    await tx.query('SELECT pg_advisory_xact_lock(7365020)');
    // WITH ORDINALITY keeps the array order, so sequence numbers follow the order of the changes.
    await tx.query(
      `INSERT INTO events (name, station_id, unit_id, data)
       SELECT e->>'name', e->>'station_id', e->>'unit_id', e->'data'
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, ord) ORDER BY ord`,
      [
        JSON.stringify(
          events.map((e) => ({ name: e.name, station_id: e.stationId, unit_id: e.unitId, data: e.data })),
        ),
      ],
    );
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

/**
 * Sends committed events to the sockets entitled to them, in sequence order. Callers `flush()`
 * after their transaction commits; concurrent flushes coalesce into one read.
 */
export class Broadcaster {
  private last = 0;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly store: EventStore,
    private readonly send: (e: StoredEvent) => void,
  ) {}

  /** Start after the events that exist now (they were broadcast before a restart, or never will be). */
  async init(): Promise<void> {
    this.last = await this.store.maxSeq();
  }

  get lastSeq(): number {
    return this.last;
  }

  flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        for (;;) {
          const batch = await this.store.after(this.last);
          for (const e of batch) {
            this.send(e);
            this.last = e.event.seq;
          }
          if (batch.length < 5000) break;
        }
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }
}
