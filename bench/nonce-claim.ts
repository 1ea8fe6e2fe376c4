// What the replay store adds to alarm intake: the storm's 1,186 report nonces claimed in the
// intake's group-commit batches (≤ 200 per transaction, as AlarmIntake does), on the embedded
// database and on PostgreSQL; per batch, the claim alone and the whole transaction with an empty
// one beside it for scale. The fan-out bench (alarm-fanout.ts) measures intake end to end.
// Run: node --conditions=source --import tsx bench/nonce-claim.ts   RUNS=20
//   PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/test): a fresh database, dropped after.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../apps/gateway/src/db/database.js';
import { migrate } from '../apps/gateway/src/db/migrations.js';
import { DeviceNonces, type NonceClaim } from '../apps/gateway/src/ops/nonces.js';
import { report } from './lib/stats.js';

const RUNS = Number(process.env.RUNS ?? 20);
const PG_ADMIN_URL = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DEVICES = 1186;
const BATCH = 200;

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function measure(name: string, db: Database): Promise<void> {
  await migrate(db);
  const nonces = new DeviceNonces(db);
  const claim: number[] = [];
  const withClaim: number[] = [];
  const empty: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const storm: NonceClaim[] = Array.from({ length: DEVICES }, (_, i) => ({
      deviceId: `130903010013400${String(i).padStart(5, '0')}`,
      nonce: randomBytes(16).toString('base64url'),
      timestamp: Date.now(),
    }));
    for (let off = 0; off < storm.length; off += BATCH) {
      const batch = storm.slice(off, off + BATCH);
      let t = performance.now();
      await db.transaction(async (tx) => {
        const c = performance.now();
        await nonces.claimIn(tx, batch);
        claim.push(performance.now() - c);
      });
      withClaim.push(performance.now() - t);
      t = performance.now();
      await db.transaction(async (tx) => {
        await tx.query('SELECT 1');
      });
      empty.push(performance.now() - t);
    }
  }
  const rows = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM device_nonces'))[0]?.n;
  console.log(`${name}: ${RUNS} storms of ${DEVICES} nonces in batches of ≤ ${BATCH} (${rows} rows kept)`);
  report('  claim of one batch (INSERT … ON CONFLICT)', claim);
  report('  transaction with the claim', withClaim);
  report('  empty transaction (SELECT 1), for scale', empty);
}

await measure('embedded (PGlite)', await openPglite(null));
const name = `onpatrol_bench_${randomBytes(4).toString('hex')}`;
await admin(`CREATE DATABASE ${name}`);
try {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString());
  try {
    await measure('PostgreSQL', db);
  } finally {
    await db.close();
  }
} finally {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
