/** What happened to one device report. */
export interface Outcome {
  deviceId: string;
  /** The gateway's HTTP status, or 'unreachable' when it did not answer. */
  status: number | 'unreachable';
  alarmId?: number;
  merged?: boolean;
  /** The gateway's refusal rule (401) or bad field (400). */
  rule?: string;
  message?: string;
  ms?: number;
}

/** Counts over a batch of reports: by HTTP status, by refusal rule, the alarm IDs, latency. */
export interface Tally {
  sent: number;
  byStatus: Record<string, number>;
  rules: Record<string, number>;
  alarmIds: number[];
  merged: number;
  /** First few distinct error messages. */
  errors: string[];
  latencyMs: { p50: number; p95: number; max: number } | null;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Sum up a batch of outcomes. */
export function tally(outcomes: Outcome[]): Tally {
  const t: Tally = {
    sent: outcomes.length,
    byStatus: {},
    rules: {},
    alarmIds: [],
    merged: 0,
    errors: [],
    latencyMs: null,
  };
  const ms: number[] = [];
  for (const o of outcomes) {
    t.byStatus[o.status] = (t.byStatus[o.status] ?? 0) + 1;
    if (o.rule) t.rules[o.rule] = (t.rules[o.rule] ?? 0) + 1;
    if (o.alarmId !== undefined) t.alarmIds.push(o.alarmId);
    if (o.merged) t.merged++;
    if (o.message && t.errors.length < 5 && !t.errors.includes(o.message)) t.errors.push(o.message);
    if (o.ms !== undefined) ms.push(o.ms);
  }
  if (ms.length) {
    ms.sort((a, b) => a - b);
    const at = (q: number) => round(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!);
    t.latencyMs = { p50: at(0.5), p95: at(0.95), max: round(ms.at(-1)!) };
  }
  return t;
}
