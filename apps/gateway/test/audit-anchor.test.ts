import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordHash } from '../src/audit/chain.js';
import { readAuditKey, signCheckpoint } from '../src/audit/checkpoints.js';
import { verifyAudit } from '../src/audit/verify.js';
import { createTestGateway, getAs, type TestGateway } from './helpers.js';

const run = promisify(execFile);
const gatewayDir = path.resolve(import.meta.dirname, '..');

// The hash chain cannot see its own newest records deleted (or rewritten with their hashes
// recomputed): signed checkpoints of its head, kept outside the database, can.
describe('audit head anchored outside the table', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await createTestGateway('postgres');
    // 250 records beyond what the demo set-up wrote, so the newest 200 can go.
    for (let i = 0; i < 250; i++) {
      await gw.app.audit.append({
        actor: 'duty',
        action: 'registry.export',
        details: { format: 'csv', n: i },
      });
    }
    // Signing in is audited too: done here, so the tests' own requests add no records.
    await gw.login('admin');
    await gw.login('duty');
  });
  afterAll(() => gw?.close());

  const cli = async (extra: Record<string, string> = {}) => {
    const env = { ...process.env, DATABASE_URL: gw.databaseUrl!, DATA_DIR: gw.config.dataDir, ...extra };
    const args = ['--conditions=source', '--import', 'tsx', 'src/cli/audit-verify.ts'];
    return run(process.execPath, args, { cwd: gatewayDir, env }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
  };
  const verify = async () => (await getAs(gw, 'admin', '/api/audit/verify')).json();
  const head = async () => (await gw.app.audit.head())!;

  it('signs the head into a file outside the database and finds an intact log intact', async () => {
    const line = await gw.app.auditCheckpoints.checkpoint();
    const top = await head();
    expect(line).toMatchObject({ seq: top.seq, hash: top.hash });
    // Nothing new, nothing written.
    expect(await gw.app.auditCheckpoints.checkpoint()).toBeNull();
    expect(statSync(gw.config.audit.keyFile).mode & 0o777).toBe(0o600);
    const res = await verify();
    expect(res).toMatchObject({ intact: true, problems: [], records: top.seq });
    expect(res.lastCheckpoint).toMatchObject({ seq: top.seq, verified: true });
    const ok = await cli();
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(
      new RegExp(
        `intact: ${top.seq} records, \\d+ checkpoints; last checkpoint: record ${top.seq} .*\\(verified\\)`,
      ),
    );
    // A duty officer may not ask.
    expect((await getAs(gw, 'duty', '/api/audit/verify')).statusCode).toBe(403);
  });

  it('reports a checkpoint line the audit key did not sign', async () => {
    // On a copy of the checkpoint file: the gateway keeps appending to the real one meanwhile.
    const copy = path.join(gw.config.dataDir, 'forged-checkpoints.jsonl');
    const lines = readFileSync(gw.config.audit.checkpointFile, 'utf8').split('\n').filter(Boolean);
    const top = await head();
    // A well-formed line that follows the last one, signed by someone else's key.
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const forged = signCheckpoint(
      { privateKey, publicKey, id: 'feedfeedfeedfeed' },
      { seq: top.seq, hash: top.hash, at: new Date().toISOString(), count: 0 },
      lines.at(-1)!,
    );
    writeFileSync(copy, [...lines, JSON.stringify(forged)].map((l) => `${l}\n`).join(''));
    const key = await readAuditKey(gw.config.audit.keyFile);
    expect((await verifyAudit(gw.app.audit, key, gw.config.audit.checkpointFile)).intact).toBe(true);
    const res = await verifyAudit(gw.app.audit, key, copy);
    expect(res.intact).toBe(false);
    expect(res.problems).toEqual([
      expect.objectContaining({ kind: 'signature', line: lines.length + 1, seq: top.seq }),
    ]);
    expect(res.lastCheckpoint).toMatchObject({ seq: top.seq, verified: false });
    const broken = await cli({ AUDIT_CHECKPOINT_FILE: copy });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/line \d+ \(record \d+\) is not signed by this gateway's audit key/);
  });

  it('reports the newest record rewritten with its hash recomputed, which the chain alone misses', async () => {
    await gw.app.audit.append({ actor: 'admin', action: 'users.update', targetId: 'chief3' });
    await gw.app.auditCheckpoints.checkpoint();
    const top = await head();
    const [rec] = await gw.db.query<Record<string, unknown>>(
      `SELECT seq::int AS seq, at, actor, actor_role AS "actorRole", address, action, target_kind AS "targetKind",
         target_id AS "targetId", station_id AS "stationId", details, prev_hash AS "prevHash" FROM audit_log WHERE seq = $1`,
      [top.seq],
    );
    const forged = {
      ...rec,
      at: new Date(rec!.at as Date).toISOString(),
      details: '{"format":"nothing to see"}',
    };
    const hash = recordHash(forged as Parameters<typeof recordHash>[0]);
    await gw.db.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_log DISABLE TRIGGER ALL');
      await tx.query('UPDATE audit_log SET details = $1, hash = $2 WHERE seq = $3', [
        forged.details,
        hash,
        top.seq,
      ]);
      await tx.query('ALTER TABLE audit_log ENABLE TRIGGER ALL');
    });
    expect(await gw.app.audit.verify()).toBeNull(); // the chain is whole
    const res = await verify();
    expect(res.intact).toBe(false);
    expect(res.problems).toEqual([expect.objectContaining({ kind: 'rewritten', seq: top.seq })]);
    expect(res.lastCheckpoint).toMatchObject({ seq: top.seq, verified: false });
  });

  it('reports the newest 200 records deleted with table-owner rights, naming them', async () => {
    await gw.app.audit.append({ actor: 'admin', action: 'users.create', targetId: 'x' });
    await gw.app.auditCheckpoints.checkpoint();
    const top = await head();
    await gw.db.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_log DISABLE TRIGGER ALL');
      await tx.query('DELETE FROM audit_log WHERE seq > $1', [top.seq - 200]);
      await tx.query('ALTER TABLE audit_log ENABLE TRIGGER ALL');
    });
    // What audit:verify used to say: a shorter chain is still a whole chain.
    expect(await gw.app.audit.verify()).toBeNull();
    const res = await verify();
    expect(res.intact).toBe(false);
    const truncated = res.problems.find((p: { kind: string }) => p.kind === 'truncated');
    expect(truncated).toMatchObject({ seq: top.seq });
    expect(truncated.message).toContain(`records ${top.seq - 199}–${top.seq} were deleted`);
    const broken = await cli();
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(
      `audit chain BROKEN at record ${top.seq}: the log ends at record ${top.seq - 200}`,
    );
  });
});
