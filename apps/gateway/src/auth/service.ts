import { createHash, randomBytes } from 'node:crypto';
import { type Me, ROLE_PERMISSIONS, type Role, STATION_SCOPED_ROLES } from '@onpatrol/contracts';
import type { Database } from '../db/database.js';
import { hashPassword, verifyPassword } from './passwords.js';

/** The signed-in user as every route sees it. */
export interface SessionUser extends Me {
  tokenHash: string;
}

interface UserRow {
  username: string;
  display_name: string;
  role: Role;
  station_id: string | null;
  station_no: number | null;
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

/** Users, password checks and server-side sessions. */
export class AuthService {
  constructor(
    private readonly db: Database,
    private readonly sessionHours: number,
  ) {}

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

  /** Check the password and open a session; null when the credentials are wrong. */
  async login(username: string, password: string): Promise<{ token: string; user: Me } | null> {
    const row = await this.findUser(username);
    if (!row || row.disabled) {
      dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
      await verifyPassword(await dummyHash, password);
      return null;
    }
    if (!(await verifyPassword(row.password_hash, password))) return null;
    const token = randomBytes(32).toString('base64url');
    await this.db.query(
      `INSERT INTO sessions (token_hash, username, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3))`,
      [sha256(token), row.username, this.sessionHours],
    );
    return { token, user: toMe(row) };
  }

  /** The user behind a session token, or null when it is unknown, expired or the user is disabled. */
  async userForToken(token: string): Promise<SessionUser | null> {
    const tokenHash = sha256(token);
    const [row] = await this.db.query<UserRow>(
      `SELECT u.*, st.no AS station_no FROM sessions s
         JOIN users u ON u.username = s.username
         LEFT JOIN stations st ON st.id = u.station_id
       WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled`,
      [tokenHash],
    );
    return row ? { ...toMe(row), tokenHash } : null;
  }

  /** End a session on the server. */
  async logout(tokenHash: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
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
    permissions: [...ROLE_PERMISSIONS[row.role]],
  };
}
