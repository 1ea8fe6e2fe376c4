import { createHash, randomBytes } from 'node:crypto';
import { type Me, ROLE_PERMISSIONS, type Role, STATION_SCOPED_ROLES } from '@onpatrol/contracts';
import type { Database } from '../db/database.js';
import { LOGIN_LIMITS, LoginLockout } from './lockout.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { AddressThrottle } from './throttle.js';

export { LOGIN_LIMITS } from './lockout.js';

/** The signed-in user as every route sees it. */
export interface SessionUser extends Me {
  tokenHash: string;
  /** A street unit's open orders' places, loaded by the guard per request (see scopeOf). */
  orderPlaces?: Array<{ lat: number; lon: number }>;
}

interface UserRow {
  username: string;
  expires_at: Date | string | null;
  display_name: string;
  role: Role;
  station_id: string | null;
  station_no: number | null;
  unit_id: string | null;
  password_hash: string;
  disabled: boolean;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  stationId: string | null;
  password: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

// Compared against when the username is unknown, so both paths cost one argon2 verify.
let dummyHash: Promise<string> | null = null;

/** Sessions that ended before their time: one session, or every session of a user. */
export type EndedSessions = { tokenHash: string } | { username: string };

export type LoginOutcome =
  | { ok: true; token: string; user: Me }
  | { ok: false; reason: 'wrong' | 'locked' | 'throttled' | 'expired'; retryAfterSeconds?: number };

/** Users, password checks and server-side sessions. */
export class AuthService {
  private readonly throttle = new AddressThrottle(LOGIN_LIMITS.addressFailures, LOGIN_LIMITS.addressWindowMs);
  private readonly endedListeners: Array<(ended: EndedSessions) => void> = [];
  /** Failed sign-ins per (name, address); administrators read and clear it. */
  readonly lockout: LoginLockout;

  constructor(
    private readonly db: Database,
    private readonly sessionHours: number,
  ) {
    this.lockout = new LoginLockout(db);
  }

  /** Create or replace a user (used by the demo seed and, later, by admins). */
  async upsertUser(u: NewUser): Promise<void> {
    if (STATION_SCOPED_ROLES.includes(u.role) && !u.stationId) {
      throw new Error(`role ${u.role} needs a station`);
    }
    await this.db.query(
      `INSERT INTO users (username, display_name, role, station_id, password_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (username) DO UPDATE SET display_name = $2, role = $3, station_id = $4, password_hash = $5`,
      [u.username, u.displayName, u.role, u.stationId, await hashPassword(u.password)],
    );
  }

  async countUsers(): Promise<number> {
    const [row] = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    return row?.n ?? 0;
  }

  /**
   * Check the password and open a session. Refused while the address is throttled or the name
   * is locked for this address. A name that does not exist (or is disabled) takes the same path
   * as a wrong password: one argon2 verify, one failure counted, the same answer.
   */
  async login(username: string, password: string, address = 'unknown'): Promise<LoginOutcome> {
    const wait = this.throttle.retryAfterMs(address);
    if (wait > 0) return { ok: false, reason: 'throttled', retryAfterSeconds: Math.ceil(wait / 1000) };
    const refusal = await this.lockout.check(username, address);
    if (refusal) return { ok: false, reason: 'locked', retryAfterSeconds: refusal.retryAfterSeconds };
    const row = await this.findUser(username);
    const usable = row && !row.disabled ? row : undefined;
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const stored = usable?.password_hash ?? (await dummyHash);
    if (!(await verifyPassword(stored, password)) || !usable) {
      this.throttle.fail(address);
      await this.lockout.fail(username, address);
      return { ok: false, reason: 'wrong' };
    }
    if (usable.expires_at && new Date(usable.expires_at).getTime() <= Date.now())
      return { ok: false, reason: 'expired' };
    await this.lockout.succeed(usable.username, address);
    const token = randomBytes(32).toString('base64url');
    await this.db.query(
      `INSERT INTO sessions (token_hash, username, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3))`,
      [sha256(token), usable.username, this.sessionHours],
    );
    return { ok: true, token, user: toMe(usable) };
  }

  /** The user behind a session token, or null when it is unknown, expired or the user is disabled. */
  async userForToken(token: string): Promise<SessionUser | null> {
    const tokenHash = sha256(token);
    const [row] = await this.db.query<UserRow>(
      `SELECT u.*, st.no AS station_no FROM sessions s
         JOIN users u ON u.username = s.username
         LEFT JOIN stations st ON st.id = u.station_id
       WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled
         AND (u.expires_at IS NULL OR u.expires_at > now())`,
      [tokenHash],
    );
    return row ? { ...toMe(row), tokenHash } : null;
  }

  /**
   * When the session stops being valid by itself (its own expiry or the account's, in ms since the
   * epoch), or null when it is not valid now; open sockets end at that moment.
   */
  async sessionEndsAt(tokenHash: string): Promise<number | null> {
    const [row] = await this.db.query<{ ends: Date | string }>(
      `SELECT LEAST(s.expires_at, COALESCE(u.expires_at, s.expires_at)) AS ends FROM sessions s
         JOIN users u ON u.username = s.username
       WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled
         AND (u.expires_at IS NULL OR u.expires_at > now())`,
      [tokenHash],
    );
    return row ? new Date(row.ends).getTime() : null;
  }

  /** End a session on the server. */
  async logout(tokenHash: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
    this.sessionsEnded({ tokenHash });
  }

  /** Be told when sessions end early (sign-out, account changes): the realtime layer closes their sockets. */
  onSessionsEnded(listener: (ended: EndedSessions) => void): void {
    this.endedListeners.push(listener);
  }

  /** Tell the listeners that sessions ended (or that the account changed); call after the change committed. */
  sessionsEnded(ended: EndedSessions): void {
    for (const listener of this.endedListeners) listener(ended);
  }

  private async findUser(username: string): Promise<UserRow | undefined> {
    const [row] = await this.db.query<UserRow>(
      `SELECT u.*, st.no AS station_no FROM users u LEFT JOIN stations st ON st.id = u.station_id
       WHERE u.username = $1`,
      [username],
    );
    return row;
  }
}

function toMe(row: UserRow): Me {
  return {
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    stationId: row.station_id,
    stationNo: row.station_no,
    unitId: row.unit_id ?? null,
    permissions: [...ROLE_PERMISSIONS[row.role]],
  };
}
