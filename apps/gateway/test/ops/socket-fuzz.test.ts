import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/ops/commands.js';
import { createTestGateway, type TestGateway } from '../helpers.js';

// Random socket payloads for every command: an acknowledgement always comes back, a rejected one
// names why, nothing is stored from it, and the gateway keeps serving.
describe('fuzzing socket commands', () => {
  let gw: TestGateway;
  let socket: Socket;
  beforeAll(async () => {
    gw = await createTestGateway('pglite');
    await gw.app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(gw.app.server.address() as AddressInfo).port}`;
    socket = io(base, { transports: ['websocket'], extraHeaders: { cookie: await gw.login('leader') } });
    await new Promise((r) => socket.on('connect', () => r(null)));
  });
  afterAll(async () => {
    socket?.close();
    await gw?.close();
  });

  const payload = fc.oneof(
    fc.anything(),
    fc.dictionary(
      fc.constantFrom(
        'alarmId',
        'reason',
        'note',
        'cameraId',
        'kind',
        'incidentId',
        'unitIds',
        'task',
        'orderId',
        'status',
        'lat',
        'lon',
        '__proto__',
        'constructor',
      ),
      fc.oneof(
        fc.integer(),
        fc.double(),
        fc.string(),
        fc.constant('constructor'),
        fc.array(fc.string()),
        fc.constant(null),
      ),
    ),
  );

  it('answers every random payload with an acknowledgement and stores nothing from rejected ones', async () => {
    const events = async () =>
      (await gw.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events'))[0]!.n;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...COMMANDS.keys()), payload, async (event, body) => {
        const before = await events();
        const ack = (await socket.timeout(5000).emitWithAck(event as never, body as never)) as {
          ok: boolean;
          error?: { message: string };
        };
        if (!ack.ok) {
          expect(ack.error?.message).toBeTruthy();
          expect(await events()).toBe(before);
        }
      }),
      { numRuns: 150 },
    );
    // Still serving.
    const sync = (await socket.emitWithAck('ops:sync', { lastSeq: null })) as { ok: boolean };
    expect(sync.ok).toBe(true);
  });

  it('ignores a command sent without an acknowledgement callback', async () => {
    socket.emit('alarm:ack' as never, { alarmId: 1 } as never);
    socket.emit('ops:sync' as never, null as never);
    const sync = (await socket.emitWithAck('ops:sync', { lastSeq: null })) as { ok: boolean };
    expect(sync.ok).toBe(true);
  });
});
