// Bulk camera endpoint: server time (goal ≤ 30 ms median) and gzip size (goal ≤ 250 KB).
// Run: pnpm bench, or node --conditions=source --import tsx bench/bulk-endpoint.ts
import { buildApp } from '../apps/gateway/src/app.js';
import { AuthService } from '../apps/gateway/src/auth/service.js';
import { prepareDatabase } from '../apps/gateway/src/bootstrap.js';
import { loadConfig } from '../apps/gateway/src/config.js';
import { openPglite } from '../apps/gateway/src/db/database.js';
import { report } from './lib/stats.js';

const RUNS = Number(process.env.RUNS ?? 60);
const config = loadConfig({
  DEMO_PASSWORD: 'bench-password',
  WEB_DIST: '/nonexistent',
  MEDIA_PREWARM_KEY_SITES: 'false',
  DATA_DIR: '/tmp/onpatrol-bench',
});
const db = await openPglite(null);
await prepareDatabase(db, new AuthService(db, 1), config);
const app = await buildApp({ config, db, logger: false });
const serverMs: number[] = [];
app.addHook('onResponse', async (req, reply) => {
  if (req.url === '/api/cameras/bulk') serverMs.push(reply.elapsedTime);
});
await app.ready();

const login = await app.inject({
  method: 'POST',
  url: '/api/auth/login',
  payload: { username: 'duty', password: 'bench-password' },
});
const cookie = `op_session=${login.cookies.find((c) => c.name === 'op_session')!.value}`;
const get = () => app.inject({ url: '/api/cameras/bulk', headers: { cookie, 'accept-encoding': 'gzip' } });

// Cold: the registry version moves before each request, so the list is read and encoded anew.
const cold: number[] = [];
for (let i = 0; i < Math.min(RUNS, 30); i++) {
  await db.query('UPDATE registry_meta SET version = version + 1');
  serverMs.length = 0;
  await get();
  cold.push(serverMs[0]!);
}
// Warm: the encoded, gzipped list is served from the cache (the usual case).
const warm: number[] = [];
let gzipBytes = 0;
let jsonBytes = 0;
for (let i = 0; i < RUNS; i++) {
  serverMs.length = 0;
  const res = await get();
  gzipBytes = res.rawPayload.length;
  warm.push(serverMs[0]!);
}
jsonBytes = (await app.inject({ url: '/api/cameras/bulk', headers: { cookie } })).rawPayload.length;

console.log('bulk camera endpoint (5,999 cameras, PGlite, server time from onResponse)');
report('  warm (cached) server time', warm);
report('  cold (read + encode + gzip) server time', cold);
console.log(
  `  response size: ${(jsonBytes / 1024).toFixed(1)} KB JSON, ${(gzipBytes / 1024).toFixed(1)} KB gzip`,
);
await app.close();
await db.close();
