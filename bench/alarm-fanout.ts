// Fan-out: all 1,186 infrared alarms fire within one second while 200 clients are connected
// (command centre and station staff). Delivery latency from the device's request to each
// entitled client's receipt (median, p95, p99), and whether every client got every alarm it may see.
// Run: node --conditions=source --import tsx bench/alarm-fanout.ts   (needs `pnpm build` first)
//   MODES=batch,plain  client modes, each on a fresh system: `batch` opts in to `ops:batch` as the
//                      web app does; `plain` listens for the named events (default: both)
//   STORAGE=embedded|postgres  embedded PGlite (default) or a fresh database on PG_ADMIN_URL
//                      (default postgres://postgres@127.0.0.1:5432/test), dropped afterwards
//   CLIENTS=200, GATEWAY_CPU_PROF=<dir>  write a V8 CPU profile of the gateway there

import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { startSystem } from '@onpatrol/e2e';
import pg from 'pg';
import { alarmDevices, DeviceSender } from './lib/device-sender.js';
import { cpuSeconds } from './lib/proc.js';
import { signIn } from './lib/session.js';
import { report } from './lib/stats.js';

const CLIENTS = Number(process.env.CLIENTS ?? 200);
const WORKERS = 4;
/** MAX_SOCKETS_PER_SESSION of the gateway (apps/gateway/src/realtime/sessions.ts). */
const SOCKETS_PER_SESSION = 8;
const MODES = (process.env.MODES ?? 'batch,plain').split(',') as Array<'batch' | 'plain'>;
const STORAGE = process.env.STORAGE === 'postgres' ? 'postgres' : 'embedded';
const PG_ADMIN_URL = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PASSWORD = 'bench-password-1';
// A real database gets no published demo secret: the bench sets its own (both storages, alike).
const DEVICE_SECRET = 'bench-device-secret-0123456789abcdef';
const now = () => performance.timeOrigin + performance.now();

async function adminQuery(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A fresh PostgreSQL database for one run, or none for the embedded database. */
async function storage(): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  if (STORAGE === 'embedded') return { env: {}, drop: async () => {} };
  const name = `onpatrol_bench_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

function ask<T>(w: Worker, type: string, answer: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type !== answer) return;
      w.off('message', on);
      resolve(m as T);
    };
    w.on('message', on);
    w.postMessage({ type });
  });
}

async function run(mode: 'batch' | 'plain'): Promise<void> {
  const db = await storage();
  const profile = process.env.GATEWAY_CPU_PROF;
  const system = await startSystem({
    env: {
      DEMO_PASSWORD: PASSWORD,
      DEVICE_KEY_SECRET: DEVICE_SECRET,
      MEDIA_PREWARM_KEY_SITES: 'false',
      LOG_LEVEL: 'error',
      ...db.env,
    },
    nodeArgs: profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [],
  });
  const workers: Worker[] = [];
  let sender: DeviceSender | null = null;
  try {
    const duty = await signIn(system.baseUrl, 'duty', PASSWORD);
    const devices = await alarmDevices(system.baseUrl, duty);
    const stations = [...new Set(devices.map((d) => d.stationId))].sort();
    // Half the clients are the command centre, the rest the staff of the 8 stations in turn.
    // The gateway admits SOCKETS_PER_SESSION sockets per session: each group of clients of one
    // user shares a sign-in, as tabs of one browser would.
    const sessions = new Map<string, { cookie: string; used: number }>();
    const cookieFor = async (username: string) => {
      let s = sessions.get(username);
      if (!s || s.used === SOCKETS_PER_SESSION) {
        s = { cookie: await signIn(system.baseUrl, username, PASSWORD), used: 0 };
        sessions.set(username, s);
      }
      s.used += 1;
      return s.cookie;
    };
    const clients: Array<{ station: string | null; cookie: string }> = [];
    for (let i = 0; i < CLIENTS; i++) {
      const station = i % 2 === 0 ? null : stations[(i >> 1) % stations.length]!;
      const username = station ? `chief${stations.indexOf(station) + 1}` : 'duty';
      clients.push({ station, cookie: await cookieFor(username) });
    }
    const parts = Array.from({ length: WORKERS }, (_, w) => clients.filter((_, i) => i % WORKERS === w));
    for (const part of parts) {
      workers.push(
        new Worker(new URL('./lib/fanout-worker.mjs', import.meta.url), {
          workerData: { baseUrl: system.baseUrl, clients: part, batch: mode === 'batch' },
        }),
      );
    }
    await Promise.all(
      workers.map((w) => new Promise((r) => w.on('message', (m) => m.type === 'ready' && r(null)))),
    );
    let expected = 0;
    for (const c of clients)
      for (const d of devices) if (c.station === null || c.station === d.stationId) expected++;
    // Devices report over kept-alive connections opened beforehand (DEVICE_SOCKETS, default 64;
    // one per device is `DEVICE_SOCKETS=1186`), requests pipelined on each.
    sender = await DeviceSender.open(system.baseUrl, Number(process.env.DEVICE_SOCKETS ?? 64));
    await new Promise((r) => setTimeout(r, 1000));

    // Fire every device once, spread evenly over one second.
    const sentAt = new Map<string, number>();
    const cpu0 = cpuSeconds(system.gateway.pid!);
    const clientCpu0 = cpuSeconds(process.pid);
    const busy = async () =>
      (await Promise.all(workers.map((w) => ask<{ busyMs: number }>(w, 'count', 'count')))).reduce(
        (n, c) => n + c.busyMs,
        0,
      );
    const clientsBusy0 = await busy();
    const senderBusy0 = performance.eventLoopUtilization().active;
    const t0 = now();
    const statuses = await sender.storm(devices, (id) => sentAt.set(id, now()), DEVICE_SECRET);
    const acceptSeconds = (now() - t0) / 1000;
    const sendSeconds = (Math.max(...sentAt.values()) - t0) / 1000;
    // Wait until every entitled delivery arrived, or nothing more arrived for 5 s.
    let last = -1;
    let still = 0;
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      const counts = await Promise.all(workers.map((w) => ask<{ received: number }>(w, 'count', 'count')));
      const received = counts.reduce((n, c) => n + c.received, 0);
      if (received >= expected) break;
      still = received === last ? still + 250 : 0;
      if (still >= 5000) break;
      last = received;
    }
    const allSeconds = (now() - t0) / 1000;
    const senderBusy = (performance.eventLoopUtilization().active - senderBusy0) / 1000;
    const clientsBusy = ((await busy()) - clientsBusy0) / 1000;
    const gatewayCpu = cpuSeconds(system.gateway.pid!) - cpu0;
    const clientCpu = cpuSeconds(process.pid) - clientCpu0;
    const results = await Promise.all(
      workers.map((w) =>
        ask<{ got: Array<Array<[string, number]>>; storedAt: Array<[string, number]>; messages: number }>(
          w,
          'collect',
          'results',
        ),
      ),
    );
    const got = parts.flatMap((_, w) =>
      results[w]!.got.map((g) => new Map(g)).map((m, j) => ({ m, station: parts[w]![j]!.station })),
    );
    const messages = results.reduce((n, r) => n + r.messages, 0);
    const storedAt = new Map(results.flatMap((r) => r.storedAt));

    const latencies: number[] = [];
    // The same delivery split at the event's stored time (same machine, same clock): intake and
    // storage before it, broadcast and the client's receipt after it.
    const toStored = devices
      .filter((d) => storedAt.has(d.id))
      .map((d) => storedAt.get(d.id)! - sentAt.get(d.id)!);
    const afterStored: number[] = [];
    let delivered = 0;
    let foreign = 0;
    for (const c of got) {
      for (const d of devices) {
        const at = c.m.get(d.id);
        if (at === undefined) continue;
        if (c.station === null || c.station === d.stationId) {
          delivered++;
          latencies.push(at - sentAt.get(d.id)!);
          afterStored.push(at - storedAt.get(d.id)!);
        } else foreign++;
      }
    }
    console.log(
      `alarm fan-out (${STORAGE} database, ${mode} clients): ${devices.length} alarms sent in ${sendSeconds.toFixed(2)} s (all answered after ${acceptSeconds.toFixed(2)} s) to ${CLIENTS} clients (half command centre, half station staff)`,
    );
    console.log(
      `  device answers: ${statuses.filter((s) => s === 202).length} × 202 of ${statuses.length}; gateway CPU ${gatewayCpu.toFixed(2)} s, bench (devices + clients) CPU ${clientCpu.toFixed(2)} s until the last delivery at ${allSeconds.toFixed(2)} s`,
    );
    console.log(
      `  event loops busy: the sender ${senderBusy.toFixed(2)} s, the ${WORKERS} client threads ${clientsBusy.toFixed(2)} s together`,
    );
    report('  delivery latency (device request → client receipt)', latencies);
    report('    of which device request → event stored (per alarm)', toStored);
    report('    and event stored → client receipt', afterStored);
    console.log(
      `  delivered ${delivered} of ${expected} entitled deliveries in ${messages} socket.io messages; ${foreign} to clients not entitled`,
    );
  } finally {
    sender?.close();
    await Promise.all(workers.map((w) => w.terminate()));
    await system.stop();
    await db.drop();
  }
}

for (const mode of MODES) await run(mode);
