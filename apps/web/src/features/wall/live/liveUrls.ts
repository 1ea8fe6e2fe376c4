/** Ask for new signatures this long before they expire. */
export const REFRESH_MARGIN_MS = 60_000;
const MIN_REFRESH_MS = 5_000;
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;

/** When to re-request the live URLs: a minute before expiry, never in a tight loop. */
export function refreshDelay(expiresAt: string, nowMs: number): number {
  const left = Date.parse(expiresAt) - nowMs;
  if (!Number.isFinite(left)) return MIN_REFRESH_MS;
  if (left > REFRESH_MARGIN_MS + MIN_REFRESH_MS) return left - REFRESH_MARGIN_MS;
  // a short-lived signature (or a skewed clock): refresh at half its life, but not busily
  return Math.max(1_000, Math.min(MIN_REFRESH_MS, Math.floor(left / 2)));
}

/** True when the signatures should be renewed before using them (a tile coming back into view). */
export function needsRefresh(expiresAt: string, nowMs: number): boolean {
  return Date.parse(expiresAt) - nowMs < REFRESH_MARGIN_MS;
}

/** Capped exponential backoff for retries after network errors: 1 s, 2 s, 4 s … 30 s. */
export function backoffDelay(attempt: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt));
}

/**
 * `url` with the signature (exp, sig) of `signed`. hls.js keeps requesting the playlist URL it was
 * given; rewriting the signature per request lets a renewal take effect without a new player.
 */
export function withSignature(url: string, signed: string): string {
  const target = new URL(url, 'http://relative.invalid');
  const source = new URL(signed, 'http://relative.invalid');
  let changed = false;
  for (const name of ['exp', 'sig']) {
    const v = source.searchParams.get(name);
    if (v !== null && target.searchParams.has(name)) {
      target.searchParams.set(name, v);
      changed = true;
    }
  }
  if (!changed) return url;
  return target.origin === 'http://relative.invalid' ? `${target.pathname}${target.search}` : target.href;
}

/**
 * The WebSocket URL of a gateway path, on the page's own host: ws: next to http:, wss: next to
 * https: (the gateway hands out paths, so it works the same behind a TLS proxy).
 */
export function webSocketUrl(path: string, page: { href: string; protocol: string }): string {
  const url = new URL(path, page.href);
  url.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}
