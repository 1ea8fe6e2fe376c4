import type { EndedSessions, SessionUser } from '../auth/service.js';

/**
 * Open sockets one session may hold (tabs and windows of one browser); the next handshake is
 * refused. Counted on each gateway: the count must be exact under concurrent handshakes, which a
 * cluster-wide fetchSockets() round trip could not promise.
 */
export const MAX_SOCKETS_PER_SESSION = 8;
/** How long a socket trusts its last look at the session before a client event checks it again. */
export const SESSION_RECHECK_MS = 1000;
/** Longest delay setTimeout takes; a later expiry is reached in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** After a failed read of the expiry, the next try. */
const EXPIRY_RETRY_MS = 5000;

/**
 * Every socket of a session and of a user sits in these rooms, so ending them is one
 * `io.in(room).disconnectSockets(true)`, which a cluster adapter carries to every gateway.
 */
export const sessionRoom = (tokenHash: string) => `session:${tokenHash}`;
export const userRoom = (username: string) => `user:${username}`;

/** The rooms whose sockets end when these sessions end. */
export const endedRooms = (ended: EndedSessions): string[] =>
  'tokenHash' in ended ? [sessionRoom(ended.tokenHash)] : [userRoom(ended.username)];

/** True while `now` is the same account with the same role, station and unit as at the handshake. */
export function sameSession(then: SessionUser, now: SessionUser | null): boolean {
  return (
    !!now &&
    now.username === then.username &&
    now.tokenHash === then.tokenHash &&
    now.role === then.role &&
    now.stationId === then.stationId &&
    now.unitId === then.unitId
  );
}

/**
 * One socket's view of its session: fresh for SESSION_RECHECK_MS after a read, then read again
 * before the next client event. While a read is under way every event waits for it, so events
 * are let through in the order they arrived.
 */
export class SessionCheck {
  private checkedAt: number;
  private pending: Promise<boolean> | null = null;

  constructor(
    private readonly user: SessionUser,
    private readonly load: () => Promise<SessionUser | null>,
    checkedAt = Date.now(),
  ) {
    this.checkedAt = checkedAt;
  }

  /** True (at once when the last read is fresh) while the session holds; rejects when it could not be read. */
  holds(): true | Promise<boolean> {
    if (!this.pending && Date.now() - this.checkedAt < SESSION_RECHECK_MS) return true;
    return this.recheck();
  }

  /** Read the session now (joins a read already under way). */
  recheck(): Promise<boolean> {
    if (this.pending) return this.pending;
    const startedAt = Date.now();
    const read = this.load().then(
      (now) => {
        this.pending = null;
        const ok = sameSession(this.user, now);
        // Only a read that found the session counts as fresh; an ended one stays ended.
        if (ok) this.checkedAt = startedAt;
        return ok;
      },
      (err: unknown) => {
        this.pending = null;
        throw err;
      },
    );
    this.pending = read;
    return read;
  }
}

/**
 * Calls `onEnd` when the session runs out by itself (its own or the account's expiry). Asks
 * `endsAt` again when the moment comes, since an administrator may have moved the account's
 * expiry; null from `endsAt` means the session is no longer valid. Returns a function that stops it.
 */
export function watchExpiry(
  endsAt: () => Promise<number | null>,
  onEnd: () => void,
  onError: (err: unknown) => void,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const arm = async () => {
    try {
      const at = await endsAt();
      if (stopped) return;
      if (at === null || at <= Date.now()) return onEnd();
      timer = setTimeout(() => void arm(), Math.min(at - Date.now(), MAX_TIMER_MS));
      timer.unref();
    } catch (err) {
      onError(err);
      if (stopped) return;
      timer = setTimeout(() => void arm(), EXPIRY_RETRY_MS);
      timer.unref();
    }
  };
  void arm();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
