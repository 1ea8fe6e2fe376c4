import { createHash } from 'node:crypto';

/** One audit record as stored; `hash` covers every other field and the previous hash. */
export interface AuditRecord {
  seq: number;
  at: string;
  actor: string | null;
  actorRole: string | null;
  address: string | null;
  action: string;
  targetKind: string | null;
  targetId: string | null;
  stationId: string | null;
  details: string;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The hash of a record: SHA-256 over its fields and the previous record's hash. */
export function recordHash(r: Omit<AuditRecord, 'hash'>): string {
  const body = canonicalJson([
    r.seq,
    r.at,
    r.actor,
    r.actorRole,
    r.address,
    r.action,
    r.targetKind,
    r.targetId,
    r.stationId,
    r.details,
    r.prevHash,
  ]);
  return createHash('sha256').update(body).digest('hex');
}

/** Walk the chain in order; returns the first broken record and why, or null when intact. */
export function findBreak(records: Iterable<AuditRecord>): { seq: number; reason: string } | null {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const r of records) {
    if (r.seq !== expectedSeq) return { seq: expectedSeq, reason: `record ${expectedSeq} is missing` };
    if (r.prevHash !== prev) return { seq: r.seq, reason: 'does not link to the record before it' };
    if (recordHash(r) !== r.hash) return { seq: r.seq, reason: 'its content does not match its hash' };
    prev = r.hash;
    expectedSeq++;
  }
  return null;
}
