// Fan-out: all 1,186 infrared alarms fire within one second while 200 clients are connected
// (command centre and station staff). Delivery latency from the device's request to each
// entitled client's receipt (median, p99), and whether every client got every alarm it may see.
// Run: node --conditions=source --import tsx bench/alarm-fanout.ts   (needs `pnpm build` first)
import http from 'node:http';
import type { Alarm, AlarmDevice, OpsEvent, PageOf } from '@onpatrol/contracts';
import { startSystem } from '@onpatrol/e2e';
import { io, type Socket } from 'socket.io-client';
import { DEMO_DEVICE_SECRET, deviceHeaders } from './lib/device.js';
import { signIn } from './lib/session.js';
import { report } from './lib/stats.js';

const CLIENTS = Number(process.env.CLIENTS ?? 200);
// Devices connect like a crowd of field devices: many keep-alive connections, not one per alarm.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function post(url: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const PASSWORD = 'bench-password-1';
const system = await startSystem({
  env: { DEMO_PASSWORD: PASSWORD, MEDIA_PREWARM_KEY_SITES: 'false', LOG_LEVEL: 'error' },
});
const sockets: Socket[] = [];
try {
  const duty = await signIn(system.baseUrl, 'duty', PASSWORD);
  const devices = (
    (await (
      await fetch(`${system.baseUrl}/api/alarm-devices?limit=5000`, { headers: { cookie: duty } })
    ).json()) as PageOf<AlarmDevice>
  ).items;
  const stations = [...new Set(devices.map((d) => d.stationId))].sort();
  // Half the clients are the command centre, the rest the staff of the 8 stations in turn.
  const chiefs = await Promise.all(stations.map((_, i) => signIn(system.baseUrl, `chief${i + 1}`, PASSWORD)));
  const clients: Array<{ station: string | null; got: Map<string, number> }> = [];
  for (let i = 0; i < CLIENTS; i++) {
    const station = i % 2 === 0 ? null : stations[(i >> 1) % stations.length]!;
    const cookie = station ? chiefs[stations.indexOf(station)]! : duty;
    const client = { station, got: new Map<string, number>() };
    const socket = io(system.baseUrl, { transports: ['websocket'], extraHeaders: { cookie } });
    socket.on('alarm:raised', (e: OpsEvent<Alarm>) => {
      client.got.set(e.data.deviceId, performance.now());
    });
    sockets.push(socket);
    clients.push(client);
  }
  await Promise.all(
    sockets.map((s) => (s.connected ? null : new Promise((r) => s.once('connect', () => r(null))))),
  );
  await new Promise((r) => setTimeout(r, 1000));

  // Fire every device once, spread evenly over one second.
  const sentAt = new Map<string, number>();
  const statuses: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    devices.map(async (d, i) => {
      await new Promise((r) => setTimeout(r, (1000 * i) / devices.length));
      const body = JSON.stringify({ kind: 'intrusion' });
      sentAt.set(d.id, performance.now());
      statuses.push(
        await post(
          `${system.baseUrl}/api/device/alarms`,
          deviceHeaders(DEMO_DEVICE_SECRET, d.id, 'POST', '/api/device/alarms', body),
          body,
        ),
      );
    }),
  );
  const sendSeconds = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 3000));

  const latencies: number[] = [];
  let expected = 0;
  let delivered = 0;
  let foreign = 0;
  for (const c of clients) {
    for (const d of devices) {
      const entitled = c.station === null || c.station === d.stationId;
      const at = c.got.get(d.id);
      if (entitled) {
        expected++;
        if (at !== undefined) {
          delivered++;
          latencies.push(at - sentAt.get(d.id)!);
        }
      } else if (at !== undefined) foreign++;
    }
  }
  console.log(
    `alarm fan-out: ${devices.length} alarms sent in ${sendSeconds.toFixed(2)} s to ${CLIENTS} clients (half command centre, half station staff)`,
  );
  console.log(`  device answers: ${statuses.filter((s) => s === 202).length} × 202 of ${statuses.length}`);
  report('  delivery latency (device request → client receipt)', latencies);
  console.log(
    `  delivered ${delivered} of ${expected} entitled deliveries; ${foreign} to clients not entitled`,
  );
} finally {
  agent.destroy();
  for (const s of sockets) s.close();
  await system.stop();
}
