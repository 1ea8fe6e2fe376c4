import { STATS_COLUMNS, type StatsColumn, type StatsGroup, type StatsRow } from '@onpatrol/contracts';

/** The page's filter: a grouping and an optional range of local calendar days (yyyy-mm-dd, inclusive). */
export interface StatsFilter {
  group: StatsGroup;
  fromDay: string;
  toDay: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight starting a yyyy-mm-dd day, as ISO (null for an empty or malformed day). */
export function dayStart(day: string, plusDays = 0): string | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** The query string of /api/stats and /api/stats.csv: `to` is exclusive, so the last day counts whole. */
export function statsQuery(f: StatsFilter): string {
  const q = new URLSearchParams({ group: f.group });
  const from = dayStart(f.fromDay);
  const to = dayStart(f.toDay, 1);
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  return q.toString();
}

/** A local calendar day as yyyy-mm-dd. */
export function localDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Column sums for the table footer. */
export function totals(rows: readonly StatsRow[]): Record<StatsColumn, number> {
  const out = Object.fromEntries(STATS_COLUMNS.map((c) => [c, 0])) as Record<StatsColumn, number>;
  for (const r of rows) for (const c of STATS_COLUMNS) out[c] += r[c];
  return out;
}
