import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/ops/commands.js';
import { CLIENT_EVENTS } from '../../src/realtime/clientEvents.js';
import { MAX_CLIENT_MESSAGE_BYTES } from '../../src/realtime/plugin.js';
import { createTestGateway, type TestGateway } from '../helpers.js';
import { rawConnect } from './raw.js';

// Whatever a client sends — handshake, frames, event payloads — the gateway answers or refuses it
// and keeps running: an error that escapes a socket.io callback would end the whole process.
describe('fuzzing the socket', () => {
  let gw: TestGateway;
  let base: string;
  let socket: Socket;
  const escaped: unknown[] = [];
  const collect = (err: unknown) => escaped.push(err);

  beforeAll(async () => {
    process.on('unhandledRejection', collect);
    process.on('uncaughtException', collect);
    gw = await createTestGateway('pglite');
    await gw.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(gw.app.server.address() as AddressInfo).port}`;
    socket = io(base, { transports: ['websocket'], extraHeaders: { cookie: await gw.login('leader') } });
    await new Promise((r) => socket.on('connect', () => r(null)));
  });
  afterAll(async () => {
    process.off('unhandledRejection', collect);
    process.off('uncaughtException', collect);
    socket?.close();
    await gw?.close();
  });
  afterEach(() => {
    // Each test answers for what escaped during it.
    expect(escaped.splice(0).map(String)).toEqual([]);
  });

  /** The process still serves: HTTP, and a signed-in socket that syncs. */
  async function stillServing() {
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    const ok = io(base, {
      transports: ['websocket'],
      extraHeaders: { cookie: await gw.login('duty') },
      reconnection: false,
    });
    try {
      await new Promise((r) => ok.once('connect', () => r(null)));
      expect((await ok.emitWithAck('ops:sync', { lastSeq: 0 })).ok).toBe(true);
    } finally {
      ok.close();
    }
  }

  // Header values Node will put on the wire: tab, visible ASCII, Latin-1.
  const headerChar = fc.oneof(
    fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)),
    fc.constant('\t'),
  );
  const headerValue = fc.oneof(
    fc.string({ unit: headerChar, maxLength: 120 }),
    fc.constantFrom('%E0%A4%A', '%', '%%', '%FF%FE', '%u0041', '%00', '"', '""', '=', ';', 'a'.repeat(6000)),
  );
  const cookie = fc.oneof(
    headerValue,
    fc
      .array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom(
              'op_session',
              'op_session ',
              ' op_session',
              'OP_SESSION',
              '__proto__',
              'constructor',
            ),
            fc.string({ unit: headerChar, maxLength: 12 }),
          ),
          headerValue,
        ),
        { maxLength: 4 },
      )
      .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('; ')),
  );
  // Headers the HTTP client itself manages (framing, the WebSocket upgrade) are left to it.
  const CLIENT_OWNED =
    /^(connection|upgrade|content-length|transfer-encoding|sec-websocket-.*|host|te|trailer)$/;
  const headers = fc.record({
    cookie,
    extra: fc.dictionary(
      fc.oneof(
        fc.constantFrom(
          'origin',
          'x-forwarded-for',
          'user-agent',
          'accept-language',
          'authorization',
          'referer',
        ),
        fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/).filter((h) => !CLIENT_OWNED.test(h)),
      ),
      headerValue,
      { maxKeys: 3 },
    ),
  });
  const auth = fc.oneof(
    fc.anything({ maxDepth: 2 }),
    fc.record({ batch: fc.anything({ maxDepth: 1 }) }),
    fc.constant({ batch: true }),
  );
  const query = fc.dictionary(
    fc.oneof(fc.constantFrom('EIO', 'transport', 'sid', 't', 'b64', 'j'), fc.string({ maxLength: 8 })),
    fc.string({ maxLength: 30 }),
    { maxKeys: 3 },
  );
  const transports = fc.constantFrom(['polling'], ['websocket'], ['polling', 'websocket']);

  /** How a handshake ended: connected, refused by the server, or its connection closed. */
  function handshake(
    h: { cookie: string; extra: Record<string, string> },
    a: unknown,
    q: object,
    t: readonly string[],
  ) {
    const c = io(base, {
      transports: [...t],
      extraHeaders: { ...h.extra, cookie: h.cookie },
      auth: a as object,
      query: q as Record<string, string>,
      reconnection: false,
      forceNew: true,
      timeout: 5000,
    });
    return new Promise<{ outcome: string; message?: string }>((resolve) => {
      const done = (outcome: string, message?: string) => {
        clearTimeout(guard);
        c.close();
        resolve({ outcome, message });
      };
      // Only a guard against a handshake left hanging: the server must answer or close.
      const guard = setTimeout(() => done('hung'), 20_000);
      c.once('connect', () => done('connected'));
      c.once('connect_error', (e) => done('refused', e.message));
      // The manager closes just before the refusal is emitted: let the refusal speak first.
      c.io.once('close', () => setTimeout(() => done('closed'), 50));
    });
  }

  it('refuses the malformed cookie that used to stop the gateway', async () => {
    const r = await handshake({ cookie: 'op_session=%E0%A4%A', extra: {} }, {}, {}, ['websocket']);
    expect(r).toEqual({ outcome: 'refused', message: 'unauthorized' });
    await stillServing();
  });

  it('refuses every hostile handshake without a session and keeps running', async () => {
    await fc.assert(
      fc.asyncProperty(headers, auth, query, transports, async (h, a, q, t) => {
        const r = await handshake(h, a, q, t);
        expect(['refused', 'closed']).toContain(r.outcome);
      }),
      { numRuns: 120 },
    );
    await stillServing();
  });

  it('survives hostile handshakes that carry a real session, admitting only a valid auth payload', async () => {
    const real = await gw.login('community1');
    await fc.assert(
      fc.asyncProperty(headers, auth, transports, async (h, a, t) => {
        const r = await handshake({ ...h, cookie: real }, a, {}, t);
        const batch = a !== null && typeof a === 'object' ? (a as { batch?: unknown }).batch : undefined;
        if (r.outcome === 'connected') {
          expect(batch === undefined || typeof batch === 'boolean', JSON.stringify(a)).toBe(true);
          // HTTP trims header values: an origin of only white space arrives as none.
          expect((h.extra.origin ?? '').trim()).toBe('');
        }
      }),
      { numRuns: 60 },
    );
    await stillServing();
  });

  // Engine.IO and socket.io frames assembled from their grammar with hostile parts.
  const eventName = fc.oneof(
    fc.constantFrom(...Object.keys(CLIENT_EVENTS), 'error', '__proto__', 'constructor', 'disconnecting'),
    fc.string({ maxLength: 12 }),
    fc.integer(),
  );
  const frame = fc
    .tuple(
      fc.constantFrom('4', '4', '4', '2', '3', '5', '6', '1', '0', 'b', ''),
      fc.constantFrom('0', '1', '2', '2', '3', '4', '5', '6', '7', ''),
      fc.constantFrom('', '', '1-', '99999999-', '/', '/admin,', ','),
      fc.oneof(fc.constant(''), fc.nat().map(String), fc.constant('99999999999999999999')),
      fc.oneof(
        fc.json(),
        fc.string({ maxLength: 40 }),
        fc.tuple(eventName, fc.anything({ maxDepth: 2 })).map((x) => JSON.stringify(x)),
        fc.constant('[{"_placeholder":true,"num":0}]'),
      ),
    )
    .map((parts) => parts.join(''));

  it('survives random frames on a signed-in connection', async () => {
    const cookieHeader = await gw.login('community1');
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 5 }), async (frames) => {
        const { socket: raw } = await rawConnect(base, { cookie: cookieHeader });
        for (const f of frames) raw.send(f);
        // An ack-bearing event as the last word: answered, closed or (after a namespace
        // DISCONNECT) ignored — never a crash.
        await Promise.race([
          raw.emitWithAck('ops:sync', { lastSeq: 0 }),
          new Promise((r) => setTimeout(r, 1000)),
        ]);
        raw.close();
        await raw.closed;
      }),
      { numRuns: 60 },
    );
    await stillServing();
  });

  it(`closes a connection whose message exceeds ${MAX_CLIENT_MESSAGE_BYTES} bytes`, async () => {
    const { socket: raw } = await rawConnect(base, { cookie: await gw.login('duty') });
    const small = await raw.emitWithAck('ops:sync', {
      lastSeq: 0,
      pad: 'x'.repeat(MAX_CLIENT_MESSAGE_BYTES / 2),
    });
    expect(small).not.toBe('closed');
    const big = await raw.emitWithAck('ops:sync', {
      lastSeq: 0,
      pad: 'x'.repeat(MAX_CLIENT_MESSAGE_BYTES * 2),
    });
    expect(big).toBe('closed');
    await stillServing();
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

  it('answers every random command payload with an acknowledgement and stores nothing from rejected ones', async () => {
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
    const sync = (await socket.emitWithAck('ops:sync', { lastSeq: 0 })) as { ok: boolean };
    expect(sync.ok).toBe(true);
  });

  it('ignores events sent without an acknowledgement callback, or with a value where it belongs', async () => {
    socket.emit('alarm:ack' as never, { alarmId: 1 } as never);
    socket.emit('ops:sync' as never, null as never);
    socket.emit('ops:sync' as never, { lastSeq: 0 } as never, 'not a function' as never);
    socket.emit('registry:resync' as never, 42 as never);
    socket.emit('error' as never, 'boom' as never);
    const sync = (await socket.emitWithAck('ops:sync', { lastSeq: 0 })) as { ok: boolean };
    expect(sync.ok).toBe(true);
  });
});
