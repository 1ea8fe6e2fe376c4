import type { AddressInfo } from 'node:net';
import type { Ack, ClientToServerEvents, OpsSync, ServerToClientEvents } from '@onpatrol/contracts';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SNAPSHOT_INTERVAL_MS, SYNC_BURST } from '../../src/ops/syncLimit.js';
import { MAX_SOCKETS_PER_SESSION } from '../../src/realtime/sessions.js';
import { createTestGateway, TEST_PASSWORD, type TestGateway } from '../helpers.js';
import { freshSession } from './raw.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
type Refusal = Error & { data?: { rule?: string } };

// One session cannot hold sockets without end, and one socket cannot ask for snapshots without end.
describe('socket limits', () => {
  let gw: TestGateway;
  let base: string;
  const clients: Client[] = [];
  beforeAll(async () => {
    gw = await createTestGateway('pglite');
    await gw.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(gw.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await gw?.close();
  });

  /** Resolves with the client once connected, or with the handshake's refusal. */
  function attempt(cookie: string): Promise<{ c: Client; refused?: Refusal }> {
    const c: Client = io(base, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false });
    clients.push(c);
    return new Promise((resolve) => {
      c.once('connect', () => resolve({ c }));
      c.once('connect_error', (refused) => resolve({ c, refused }));
    });
  }

  it(`admits ${MAX_SOCKETS_PER_SESSION} sockets per session and refuses the next with the rule`, async () => {
    const { cookie } = await freshSession(gw, 'duty', TEST_PASSWORD);
    // All at once: concurrent handshakes must not slip past the count together.
    const first = await Promise.all(
      Array.from({ length: MAX_SOCKETS_PER_SESSION + 4 }, () => attempt(cookie)),
    );
    const admitted = first.filter((a) => !a.refused);
    expect(admitted).toHaveLength(MAX_SOCKETS_PER_SESSION);
    for (const { refused } of first.filter((a) => a.refused)) {
      expect(refused?.message).toMatch(new RegExp(`at most ${MAX_SOCKETS_PER_SESSION}`));
      expect(refused?.data?.rule).toBe('session-sockets');
    }
    // Another session of the same user has its own places.
    const other = await freshSession(gw, 'duty', TEST_PASSWORD);
    expect((await attempt(other.cookie)).refused).toBeUndefined();
    // A closed socket gives its place back (the server may see the close a moment later).
    admitted[0]!.c.close();
    let again = await attempt(cookie);
    for (let i = 0; again.refused && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 100));
      again = await attempt(cookie);
    }
    expect(again.refused).toBeUndefined();
  });

  it('gives one full snapshot per socket and interval, names the rule when refusing, and replays freely', async () => {
    const { c } = await attempt(await gw.login('leader'));
    const sync = (lastSeq: number | null) => c.emitWithAck('ops:sync', { lastSeq }) as Promise<Ack<OpsSync>>;
    const first = await sync(null);
    if (!first.ok || first.data.kind !== 'snapshot') throw new Error('expected a snapshot');
    const second = await sync(null);
    expect(second).toMatchObject({ ok: false, error: { rule: 'ops:sync-snapshot-rate' } });
    if (!second.ok) expect(second.error.message).toContain(`${SNAPSHOT_INTERVAL_MS / 1000} s`);
    // A catch-up by replay is not a snapshot.
    const replay = await sync(first.data.snapshot.seq);
    expect(replay).toMatchObject({ ok: true, data: { kind: 'replay' } });
    // Another socket of the same user has its own allowance.
    const { c: other } = await attempt(await gw.login('leader'));
    expect((await other.emitWithAck('ops:sync', { lastSeq: null })).ok).toBe(true);
  });

  it('refuses a flood of catch-ups from one socket with the rule', async () => {
    const { c } = await attempt(await gw.login('duty'));
    const acks = await Promise.all(
      Array.from({ length: SYNC_BURST * 4 }, () => c.emitWithAck('ops:sync', { lastSeq: 0 })),
    );
    expect(acks.filter((a) => a.ok).length).toBeGreaterThanOrEqual(SYNC_BURST - 1);
    const refused = acks.filter((a) => !a.ok);
    expect(refused.length).toBeGreaterThan(0);
    for (const a of refused) expect(a).toMatchObject({ ok: false, error: { rule: 'ops:sync-rate' } });
  });
});
