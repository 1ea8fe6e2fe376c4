import type { AddressInfo } from 'node:net';
import type { ClientToServerEvents, ServerToClientEvents } from '@onpatrol/contracts';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_RECHECK_MS } from '../../src/realtime/sessions.js';
import { createTestGateway, getAs, TEST_PASSWORD, type TestGateway } from '../helpers.js';
import { freshSession, type RawSocket, rawConnect } from './raw.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const PASSWORD = 'socket-session-pw-1';

// An open socket must not outlive its session: sign-out, a disabled account, a new role, station
// or password, and expiry each close it, and a command sent on it afterwards is not carried out.
describe('sockets end with their session', { timeout: 30_000 }, () => {
  let gw: TestGateway;
  let base: string;
  let admin: string;
  let cameraId: string;
  const open: Array<{ close(): void }> = [];

  beforeAll(async () => {
    gw = await createTestGateway('pglite');
    await gw.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(gw.app.server.address() as AddressInfo).port}`;
    admin = await gw.login('admin');
    cameraId = (await getAs(gw, 'admin', '/api/cameras?station=1&limit=1')).json().items[0].id;
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await gw?.close();
  });

  const count = async (table: 'incidents' | 'orders') =>
    (await gw.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  const patch = (username: string, body: object) =>
    gw.app.inject({
      method: 'PATCH',
      url: `/api/users/${username}`,
      payload: body,
      headers: { cookie: admin },
    });

  async function newUser(username: string, role: string, stationNo?: number) {
    const res = await gw.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin },
      payload: { username, displayName: username, role, password: PASSWORD, stationNo },
    });
    expect(res.statusCode).toBe(201);
    return freshSession(gw, username, PASSWORD);
  }

  /** A connected socket.io client; `ended` resolves with the reason the server gave for closing it. */
  async function connect(cookie: string) {
    const c: Client = io(base, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false });
    open.push(c);
    const ended = new Promise<string>((resolve) => c.on('disconnect', (reason) => resolve(reason)));
    await new Promise<void>((resolve, reject) => {
      c.once('connect', resolve);
      c.once('connect_error', reject);
    });
    return { c, ended };
  }
  async function raw(cookie: string): Promise<RawSocket> {
    const { socket, answer } = await rawConnect(base, { cookie });
    open.push(socket);
    expect(answer.startsWith('40{')).toBe(true);
    return socket;
  }
  /** Connecting again with the same cookie is refused. */
  async function refusedAgain(c: Client) {
    const err = new Promise<Error>((resolve) => c.once('connect_error', resolve));
    c.connect();
    expect((await err).message).toBe('unauthorized');
  }

  it('sign-out closes that session’s sockets at once, and a command sent after it is not carried out', async () => {
    const { cookie } = await newUser('s.logout', 'shift_leader');
    const other = await freshSession(gw, 's.logout', PASSWORD);
    const a = await connect(cookie);
    const r = await raw(cookie);
    const b = await connect(other.cookie);
    const before = await count('incidents');
    const out = await gw.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(await a.ended).toBe('io server disconnect');
    // The raw client ignores the DISCONNECT and sends anyway: the connection is gone.
    const sent = await r.emitWithAck('report:create', { cameraId, kind: 'other', note: 'after logout' });
    expect(sent).toBe('closed');
    expect(await count('incidents')).toBe(before);
    await refusedAgain(a.c);
    // The same user's other session keeps its socket.
    const sync = await b.c.emitWithAck('ops:sync', { lastSeq: 0 });
    expect(sync.ok).toBe(true);
  });

  it('disabling an account closes every socket of it; its dispatch is not carried out', async () => {
    const first = await newUser('s.disabled', 'shift_leader');
    const second = await freshSession(gw, 's.disabled', PASSWORD);
    const a = await connect(first.cookie);
    const r = await raw(second.cookie);
    const report = await a.c.emitWithAck('report:create', { cameraId, kind: 'other', note: 'before' });
    if (!report.ok) throw new Error(report.error.message);
    const orders = await count('orders');
    expect((await patch('s.disabled', { disabled: true })).statusCode).toBe(200);
    expect(await a.ended).toBe('io server disconnect');
    const sent = await r.emitWithAck('dispatch:send', {
      incidentId: report.data.id,
      unitIds: ['YH01-1'],
      task: 'check',
    });
    expect(sent).toBe('closed');
    expect(await r.closed).toBeGreaterThan(0);
    expect(await count('orders')).toBe(orders);
    await refusedAgain(a.c);
  });

  for (const [what, username, role, station, change] of [
    ['a new role', 's.role', 'shift_leader', undefined, { role: 'duty_officer' }],
    ['a new station', 's.station', 'station_chief', 1, { stationNo: 2 }],
    ['a new password', 's.password', 'duty_officer', undefined, { password: 'another-password-9' }],
  ] as const) {
    it(`${what} closes the account’s sockets`, async () => {
      const { cookie } = await newUser(username, role, station);
      const a = await connect(cookie);
      expect((await patch(username, change)).statusCode).toBe(200);
      expect(await a.ended).toBe('io server disconnect');
      await refusedAgain(a.c);
    });
  }

  it('a new account expiry closes the sockets, and a client whose session still holds may come back', async () => {
    const { cookie } = await newUser('s.grant', 'duty_officer');
    const a = await connect(cookie);
    const until = new Date(Date.now() + 3600_000).toISOString();
    expect((await patch('s.grant', { expiresAt: until })).statusCode).toBe(200);
    expect(await a.ended).toBe('io server disconnect');
    const back = new Promise<void>((resolve) => a.c.once('connect', () => resolve()));
    a.c.connect();
    await back;
  });

  it('a session that runs out closes its socket when it does', async () => {
    const { cookie, tokenHash } = await freshSession(gw, 'duty', TEST_PASSWORD);
    await gw.db.query(`UPDATE sessions SET expires_at = now() + interval '2 seconds' WHERE token_hash = $1`, [
      tokenHash,
    ]);
    const a = await connect(cookie);
    expect(await a.ended).toBe('io server disconnect');
    await refusedAgain(a.c);
  });

  it('an account grant that runs out closes its sockets when it does', async () => {
    const { cookie } = await newUser('s.expiring', 'duty_officer');
    // Straight in the database: no administrator's change announces it.
    await gw.db.query(`UPDATE users SET expires_at = now() + interval '2 seconds' WHERE username = $1`, [
      's.expiring',
    ]);
    const a = await connect(cookie);
    expect(await a.ended).toBe('io server disconnect');
    await refusedAgain(a.c);
  });

  it('refuses a command once the session is gone even when nobody announced it', async () => {
    const { cookie, tokenHash } = await newUser('s.silent', 'shift_leader');
    const a = await connect(cookie);
    const before = await count('incidents');
    // Ended elsewhere (another gateway, a database job): only the command's own check can tell.
    await gw.db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
    await new Promise((r) => setTimeout(r, SESSION_RECHECK_MS + 100));
    const ack = await a.c.emitWithAck('report:create', { cameraId, kind: 'other', note: 'silent' });
    expect(ack).toMatchObject({ ok: false, error: { rule: 'session' } });
    expect(await a.ended).toBe('io server disconnect');
    expect(await count('incidents')).toBe(before);
  });
});
