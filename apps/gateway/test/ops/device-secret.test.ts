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
import { createPgDatabase, TEST_ENV } from '../helpers.js';
import { signed } from './device.js';

// A gateway on a real database with demo accounts but no DEVICE_KEY_SECRET — how
// docker-compose.yml used to start it — must not take the published demo secret.
describe('device intake without DEVICE_KEY_SECRET (real PostgreSQL)', () => {
  let app: FastifyInstance;
  let db: Database;
  let drop: () => Promise<void>;
  const logged: Array<{ level: number; msg: string }> = [];

  beforeAll(async () => {
    const pg = await createPgDatabase();
    drop = pg.drop;
    const config = loadConfig({
      ...TEST_ENV,
      DATABASE_URL: pg.url,
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'onpatrol-nosecret-')),
    });
    db = await openPostgres(pg.url);
    await prepareDatabase(db, new AuthService(db, 1), config);
    const stream = { write: (line: string) => void logged.push(JSON.parse(line)) };
    app = await buildApp({ config, db, logger: { level: 'error', stream } });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    await drop?.();
  });

  it('says so in an error line at start, naming the variable', () => {
    const line = logged.find((l) => l.msg.includes('DEVICE_KEY_SECRET'));
    expect(line?.level).toBe(50);
    expect(line?.msg).toMatch(/device intake is OFF/);
  });

  it('refuses every device request with 503 and the rule, even one signed with the demo secret', async () => {
    const [device] = await db.query<{ id: string }>('SELECT id FROM alarm_devices LIMIT 1');
    const requests = [
      signed(DEMO_DEVICE_SECRET, device!.id, '/api/device/alarms', { kind: 'intrusion' }),
      signed(DEMO_DEVICE_SECRET, 'YH01-2', '/api/device/units/position', { lat: 38.3, lon: 116.8 }),
      signed(DEMO_DEVICE_SECRET, 'YH01-2', '/api/device/units/orders/1', { status: 'accepted' }),
      signed(DEMO_DEVICE_SECRET, 'YH01-2', '/api/device/units/orders', null, 'GET'),
    ];
    for (const req of requests) {
      const res = await app.inject(req);
      expect(res.statusCode, req.url).toBe(503);
      expect(res.json()).toMatchObject({
        rule: 'device-key-secret',
        message: expect.stringContaining('DEVICE_KEY_SECRET'),
      });
    }
    const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM alarms');
    expect(rows[0]?.n).toBe(0);
  });
});
