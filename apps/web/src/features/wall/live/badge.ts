import type { CameraStreamStatus } from '@onpatrol/contracts';

/** How the tile's status badge looks; `frozen` and `noFrames` must never look live. */
export type BadgeKey =
  | 'waiting'
  | 'idle'
  | 'connecting'
  | 'live'
  | 'noFrames'
  | 'frozen'
  | 'offline'
  | 'offlineRetry';

export interface Badge {
  key: BadgeKey;
  /** Visual tone (CSS class): stalled pictures are red, not green. */
  tone: 'muted' | 'info' | 'ok' | 'warn' | 'bad';
  /** Formatted duration: how long in this state, or until the next attempt (offlineRetry). */
  age: string;
  /** Offline/stalled reason as the gateway sent it (translated by reasonKey where known). */
  reason: string;
}

/** '12s', '3m05s', '2h07m': compact enough for a 1/25 tile, readable in both languages. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** The badge for a stream status at `nowMs`; undefined status = the gateway has not said anything yet. */
export function badgeOf(s: CameraStreamStatus | undefined, nowMs: number): Badge {
  if (!s) return { key: 'waiting', tone: 'muted', age: '', reason: '' };
  const since = (t: number | undefined) => formatAge(t && t > 0 ? nowMs - t : 0);
  const reason = s.reason ?? '';
  switch (s.state) {
    case 'idle':
      return { key: 'idle', tone: 'muted', age: '', reason };
    case 'connecting':
      return { key: 'connecting', tone: 'info', age: since(s.sinceMs), reason };
    case 'live':
      return { key: 'live', tone: 'ok', age: since(s.sinceMs), reason };
    case 'stalled':
      return {
        key: reason === 'frozen' ? 'frozen' : 'noFrames',
        tone: 'bad',
        age: since(s.stalledSinceMs ?? s.sinceMs),
        reason,
      };
    case 'offline':
      return s.retryAtMs && s.retryAtMs > nowMs
        ? { key: 'offlineRetry', tone: 'bad', age: formatAge(s.retryAtMs - nowMs + 999), reason }
        : { key: 'offline', tone: 'bad', age: since(s.sinceMs), reason };
  }
}

/** Reasons the gateway sends that have a translation; anything else is shown as sent. */
const KNOWN_REASONS = {
  frozen: 'frozen',
  'no-frames': 'noFrames',
  'connection refused': 'refused',
  timeout: 'timeout',
  'no route to host': 'noRoute',
} as const;
export type ReasonKey = (typeof KNOWN_REASONS)[keyof typeof KNOWN_REASONS];

export function reasonKey(reason: string): ReasonKey | null {
  return (KNOWN_REASONS as Record<string, ReasonKey>)[reason] ?? null;
}

/** True when the picture must be dimmed: anything but a stream that is live right now. */
export function looksStale(s: CameraStreamStatus | undefined): boolean {
  return s !== undefined && s.state !== 'live' && s.state !== 'connecting';
}

/**
 * The tile's `data-state`: the gateway's word when it has one; before that, `connecting` for a
 * tile that is asking for its stream and `idle` for one that is not (hidden); `empty` without camera.
 */
export function tileState(
  s: CameraStreamStatus | undefined,
  cameraId: string | null,
  active: boolean,
): string {
  if (!cameraId) return 'empty';
  if (s) return s.state;
  return active ? 'connecting' : 'idle';
}
