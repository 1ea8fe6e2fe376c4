import type { AddressInfo } from 'node:net';
import type { ClientToServerEvents, RegistrySnapshot, ServerToClientEvents } from '@onpatrol/contracts';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createTestGateway, type TestGateway } from './helpers.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

// Real socket.io clients against a gateway listening on port 0.
describe('realtime connection', () => {
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

  function connect(headers: Record<string, string>): Client {
    const c: Client = io(base, { transports: ['websocket'], extraHeaders: headers, reconnection: false });
    clients.push(c);
    return c;
  }

  it('refuses a connection without a session', async () => {
    const c = connect({});
    const err = await new Promise<Error>((resolve) => c.on('connect_error', resolve));
    expect(err.message).toBe('unauthorized');
  });

  it('refuses a connection from another origin even with a session', async () => {
    const c = connect({ cookie: await gw.login('duty'), origin: 'http://evil.example' });
    const err = await new Promise<Error>((resolve) => c.on('connect_error', resolve));
    expect(err.message).toMatch(/forbidden|xhr|websocket|error/i);
  });

  it('sends a snapshot on connect and tells every map when an import changed the registry', async () => {
    const c = connect({ cookie: await gw.login('duty') });
    const snap = await new Promise<RegistrySnapshot>((resolve) => c.on('registry:snapshot', resolve));
    expect(snap.registryVersion).toBe('1');
    const changed = new Promise<RegistrySnapshot>((resolve) => c.on('registry:changed', resolve));
    const csv = (
      await gw.app.inject({ url: '/api/export/cameras.csv', headers: { cookie: await gw.login('chief2') } })
    ).body;
    const res = await gw.app.inject({
      method: 'POST',
      url: '/api/import/cameras',
      headers: { cookie: await gw.login('chief2'), 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(res.statusCode).toBe(200);
    expect((await changed).registryVersion).toBe('2');
    const resync = await c.emitWithAck('registry:resync');
    expect(resync.registryVersion).toBe('2');
  });

  it('shares WebSocket upgrades: socket.io and WS-FLV have their paths, anything else is answered 404', async () => {
    const port = (gw.app.server.address() as AddressInfo).port;
    const statusOf = (path: string) =>
      new Promise<number | undefined>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`);
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode));
        ws.once('open', () => {
          ws.close();
          resolve(101);
        });
        ws.once('error', reject);
      });
    expect(await statusOf('/not-a-socket')).toBe(404);
    // Routed to the media relay, which wants a session first.
    expect(await statusOf('/media/ws-flv/13090300001320000001_sub.flv?exp=1&sig=x')).toBe(401);
    // socket.io's own upgrades still reach it (its engine was told not to end other upgrades).
    const c = connect({ cookie: await gw.login('duty') });
    await new Promise<void>((resolve) => c.on('connect', resolve));
    expect(c.io.engine.transport.name).toBe('websocket');
  });
});
