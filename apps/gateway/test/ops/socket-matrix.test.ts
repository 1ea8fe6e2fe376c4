import type { AddressInfo } from 'node:net';
import {
  type ClientToServerEvents,
  ROLES,
  type Role,
  roleHas,
  type ServerToClientEvents,
} from '@onpatrol/contracts';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_EVENTS } from '../../src/realtime/clientEvents.js';
import { SESSION_RECHECK_MS } from '../../src/realtime/sessions.js';
import { createTestGateway, TEST_PASSWORD, type TestGateway } from '../helpers.js';
import { freshSession } from './raw.js';

// Every event a client can send × every role, generated from the gateway's own table of client
// events (the commands' entries come from the command table): a role without a permission the
// table names gets an error acknowledgement naming it, a role with one never does; a socket whose
// session ended gets nothing but "session"; an event outside the table is refused as such.
const USERS: Record<Role, string> = {
  admin: 'admin',
  shift_leader: 'leader',
  duty_officer: 'duty',
  street_unit: 'unit',
  station_chief: 'chief1',
  community_officer: 'community1',
};
/** Marks an event whose only argument is its acknowledgement. */
const NO_PAYLOAD = Symbol('no payload');
// Payloads that pass the schema but point at nothing, so allowed roles get "not found", not a change.
const PAYLOADS: Record<keyof ClientToServerEvents, unknown> = {
  'registry:resync': NO_PAYLOAD,
  'ops:sync': { lastSeq: 0 },
  'alarm:ack': { alarmId: 999999 },
  'alarm:dismiss': { alarmId: 999999, reason: 'matrix' },
  'alarm:escalate': { alarmId: 999999 },
  'report:create': { cameraId: '13090399132099999999', kind: 'other', note: 'matrix' },
  'dispatch:send': { incidentId: 999999, unitIds: ['YH01-2'], task: 'check' },
  'order:update': { orderId: 999999, status: 'accepted' },
  'unit:position': { lat: 38.3, lon: 116.85 },
};
/** Names a client may try that are not events: EventEmitter's own, the prototype's, unknown ones. */
const NOT_EVENTS = ['error', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'admin:users', 'x'];
const EVENTS = Object.keys(CLIENT_EVENTS) as Array<keyof ClientToServerEvents>;

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
type Answer = { ok?: boolean; error?: { rule?: string }; registryVersion?: string };

describe('socket authorization matrix', () => {
  let gw: TestGateway;
  let base: string;
  const sockets: Client[] = [];
  beforeAll(async () => {
    gw = await createTestGateway('pglite');
    await gw.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(gw.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await gw?.close();
  });

  async function connect(cookie: string): Promise<Client> {
    const socket: Client = io(base, {
      transports: ['websocket'],
      extraHeaders: { cookie },
      reconnection: false,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return socket;
  }
  const send = (socket: Client, event: string) => {
    const payload = PAYLOADS[event as keyof ClientToServerEvents];
    const args = payload === NO_PAYLOAD ? [] : [payload];
    // Untyped on purpose: names outside the contract are sent too.
    return (socket as unknown as Socket).timeout(10_000).emitWithAck(event, ...args) as Promise<Answer>;
  };

  it('has a payload for every client event and a permission for every one', () => {
    expect(EVENTS.filter((e) => !(e in PAYLOADS))).toEqual([]);
    for (const e of EVENTS) expect(CLIENT_EVENTS[e].length, e).toBeGreaterThan(0);
  });

  for (const role of ROLES) {
    it(`answers ${role} exactly as its permissions allow`, async () => {
      const socket = await connect(await gw.login(USERS[role]));
      for (const event of EVENTS) {
        const needs = CLIENT_EVENTS[event];
        const ack = await send(socket, event);
        if (!needs.some((p) => roleHas(role, p))) {
          expect(ack, `${role} ${event}`).toMatchObject({ ok: false, error: { rule: needs[0] } });
        } else {
          expect(needs, `${role} ${event}`).not.toContain(ack.error?.rule);
          if (event === 'ops:sync') expect(ack.ok, `${role} ${event}`).toBe(true);
          if (event === 'registry:resync') expect(ack.registryVersion, `${role} ${event}`).toBe('1');
        }
      }
      for (const name of NOT_EVENTS) {
        const ack = await send(socket, name);
        expect(ack, `${role} ${name}`).toMatchObject({ ok: false, error: { rule: 'event' } });
      }
      // Still connected and served after all of it.
      expect(((await send(socket, 'ops:sync')) as Answer).error?.rule).not.toBe('session');
    });
  }

  it('answers every event on a socket whose session ended with "session" only, and closes it', async () => {
    // One session and socket per event: the first refusal closes the socket.
    const opened = await Promise.all(
      EVENTS.map(async (event) => {
        const { cookie, tokenHash } = await freshSession(gw, 'admin', TEST_PASSWORD);
        return { event, tokenHash, socket: await connect(cookie) };
      }),
    );
    // Signed out where this gateway is not told (another gateway, a database job).
    await gw.db.query('DELETE FROM sessions WHERE token_hash = ANY($1)', [opened.map((o) => o.tokenHash)]);
    await new Promise((r) => setTimeout(r, SESSION_RECHECK_MS + 100));
    for (const { event, socket } of opened) {
      const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
      expect(await send(socket, event), event).toMatchObject({ ok: false, error: { rule: 'session' } });
      expect(await closed).toBe('io server disconnect');
    }
  });

  it('closes the socket of a signed-out session, whatever it would send next', async () => {
    const { cookie } = await freshSession(gw, 'leader', TEST_PASSWORD);
    const socket = await connect(cookie);
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const out = await gw.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(await closed).toBe('io server disconnect');
    const again = new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    socket.connect();
    expect((await again).message).toBe('unauthorized');
  });
});
