const pad = (n: number) => String(n).padStart(2, '0');

/** Elapsed time as m:ss, or h:mm:ss from an hour on (negative clock skew shows as 0:00). */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** Time from an ISO instant to `now`, formatted; '' when the instant is missing or unreadable. */
export function since(iso: string | null | undefined, now: number): string {
  const t = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(t) ? '' : formatDuration(now - t);
}

/** Time between two ISO instants, formatted; '' unless both are known. */
export function between(from: string | null | undefined, to: string | null | undefined): string {
  const a = from ? Date.parse(from) : Number.NaN;
  const b = to ? Date.parse(to) : Number.NaN;
  return Number.isNaN(a) || Number.isNaN(b) ? '' : formatDuration(b - a);
}

/** Whole minutes of a travel estimate, at least 1 (a unit is never "0 minutes" away). */
export function etaMinutes(seconds: number): number {
  return Math.max(1, Math.round(seconds / 60));
}

/** A distance as metres below 1 km, else kilometres with one decimal. */
export function formatDistance(m: number): { value: string; unit: 'm' | 'km' } {
  return m < 1000
    ? { value: String(Math.round(m)), unit: 'm' }
    : { value: (m / 1000).toFixed(1), unit: 'km' };
}

/** Local clock time hh:mm:ss of an ISO instant, for timelines. */
export function clockTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? ''
    : `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
