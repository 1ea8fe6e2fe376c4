import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { STATION_SCOPED_ROLES } from '@onpatrol/contracts';
import { type Static, Type } from '@sinclair/typebox';
import { hashPassword } from '../auth/passwords.js';
import type { Database } from '../db/database.js';
import { HttpError, NotFoundError } from '../errors.js';
import { NewUserBody, UsernameParams, UserPatchBody, UserView } from './schemas.js';

const manage = { permission: 'users:manage' } as const;
const tags = ['users'];
// Sign-in locks are per client address (auth/lockout.ts): the active ones, latest first.
const SELECT = `SELECT u.username, u.display_name AS "displayName", u.role, st.no AS "stationNo", u.disabled,
  u.expires_at AS "expiresAt",
  coalesce((SELECT json_agg(json_build_object('address', f.address, 'until', f.locked_until)
     ORDER BY f.locked_until DESC) FROM login_failures f
     WHERE f.username = u.username AND f.locked_until > now()), '[]'::json) AS locks
  FROM users u LEFT JOIN stations st ON st.id = u.station_id`;

type View = Static<typeof UserView>;
type Row = Omit<View, 'expiresAt' | 'lockedUntil' | 'locks'> & {
  expiresAt: Date | string | null;
  locks: Array<{ address: string; until: string }> | string;
};
const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
const view = ({ locks: raw, ...r }: Row): View => {
  const locks = (typeof raw === 'string' ? JSON.parse(raw) : raw).map(
    (l: { address: string; until: string }) => ({
      address: l.address,
      until: new Date(l.until).toISOString(),
    }),
  );
  return { ...r, expiresAt: iso(r.expiresAt), lockedUntil: locks[0]?.until ?? null, locks };
};

/** Admins manage users, roles, station assignments and grant expiry; every change is audited. */
export const userRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, { db }) => {
  async function stationId(role: string, no: number | null | undefined): Promise<string | null> {
    const scoped = (STATION_SCOPED_ROLES as readonly string[]).includes(role);
    if (!no) {
      if (scoped) throw new HttpError(400, `role ${role} needs a stationNo`, { field: 'stationNo' });
      return null;
    }
    const [row] = await db.query<{ id: string }>('SELECT id FROM stations WHERE no = $1', [no]);
    if (!row) throw new HttpError(400, `station ${no} does not exist`, { field: 'stationNo' });
    return row.id;
  }
  async function one(username: string) {
    const [row] = await db.query<Row>(`${SELECT} WHERE u.username = $1`, [username]);
    if (!row) throw new NotFoundError(`user ${username}`);
    return view(row);
  }

  app.get(
    '/api/users',
    { config: manage, schema: { tags, response: { 200: Type.Array(UserView) } } },
    async () => (await db.query<Row>(`${SELECT} ORDER BY u.username`)).map(view),
  );

  app.post(
    '/api/users',
    { config: manage, schema: { tags, body: NewUserBody, response: { 201: UserView } } },
    async (req, reply) => {
      const b = req.body;
      const [exists] = await db.query('SELECT 1 FROM users WHERE username = $1', [b.username]);
      if (exists) throw new HttpError(409, `user ${b.username} already exists`, { field: 'username' });
      const station = await stationId(b.role, b.stationNo);
      await db.query(
        `INSERT INTO users (username, display_name, role, station_id, password_hash, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [b.username, b.displayName, b.role, station, await hashPassword(b.password), b.expiresAt ?? null],
      );
      await req.audit({
        action: 'user.create',
        targetKind: 'user',
        targetId: b.username,
        stationId: station,
        details: { role: b.role, stationNo: b.stationNo ?? null, expiresAt: b.expiresAt ?? null },
      });
      return reply.status(201).send(await one(b.username));
    },
  );

  app.patch(
    '/api/users/:username',
    {
      config: manage,
      schema: { tags, params: UsernameParams, body: UserPatchBody, response: { 200: UserView } },
    },
    async (req) => {
      const current = await one(req.params.username);
      const b = req.body;
      if (req.params.username === req.user!.username && (b.disabled || (b.role && b.role !== 'admin'))) {
        throw new HttpError(409, 'an administrator cannot disable or demote their own account', {
          rule: 'self',
        });
      }
      const role = b.role ?? current.role;
      const station =
        b.role !== undefined || b.stationNo !== undefined
          ? await stationId(role, b.stationNo ?? current.stationNo)
          : undefined;
      const sets: string[] = [];
      const params: unknown[] = [];
      const set = (col: string, v: unknown) => {
        params.push(v);
        sets.push(`${col} = $${params.length}`);
      };
      if (b.displayName !== undefined) set('display_name', b.displayName);
      if (b.role !== undefined) set('role', b.role);
      if (station !== undefined) set('station_id', station);
      if (b.disabled !== undefined) set('disabled', b.disabled);
      if (b.expiresAt !== undefined) set('expires_at', b.expiresAt);
      if (b.password !== undefined) set('password_hash', await hashPassword(b.password));
      params.push(req.params.username);
      // A changed role, station, password or a disabled account takes effect at once.
      const signOut = Boolean(b.role || station !== undefined || b.disabled || b.password);
      await db.transaction(async (tx) => {
        if (sets.length)
          await tx.query(`UPDATE users SET ${sets.join(', ')} WHERE username = $${params.length}`, params);
        if (b.unlock) await app.auth.lockout.unlock(req.params.username, tx);
        if (signOut) await tx.query('DELETE FROM sessions WHERE username = $1', [req.params.username]);
      });
      // Open sockets end too. A new expiry ends them as well: each socket timed its end by the old
      // one, and a client whose session still holds reconnects and times it again.
      if (signOut || b.expiresAt !== undefined) app.auth.sessionsEnded({ username: req.params.username });
      const { password: _, ...changed } = b;
      await req.audit({
        action: 'user.update',
        targetKind: 'user',
        targetId: req.params.username,
        stationId: station ?? null,
        details: { ...changed, passwordChanged: b.password !== undefined },
      });
      return one(req.params.username);
    },
  );
};
