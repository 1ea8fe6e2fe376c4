import type { AddressInfo } from 'node:net';
import { type Role, roleHas } from '@onpatrol/contracts';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/ops/commands.js';
import { createTestGateway, type TestGateway } from '../helpers.js';

// Every socket command × every role, generated from the gateway's own command table: a role
// without the permission gets an error acknowledgement naming it; a role with it never does.
const USERS: Record<Role, string> = {
  admin: 'admin',
  shift_leader: 'leader',
  duty_officer: 'duty',
  street_unit: 'unit',
  station_chief: 'chief1',
  community_officer: 'community1',
};
// Payloads that pass the schema but point at nothing, so allowed roles get "not found", not a change.
const PAYLOADS: Record<string, unknown> = {
  'alarm:ack': { alarmId: 999999 },
  'alarm:dismiss': { alarmId: 999999, reason: 'matrix' },
  'alarm:escalate': { alarmId: 999999 },
  'report:create': { cameraId: '13090399132099999999', kind: 'other', note: 'matrix' },
  'dispatch:send': { incidentId: 999999, unitIds: ['YH01-2'], task: 'check' },
  'order:update': { orderId: 999999, status: 'accepted' },
  'unit:position': { lat: 38.3, lon: 116.85 },
};

describe('socket command authorization matrix', () => {
  let gw: TestGateway;
  let base: string;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    gw = await createTestGateway('pglite');
    await gw.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(gw.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await gw?.close();
  });

  it('has a payload for every command', () => {
    expect([...COMMANDS.keys()].filter((k) => !(k in PAYLOADS))).toEqual([]);
  });

  for (const role of Object.keys(USERS) as Role[]) {
    it(`answers ${role} exactly as its permissions allow`, async () => {
      const socket = io(base, {
        transports: ['websocket'],
        extraHeaders: { cookie: await gw.login(USERS[role]) },
      });
      sockets.push(socket);
      await new Promise((r) => socket.on('connect', () => r(null)));
      for (const [event, cmd] of COMMANDS) {
        const ack = (await socket.emitWithAck(event as never, PAYLOADS[event] as never)) as {
          ok: boolean;
          error?: { rule?: string };
        };
        if (!roleHas(role, cmd.permission))
          expect(ack, `${role} ${event}`).toMatchObject({ ok: false, error: { rule: cmd.permission } });
        else expect(ack.error?.rule, `${role} ${event}`).not.toBe(cmd.permission);
      }
      // A sync is for those who may read operations or act as a unit.
      const sync = (await socket.emitWithAck('ops:sync', { lastSeq: null })) as { ok: boolean };
      expect(sync.ok, `${role} ops:sync`).toBe(roleHas(role, 'ops:read') || roleHas(role, 'unit:act'));
    });
  }
});
