import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { AuthService } from '../../src/auth/service.js';
import { prepareDatabase } from '../../src/bootstrap.js';
import { DEMO_DEVICE_SECRET, loadConfig } from '../../src/config.js';
import { type Database, openPostgres } from '../../src/db/database.js';
import { DEVICE_CLOCK_SKEW_MS } from '../../src/ops/deviceAuth.js';
import { createPgDatabase, createTestGateway, getAs, TEST_ENV, type TestGateway } from '../helpers.js';
import { signed } from './device.js';

const ALARMS = '/api/device/alarms';
const alarmCount = async (db: Database) =>
  (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM alarms'))[0]!.n;

describe('replayed device requests', () => {
  let gw: TestGateway;
  let devices: string[];
  beforeAll(async () => {
    gw = await createTestGateway('pglite');
    devices = (await getAs(gw, 'admin', '/api/alarm-devices?limit=10'))
      .json()
      .items.map((d: { id: string }) => d.id);
  });
  afterAll(() => gw?.close());
  const refusals = async () => (await getAs(gw, 'duty', '/api/device/refusals')).json();

  it('refuses a replayed report, also after its alarm was dismissed, and counts it', async () => {
    const report = signed(DEMO_DEVICE_SECRET, devices[0]!, ALARMS, { kind: 'intrusion' });
    const first = await gw.app.inject(report);
    expect(first.statusCode).toBe(202);
    const before = await refusals();
    const again = await gw.app.inject(report);
    expect(again.statusCode).toBe(401);
    expect(again.json().rule).toBe('replayed');
    // The duty officer dismisses the alarm; the captured report must not raise a new one.
    const dismissed = await gw.app.inject({
      method: 'POST',
      url: `/api/alarms/${first.json().alarmId}/dismiss`,
      headers: { cookie: await gw.login('duty') },
      payload: { reason: 'false alarm' },
    });
    expect(dismissed.statusCode).toBe(200);
    const n = await alarmCount(gw.db);
    expect((await gw.app.inject(report)).json().rule).toBe('replayed');
    expect(await alarmCount(gw.db)).toBe(n);
    expect((await refusals()).replayed - before.replayed).toBe(2);
  });

  it('takes one of two identical reports arriving together (one group commit)', async () => {
    const report = signed(DEMO_DEVICE_SECRET, devices[1]!, ALARMS, { kind: 'tamper' });
    const answers = await Promise.all([gw.app.inject(report), gw.app.inject(report), gw.app.inject(report)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([202, 401, 401]);
    expect(answers.filter((a) => a.statusCode === 401).map((a) => a.json().rule)).toEqual([
      'replayed',
      'replayed',
    ]);
  });

  it('stores the fresh reports of a batch that also carries replays', async () => {
    const old = signed(DEMO_DEVICE_SECRET, devices[2]!, ALARMS, { kind: 'fault' });
    expect((await gw.app.inject(old)).statusCode).toBe(202);
    const fresh = devices
      .slice(3, 8)
      .map((id) => signed(DEMO_DEVICE_SECRET, id, ALARMS, { kind: 'intrusion' }));
    const answers = await Promise.all([old, ...fresh, old].map((r) => gw.app.inject(r)));
    expect(answers.map((a) => a.statusCode)).toEqual([401, 202, 202, 202, 202, 202, 401]);
    const ids = answers.slice(1, 6).map((a) => a.json().alarmId);
    expect(new Set(ids).size).toBe(5);
  });

  it('refuses a missing or malformed nonce, and a nonce swapped into a signed request', async () => {
    const before = await refusals();
    const bad = ['', 'short-nonce', 'x'.repeat(65), 'has spaces in it!!', 'ünïcödé-nonce-0123'];
    for (const nonce of bad) {
      const req = signed(
        DEMO_DEVICE_SECRET,
        devices[8]!,
        ALARMS,
        { kind: 'intrusion' },
        'POST',
        Date.now(),
        nonce,
      );
      const res = await gw.app.inject(req);
      expect(res.statusCode, JSON.stringify(nonce)).toBe(401);
      expect(res.json().rule).toBe('malformed');
    }
    const missing = signed(DEMO_DEVICE_SECRET, devices[8]!, ALARMS, { kind: 'intrusion' });
    delete (missing.headers as Record<string, string>)['x-nonce'];
    expect((await gw.app.inject(missing)).json().rule).toBe('malformed');
    // The nonce is signed: a replay with a new nonce is a bad signature.
    const swapped = signed(DEMO_DEVICE_SECRET, devices[8]!, ALARMS, { kind: 'intrusion' });
    swapped.headers['x-nonce'] = 'another-nonce-0123456789';
    expect((await gw.app.inject(swapped)).json().rule).toBe('bad_signature');
    const after = await refusals();
    expect(after.malformed - before.malformed).toBe(bad.length + 1);
    expect(after.bad_signature - before.bad_signature).toBe(1);
  });

  it('refuses replayed unit terminal requests: a position, an order answer, the order list', async () => {
    const position = signed(DEMO_DEVICE_SECRET, 'YH01-2', '/api/device/units/position', {
      lat: 38.3,
      lon: 116.8,
    });
    expect((await gw.app.inject(position)).statusCode).toBe(204);
    expect((await gw.app.inject(position)).json().rule).toBe('replayed');
    const list = signed(DEMO_DEVICE_SECRET, 'YH01-2', '/api/device/units/orders', null, 'GET');
    expect((await gw.app.inject(list)).statusCode).toBe(200);
    expect((await gw.app.inject(list)).json().rule).toBe('replayed');
    const answer = signed(DEMO_DEVICE_SECRET, 'YH01-2', '/api/device/units/orders/999999', {
      status: 'accepted',
    });
    expect((await gw.app.inject(answer)).statusCode).toBe(404);
    expect((await gw.app.inject(answer)).json().rule).toBe('replayed');
  });

  it('forgets nonces only once their requests are too old to pass the timestamp check', async () => {
    const [{ n: kept }] = (await gw.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM device_nonces',
    )) as [{ n: number }];
    expect(kept).toBeGreaterThan(0);
    expect(await gw.app.ops.nonces.prune(Date.now())).toBe(0);
    // Every nonce so far was signed now; two skew windows later none can be replayed.
    expect(await gw.app.ops.nonces.prune(Date.now() + 2 * DEVICE_CLOCK_SKEW_MS + 1000)).toBe(kept);
  });
});

// The store must survive a restart: a report captured before it is still a replay after it.
describe('replay after a gateway restart (real PostgreSQL)', () => {
  const config = loadConfig({ ...TEST_ENV, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'onpatrol-replay-')) });
  const cleanup: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const f of cleanup.reverse()) await f();
  });
  async function start(url: string): Promise<{ app: FastifyInstance; db: Database }> {
    const db = await openPostgres(url);
    await prepareDatabase(db, new AuthService(db, 1), config);
    const app = await buildApp({ config, db, logger: false });
    await app.ready();
    return { app, db };
  }

  it('refuses the replay on the restarted gateway', async () => {
    const pg = await createPgDatabase();
    cleanup.push(pg.drop);
    const first = await start(pg.url);
    const [device] = await first.db.query<{ id: string }>('SELECT id FROM alarm_devices ORDER BY id LIMIT 1');
    const report = signed(DEMO_DEVICE_SECRET, device!.id, ALARMS, { kind: 'intrusion' });
    expect((await first.app.inject(report)).statusCode).toBe(202);
    await first.app.close();
    await first.db.close();

    const second = await start(pg.url);
    // Undone in reverse: the gateway closes (writing its last audit checkpoint) before its database.
    cleanup.push(
      () => second.db.close(),
      () => second.app.close(),
    );
    const n = await alarmCount(second.db);
    const replay = await second.app.inject(report);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().rule).toBe('replayed');
    expect(await alarmCount(second.db)).toBe(n);
    // A fresh report of the same device is taken.
    const fresh = signed(DEMO_DEVICE_SECRET, device!.id, ALARMS, { kind: 'intrusion' });
    expect((await second.app.inject(fresh)).statusCode).toBe(202);
  });
});
