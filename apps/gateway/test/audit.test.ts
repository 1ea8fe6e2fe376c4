import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, getAs, type TestGateway } from './helpers.js';

const run = promisify(execFile);
const gatewayDir = path.resolve(import.meta.dirname, '..');

// The audit log is append-only and hash-chained; the verify command names the first broken record.
describe('audit log', () => {
  let gw: TestGateway;
  let dbUrl: string;
  beforeAll(async () => {
    gw = await createTestGateway('postgres');
    dbUrl = gw.databaseUrl!;
  });
  afterAll(() => gw?.close());

  const search = async (q: string) => (await getAs(gw, 'admin', `/api/audit?${q}`)).json();

  it('records sign-ins, failures and sign-outs', async () => {
    await gw.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'duty', password: 'wrong-one' },
    });
    await gw.login('duty');
    // Nobody is signed in on a failure: the name tried is the target, never the actor.
    const failed = await search('target=duty&action=auth.login_failed');
    expect(failed.items[0]).toMatchObject({ action: 'auth.login_failed', targetId: 'duty', actor: null });
    expect(JSON.parse(failed.items[0].details)).toEqual({
      failures: 1,
      names: ['duty'],
      reasons: { wrong: 1 },
    });
    expect((await search('actor=duty&action=auth.login')).total).toBeGreaterThanOrEqual(1);
  });

  it('records exports and imports with the station and the counts', async () => {
    await getAs(gw, 'chief5', '/api/export/cameras.csv');
    const rec = (await search('actor=chief5&action=registry.export')).items[0];
    expect(rec.stationId).toMatch(/^\d{20}$/);
    const csv = (await getAs(gw, 'chief5', '/api/export/cameras.csv')).body;
    await gw.app.inject({
      method: 'POST',
      url: '/api/import/cameras',
      headers: { cookie: await gw.login('chief5'), 'content-type': 'text/csv' },
      payload: csv,
    });
    const imp = (await search('actor=chief5&action=registry.import')).items[0];
    expect(JSON.parse(imp.details)).toMatchObject({ created: 0, encoding: 'utf-8' });
  });

  it('lets a station chief search only their station and refuses a duty officer', async () => {
    const mine = (await getAs(gw, 'chief5', '/api/audit')).json();
    expect(mine.total).toBeGreaterThan(0);
    const stationIds = new Set(mine.items.map((r: { stationId: string }) => r.stationId));
    expect(stationIds.size).toBe(1);
    expect((await getAs(gw, 'duty', '/api/audit')).statusCode).toBe(403);
  });

  it('refuses to change or delete a record', async () => {
    await expect(gw.db.query("UPDATE audit_log SET actor = 'x' WHERE seq = 1")).rejects.toThrow(
      /append-only/,
    );
    await expect(gw.db.query('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/append-only/);
  });

  it('verifies the chain and names the first record edited behind its back', async () => {
    const env = { ...process.env, DATABASE_URL: dbUrl, DATA_DIR: gw.config.dataDir };
    const cli = ['--conditions=source', '--import', 'tsx', 'src/cli/audit-verify.ts'];
    const ok = await run(process.execPath, cli, { cwd: gatewayDir, env });
    expect(ok.stdout).toMatch(/intact: \d+ records/);

    // Someone with database rights bypasses the append-only trigger and edits record 2.
    await gw.db.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change');
      await tx.query(`UPDATE audit_log SET details = '{"reason":"nothing to see"}' WHERE seq = 2`);
      await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change');
    });
    const broken = await run(process.execPath, cli, { cwd: gatewayDir, env }).catch((e) => e);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/BROKEN at record 2: its content does not match its hash/);
  });

  it('names a deleted record too', async () => {
    const before = await gw.app.audit.verify();
    expect(before?.seq).toBe(2);
    await gw.db.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change');
      await tx.query(
        `UPDATE audit_log SET details = (SELECT details FROM audit_log WHERE seq = 2) WHERE seq = 2`,
      );
      await tx.query('DELETE FROM audit_log WHERE seq = 1');
      await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change');
    });
    expect(await gw.app.audit.verify()).toEqual({ seq: 1, reason: 'record 1 is missing' });
  });
});
