import type { Queryable } from '../db/database.js';

/** Sign-in limits: per (name, address) and per name (stored), per client address (in memory). */
export const LOGIN_LIMITS = {
  /** Failures of one name from one address within `windowMinutes` that lock that pair. */
  accountFailures: 5,
  lockMinutes: 15,
  /** Failures of one name from all addresses within the window that close it to new addresses. */
  accountWideFailures: 50,
  windowMinutes: 15,
  /** An address the account signed in from within this many days stays open to it. */
  knownAddressDays: 30,
  addressFailures: 20,
  addressWindowMs: 15 * 60_000,
};

/** Why a sign-in is refused before the password is checked, and for how long. */
export type Refusal = { kind: 'locked'; retryAfterSeconds: number } | null;

/** An active lock of one account from one address, as administrators see it. */
export interface AddressLock {
  address: string;
  until: string;
}

const seconds = (until: Date | string) =>
  Math.max(1, Math.ceil((new Date(until).getTime() - Date.now()) / 1000));

/**
 * Failed sign-ins stored per (name, client address), for every name tried: a name that exists
 * and one that does not are counted, locked and answered alike, so neither the answers nor the
 * locks tell which names exist. Five failures lock the name from that address only; fifty from
 * everywhere close it to addresses it never signed in from, while the user's own workstation
 * stays open.
 */
export class LoginLockout {
  private lastSweep = 0;

  constructor(private readonly db: Queryable) {}

  /** Whether `address` may try `username` now. */
  async check(username: string, address: string): Promise<Refusal> {
    const [row] = await this.db.query<{
      pair: Date | string | null;
      recent: number;
      oldest: Date | string | null;
      known: boolean;
    }>(
      `SELECT
         (SELECT locked_until FROM login_failures
           WHERE username = $1 AND address = $2 AND locked_until > now()) AS pair,
         (SELECT coalesce(sum(failures), 0)::int FROM login_failures
           WHERE username = $1 AND since > now() - make_interval(mins => $3)) AS recent,
         (SELECT min(since) FROM login_failures
           WHERE username = $1 AND since > now() - make_interval(mins => $3)) AS oldest,
         EXISTS (SELECT 1 FROM login_known_addresses
           WHERE username = $1 AND address = $2 AND last_ok_at > now() - make_interval(days => $4)) AS known`,
      [username, address, LOGIN_LIMITS.windowMinutes, LOGIN_LIMITS.knownAddressDays],
    );
    if (row?.pair) return { kind: 'locked', retryAfterSeconds: seconds(row.pair) };
    if (row && row.recent >= LOGIN_LIMITS.accountWideFailures && !row.known && row.oldest) {
      const reopens = new Date(new Date(row.oldest).getTime() + LOGIN_LIMITS.windowMinutes * 60_000);
      return { kind: 'locked', retryAfterSeconds: seconds(reopens) };
    }
    return null;
  }

  /** Count a wrong password (or an unknown or disabled name) from `address`. */
  async fail(username: string, address: string): Promise<void> {
    await this.db.query(
      `INSERT INTO login_failures AS f (username, address, failures, since) VALUES ($1, $2, 1, now())
       ON CONFLICT (username, address) DO UPDATE SET
         failures = CASE WHEN f.since <= now() - make_interval(mins => $4) THEN 1 ELSE f.failures + 1 END,
         since = CASE WHEN f.since <= now() - make_interval(mins => $4) THEN now() ELSE f.since END,
         locked_until = CASE
           WHEN f.since > now() - make_interval(mins => $4) AND f.failures + 1 >= $3
             THEN now() + make_interval(mins => $5)
           ELSE f.locked_until END`,
      [username, address, LOGIN_LIMITS.accountFailures, LOGIN_LIMITS.windowMinutes, LOGIN_LIMITS.lockMinutes],
    );
    await this.sweep();
  }

  /** A successful sign-in: its address is known to the account, and its failures are forgotten. */
  async succeed(username: string, address: string): Promise<void> {
    await this.db.query('DELETE FROM login_failures WHERE username = $1 AND address = $2', [
      username,
      address,
    ]);
    await this.db.query(
      `INSERT INTO login_known_addresses (username, address, last_ok_at) VALUES ($1, $2, now())
       ON CONFLICT (username, address) DO UPDATE SET last_ok_at = now()`,
      [username, address],
    );
  }

  /** The account's active locks, per address (for administrators). */
  async locksOf(username: string): Promise<AddressLock[]> {
    const rows = await this.db.query<{ address: string; until: Date | string }>(
      `SELECT address, locked_until AS until FROM login_failures
       WHERE username = $1 AND locked_until > now() ORDER BY locked_until DESC`,
      [username],
    );
    return rows.map((r) => ({ address: r.address, until: new Date(r.until).toISOString() }));
  }

  /** An administrator's unlock: every address may try this name again. */
  async unlock(username: string, tx: Queryable = this.db): Promise<void> {
    await tx.query('DELETE FROM login_failures WHERE username = $1', [username]);
  }

  // Rows of windows and locks that are over are dropped, at most once a minute.
  private async sweep(): Promise<void> {
    if (Date.now() - this.lastSweep < 60_000) return;
    this.lastSweep = Date.now();
    await this.db.query(
      `DELETE FROM login_failures
       WHERE since <= now() - make_interval(mins => $1) AND (locked_until IS NULL OR locked_until <= now())`,
      [LOGIN_LIMITS.windowMinutes],
    );
  }
}
