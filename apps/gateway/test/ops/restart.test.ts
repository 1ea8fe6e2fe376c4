import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Order } from '@onpatrol/contracts';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { AuthService } from '../../src/auth/service.js';
import { prepareDatabase } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import { type Database, openPostgres } from '../../src/db/database.js';
import { createPgDatabase, TEST_ENV, TEST_PASSWORD } from '../helpers.js';
import { connectOps, type OpsClient } from './client.js';

// A gateway restart between a dispatch and the unit's acceptance loses nothing: the order is in
// the database and the event log, and reconnecting clients replay what they missed.
describe('gateway restart during a dispatch (real PostgreSQL)', () => {
  const config = loadConfig({ ...TEST_ENV, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'onpatrol-restart-')) });
  const cleanup: Array<() => Promise<unknown> | unknown> = [];
  afterAll(async () => {
    for (const f of cleanup.reverse()) await f();
  });

  async function start(url: string, port: number): Promise<{ app: FastifyInstance; db: Database }> {
    const db = await openPostgres(url);
    await prepareDatabase(db, new AuthService(db, 1), config);
    const app = await buildApp({ config, db, logger: false });
    await app.listen({ host: '127.0.0.1', port });
    return { app, db };
  }
  async function cookie(app: FastifyInstance, username: string) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: TEST_PASSWORD },
    });
    return `op_session=${res.cookies.find((c) => c.name === 'op_session')!.value}`;
  }

  it('delivers the order after the restart and accepts the answer', async () => {
    const pg = await createPgDatabase();
    cleanup.push(pg.drop);
    let gw = await start(pg.url, 0);
    const port = (gw.app.server.address() as AddressInfo).port;
    const base = `http://127.0.0.1:${port}`;
    const [unitCookie, leaderCookie] = [await cookie(gw.app, 'unit'), await cookie(gw.app, 'leader')];
    const unit: OpsClient = connectOps(base, unitCookie);
    const leader: OpsClient = connectOps(base, leaderCookie);
    cleanup.push(
      () => unit.close(),
      () => leader.close(),
    );
    await Promise.all([unit.synced(), leader.synced()]);

    // The unit's phone drops out; the leader dispatches it meanwhile.
    unit.socket.disconnect();
    const cam = (
      await gw.app.inject({ url: '/api/cameras?station=1&limit=1', headers: { cookie: leaderCookie } })
    ).json().items[0];
    const report = await leader.socket.emitWithAck('report:create', {
      cameraId: cam.id,
      kind: 'suspicious_person',
      note: '徘徊',
    });
    if (!report.ok) throw new Error(report.error.message);
    const sent = await leader.socket.emitWithAck('dispatch:send', {
      incidentId: report.data.id,
      unitIds: ['YH01-1'],
      task: 'check',
    });
    if (!sent.ok) throw new Error(sent.error.message);
    const order = sent.data[0] as Order;

    // The gateway goes down and comes back on the same port and database.
    await gw.app.close();
    await gw.db.close();
    gw = await start(pg.url, port);
    cleanup.push(async () => {
      await gw.app.close();
      await gw.db.close();
    });

    const unitSynced = unit.synced();
    unit.socket.connect();
    await unitSynced;
    const assigned = await unit.waitFor((e) => e.name === 'dispatch:assigned');
    expect((assigned.data as { order: Order }).order.id).toBe(order.id);

    const accepted = await unit.socket.emitWithAck('order:update', { orderId: order.id, status: 'accepted' });
    expect(accepted).toMatchObject({ ok: true, data: { id: order.id, status: 'accepted' } });
    // The leader's client reconnects by itself and sees the acceptance.
    const seen = await leader.waitFor(
      (e) => e.name === 'order:updated' && (e.data as Order).status === 'accepted',
    );
    expect((seen.data as Order).id).toBe(order.id);
    const seqs = leader.applied.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
  });
});
