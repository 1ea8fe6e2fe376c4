import type { OpsEventData, OpsEventName } from '@onpatrol/contracts';
import type { AuditService } from '../audit/service.js';
import type { Database, Queryable } from '../db/database.js';
import type { Broadcaster, EventStore, PendingEvent, StoredEvent } from './events.js';

/** Who did it, for the timeline and the audit log. */
export interface Actor {
  username: string | null;
  role: string | null;
  stationId: string | null;
  unitId: string | null;
  address?: string | null;
}

/** What every operational service needs: the database, the event log and the audit log. */
export class OpsContext {
  constructor(
    readonly db: Database,
    readonly events: EventStore,
    readonly broadcaster: Broadcaster,
    readonly audit: AuditService,
  ) {}

  /**
   * Run a change in one transaction whose events are stored with it, then broadcast them.
   * `emit` queues events; they are appended last, just before commit, in the order given, and
   * broadcast only once the transaction committed.
   */
  async change<T>(fn: (tx: Queryable, emit: Emit) => Promise<T>): Promise<T> {
    let stored: StoredEvent[] = [];
    const result = await this.db.transaction(async (tx) => {
      const queued: PendingEvent[] = [];
      const emit: Emit = (name, data, audience) => {
        queued.push({ name, data, stationId: audience.stationId, unitId: audience.unitId ?? null });
      };
      const value = await fn(tx, emit);
      stored = await this.events.appendMany(tx, queued);
      return value;
    });
    if (stored.length) await this.broadcaster.flush(stored);
    return result;
  }
}

export type Emit = <K extends OpsEventName>(
  name: K,
  data: OpsEventData[K],
  audience: { stationId: string | null; unitId?: string | null },
) => void;
