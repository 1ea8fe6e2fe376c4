/** What a supervisor filters the audit log by; empty fields are left out. */
export interface AuditFilter {
  actor: string;
  target: string;
  station: string;
  action: string;
  /** `YYYY-MM-DDTHH:mm` from a datetime-local input, local time. */
  from: string;
  to: string;
}

export const EMPTY_FILTER: AuditFilter = { actor: '', target: '', station: '', action: '', from: '', to: '' };

/** The query string for `/api/audit` and its CSV export. */
export function auditQuery(f: AuditFilter, limit = 200): string {
  const q = new URLSearchParams();
  for (const key of ['actor', 'target', 'station', 'action'] as const) {
    const v = f[key].trim();
    if (v) q.set(key, v);
  }
  for (const key of ['from', 'to'] as const) {
    const d = f[key] ? new Date(f[key]) : null;
    if (d && !Number.isNaN(d.getTime())) q.set(key, d.toISOString());
  }
  q.set('limit', String(limit));
  return q.toString();
}
