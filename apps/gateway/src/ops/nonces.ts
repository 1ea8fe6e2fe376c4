import type { Queryable } from '../db/database.js';
import { DEVICE_CLOCK_SKEW_MS } from './deviceAuth.js';

/** One signed request's nonce, with the timestamp it was signed with (unix ms). */
export interface NonceClaim {
  deviceId: string;
  nonce: string;
  timestamp: number;
}

/** A signed device request whose nonce was seen before: a replay. */
export class ReplayedRequestError extends Error {
  override name = 'ReplayedRequestError';
  constructor() {
    super('the request nonce was used before');
  }
}

const keyOf = (c: NonceClaim) => `${c.deviceId}\u0000${c.nonce}`;

/**
 * The nonces of signed device requests, kept in the database (not in memory) so a replay is
 * refused after a gateway restart too, and by every gateway sharing the database. A nonce is
 * remembered while its request could still pass the timestamp check (timestamp + skew) and one
 * skew longer, for gateways whose clocks differ a little.
 */
export class DeviceNonces {
  constructor(private readonly db: Queryable) {}

  /**
   * Record the claims in the caller's transaction (the intake's group commit: a storm of reports
   * costs one insert per batch, and a nonce is spent only if its report is stored). Returns, per
   * claim, whether its nonce was new; of a nonce repeated within `claims` only the first is.
   */
  async claimIn(tx: Queryable, claims: readonly NonceClaim[]): Promise<boolean[]> {
    const first = new Map<string, number>();
    claims.forEach((c, i) => {
      if (!first.has(keyOf(c))) first.set(keyOf(c), i);
    });
    const unique = [...first.values()].map((i) => claims[i]!);
    if (!unique.length) return [];
    const inserted = await tx.query<{ device_id: string; nonce: string }>(
      `INSERT INTO device_nonces (device_id, nonce, expires_at)
       SELECT x.device_id, x.nonce, to_timestamp(x.ts / 1000.0) + make_interval(secs => $2)
       FROM jsonb_to_recordset($1::jsonb) AS x(device_id text, nonce text, ts bigint)
       ON CONFLICT DO NOTHING RETURNING device_id, nonce`,
      [
        JSON.stringify(unique.map((c) => ({ device_id: c.deviceId, nonce: c.nonce, ts: c.timestamp }))),
        DEVICE_CLOCK_SKEW_MS / 1000,
      ],
    );
    const fresh = new Set(
      inserted.map((r) => keyOf({ deviceId: r.device_id, nonce: r.nonce, timestamp: 0 })),
    );
    return claims.map((c, i) => first.get(keyOf(c)) === i && fresh.has(keyOf(c)));
  }

  /** One claim on its own (unit terminals: a few requests a second across the district). */
  async claim(c: NonceClaim): Promise<boolean> {
    return (await this.claimIn(this.db, [c]))[0] ?? false;
  }

  /** Forget nonces whose requests can no longer pass the timestamp check anywhere. */
  async prune(now = Date.now()): Promise<number> {
    const gone = await this.db.query<{ n: number }>(
      `WITH d AS (DELETE FROM device_nonces WHERE expires_at < to_timestamp($1 / 1000.0) RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
      [now - DEVICE_CLOCK_SKEW_MS],
    );
    return gone[0]?.n ?? 0;
  }
}
