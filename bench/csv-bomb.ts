// A CSV row bomb against the camera import: 50 MB of one-cell rows (8.7 M rows) posted by a
// community officer, sent as fast as the socket takes it. Per run: time from the request's start
// to the refusal, the gateway's heap growth (peak used heap minus a collected baseline) and the
// bytes the client got out before the refusal, with `/api/health` asked back to back meanwhile
// (its latency while the bomb is read; a baseline without upload first). Once chunked (no
// length: the row limit must stop it) and once with the length declared (refused unread).
// Run: node --conditions=source --import tsx bench/csv-bomb.ts   (RUNS=10, BOMB_MB=50)
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { buildApp } from '../apps/gateway/src/app.js';
import { AuthService } from '../apps/gateway/src/auth/service.js';
import { prepareDatabase } from '../apps/gateway/src/bootstrap.js';
import { loadConfig } from '../apps/gateway/src/config.js';
import { openPglite } from '../apps/gateway/src/db/database.js';
import { signIn } from './lib/session.js';
import { report, summarize } from './lib/stats.js';

const RUNS = Number(process.env.RUNS ?? 10);
const TOTAL = Number(process.env.BOMB_MB ?? 50) * 1024 * 1024;
const ROW = '12345\n';
const CHUNK = Buffer.from(ROW.repeat(Math.floor(65536 / ROW.length)));
const MB = 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const config = loadConfig({
  DEMO_PASSWORD: 'bench-password',
  WEB_DIST: '/nonexistent',
  MEDIA_PREWARM_KEY_SITES: 'false',
  DATA_DIR: '/tmp/onpatrol-bench',
});
const db = await openPglite(null);
await prepareDatabase(db, new AuthService(db, 1), config);
const app = await buildApp({ config, db, logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const port = (app.server.address() as AddressInfo).port;
const base = `http://127.0.0.1:${port}`;
const cookie = await signIn(base, 'community1', 'bench-password');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** GET /api/health once; its latency in ms. */
function health(): Promise<number> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(`${base}/api/health`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(performance.now() - t));
      })
      .on('error', reject);
  });
}

interface Outcome {
  status: number;
  message: string;
  ms: number;
  sentBytes: number;
  heapGrowth: number;
  health: number[];
}

/** Post the bomb; resolves at the refusal (the answer's headers and body). */
async function bomb(declareLength: boolean): Promise<Outcome> {
  gc();
  const baseline = getHeapStatistics().used_heap_size;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, getHeapStatistics().used_heap_size);
  }, 5);
  let answered = false;
  const healthMs: number[] = [];
  const poll = (async () => {
    while (!answered) healthMs.push(await health());
  })();
  const t = performance.now();
  let sent = 0;
  const result = await new Promise<Omit<Outcome, 'heapGrowth' | 'health'>>((resolve, reject) => {
    const req = http.request(`${base}/api/import/cameras`, {
      method: 'POST',
      headers: {
        cookie,
        'content-type': 'text/csv',
        ...(declareLength ? { 'content-length': String(TOTAL + 3) } : {}),
      },
    });
    req.on('response', (res) => {
      const ms = performance.now() - t;
      answered = true;
      const body: Buffer[] = [];
      res.on('data', (c: Buffer) => body.push(c));
      res.on('end', () => {
        req.destroy();
        const text = Buffer.concat(body).toString();
        resolve({ status: res.statusCode ?? 0, message: JSON.parse(text).message, ms, sentBytes: sent });
      });
    });
    // The server closes the connection after refusing; a write racing that is expected.
    req.on('error', (err) => (answered ? undefined : reject(err)));
    req.write('id\n');
    const pump = () => {
      while (!answered && sent < TOTAL) {
        const piece = CHUNK.subarray(0, Math.min(CHUNK.length, TOTAL - sent));
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
  clearInterval(sampler);
  peak = Math.max(peak, getHeapStatistics().used_heap_size);
  await poll;
  return { ...result, heapGrowth: peak - baseline, health: healthMs };
}

// The machine's own noise: /api/health asked back to back with nothing else going on.
const idle: number[] = [];
for (let i = 0; i < 200; i++) idle.push(await health());
report('/api/health latency, no upload (baseline)', idle);

for (const declared of [false, true]) {
  const outcomes: Outcome[] = [];
  await bomb(declared); // warm-up
  for (let i = 0; i < RUNS; i++) outcomes.push(await bomb(declared));
  const first = outcomes[0]!;
  console.log(
    `\n${(TOTAL / 1024 / 1024).toFixed(1)} MB / ${(TOTAL / ROW.length / 1e6).toFixed(1)} M rows, ${declared ? 'length declared' : 'chunked (no length)'}: ${first.status} "${first.message}"`,
  );
  report(
    '  time to refusal',
    outcomes.map((o) => o.ms),
  );
  report(
    '  heap growth (peak used − collected baseline)',
    outcomes.map((o) => o.heapGrowth / MB),
    'MB',
    1,
  );
  report(
    '  bytes sent by the client before the refusal',
    outcomes.map((o) => o.sentBytes / MB),
    'MB',
    2,
  );
  const all = outcomes.flatMap((o) => o.health);
  report('  /api/health latency during the upload', all);
  const s = summarize(all);
  console.log(`  (${s.n} health requests, max ${s.max.toFixed(1)} ms)`);
}
agent.destroy();
await app.close();
await db.close();
