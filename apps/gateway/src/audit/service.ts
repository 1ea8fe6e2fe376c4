import type { Database, Queryable } from '../db/database.js';
import { rowCount } from '../db/paging.js';
import { type AuditRecord, canonicalJson, findBreak, GENESIS_HASH, recordHash } from './chain.js';

/** What a caller says happened; the service adds sequence, time and hashes. */
export interface AuditEntry {
  actor: string | null;
  actorRole?: string | null;
  address?: string | null;
  action: string;
  targetKind?: string | null;
  targetId?: string | null;
  stationId?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditQuery {
  actor?: string;
  targetId?: string;
  stationId?: string;
  action?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

const COLS = `seq::int AS seq, at, actor, actor_role AS "actorRole", address, action, target_kind AS "targetKind",
  target_id AS "targetId", station_id AS "stationId", details, prev_hash AS "prevHash", hash`;

type Row = Omit<AuditRecord, 'at'> & { at: Date | string };
const toRecord = (r: Row): AuditRecord => ({
  ...r,
  at: r.at instanceof Date ? r.at.toISOString() : new Date(r.at).toISOString(),
});

/** Names of a record's own fields: details never carry them at their top level. */
const RECORD_FIELDS = new Set([
  'seq',
  'at',
  'actor',
  'actorRole',
  'address',
  'action',
  'targetKind',
  'targetId',
  'stationId',
  'prevHash',
  'hash',
]);

/**
 * Details are the caller's bag of facts and may hold what a client sent; a key named like a
 * record field (`at`, `actor`…) would read as the record's own. Such keys are renamed
 * `client_<name>`, so the server's time and actor are the only ones a record shows.
 */
export function fenceDetails(details: Record<string, unknown>): Record<string, unknown> {
  if (!Object.keys(details).some((k) => RECORD_FIELDS.has(k))) return details;
  return Object.fromEntries(
    Object.entries(details).map(([k, v]) => [RECORD_FIELDS.has(k) ? `client_${k}` : k, v]),
  );
}

/** The append-only, hash-chained audit log. */
export class AuditService {
  constructor(private readonly db: Database) {}

  /** Append one record, chained to the last; serialised by an advisory lock. */
  async append(entry: AuditEntry, tx?: Queryable): Promise<AuditRecord> {
    const run = async (q: Queryable) => {
      await q.query('SELECT pg_advisory_xact_lock(7365010)');
      const [last] = await q.query<{ seq: number; hash: string }>(
        'SELECT seq::int AS seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
      );
      const base: Omit<AuditRecord, 'hash'> = {
        seq: (last?.seq ?? 0) + 1,
        at: new Date().toISOString(),
        actor: entry.actor,
        actorRole: entry.actorRole ?? null,
        address: entry.address ?? null,
        action: entry.action,
        targetKind: entry.targetKind ?? null,
        targetId: entry.targetId ?? null,
        stationId: entry.stationId ?? null,
        details: canonicalJson(fenceDetails(entry.details ?? {})),
        prevHash: last?.hash ?? GENESIS_HASH,
      };
      const record = { ...base, hash: recordHash(base) };
      await q.query(
        `INSERT INTO audit_log (seq, at, actor, actor_role, address, action, target_kind, target_id, station_id, details, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          record.seq,
          record.at,
          record.actor,
          record.actorRole,
          record.address,
          record.action,
          record.targetKind,
          record.targetId,
          record.stationId,
          record.details,
          record.prevHash,
          record.hash,
        ],
      );
      return record;
    };
    return tx ? run(tx) : this.db.transaction(run);
  }

  /** Search by person, target (camera), station, action and time; newest first. */
  async search(q: AuditQuery): Promise<{ total: number; items: AuditRecord[] }> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.actor) add('actor = ?', q.actor);
    if (q.targetId) add('target_id = ?', q.targetId);
    if (q.stationId) add('station_id = ?', q.stationId);
    if (q.action) add('action = ?', q.action);
    if (q.from) add('at >= ?', q.from);
    if (q.to) add('at < ?', q.to);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = await this.db.query<Row & { _total: number }>(
      `SELECT ${COLS}, count(*) OVER ()::int AS _total FROM audit_log ${w} ORDER BY seq DESC
       LIMIT ${rowCount(q.limit, 200, 5000)} OFFSET ${rowCount(q.offset, 0, 10_000_000, 'offset')}`,
      params,
    );
    return { total: rows[0]?._total ?? 0, items: rows.map(({ _total, ...r }) => toRecord(r)) };
  }

  /** Verify the whole chain; null when intact, else the first broken record. */
  async verify(): Promise<{ seq: number; reason: string } | null> {
    return (await this.chainState()).broken;
  }

  /**
   * The chain walked once: its first break, how many records it holds, the last seq and every
   * record's hash by seq (what signed checkpoints are compared with).
   */
  async chainState(): Promise<{
    broken: { seq: number; reason: string } | null;
    records: number;
    lastSeq: number;
    hashes: Map<number, string>;
  }> {
    const rows = (await this.db.query<Row>(`SELECT ${COLS} FROM audit_log ORDER BY seq`)).map(toRecord);
    return {
      broken: findBreak(rows),
      records: rows.length,
      lastSeq: rows.at(-1)?.seq ?? 0,
      hashes: new Map(rows.map((r) => [r.seq, r.hash])),
    };
  }

  /** The newest record's seq and hash; null while the log is empty. */
  async head(): Promise<{ seq: number; hash: string } | null> {
    const [last] = await this.db.query<{ seq: number; hash: string }>(
      'SELECT seq::int AS seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
    );
    return last ?? null;
  }
}
