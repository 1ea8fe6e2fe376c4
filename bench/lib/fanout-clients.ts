// Worker thread of bench/alarm-fanout.ts: holds socket.io clients and records when each alarm
// arrived (epoch ms), so receiving does not slow the thread that sends the alarms.
import { parentPort, workerData } from 'node:worker_threads';
import type { Alarm, OpsEvent } from '@onpatrol/contracts';
import { io, type Socket } from 'socket.io-client';

const { baseUrl, clients } = workerData as {
  baseUrl: string;
  clients: Array<{ cookie: string; station: string | null }>;
};
const now = () => performance.timeOrigin + performance.now();
const got = clients.map(() => new Map<string, number>());
const sockets: Socket[] = clients.map((c, i) => {
  const s = io(baseUrl, { transports: ['websocket'], extraHeaders: { cookie: c.cookie } });
  s.on('alarm:raised', (e: OpsEvent<Alarm>) => got[i]!.set(e.data.deviceId, now()));
  return s;
});
await Promise.all(
  sockets.map((s) => (s.connected ? null : new Promise((r) => s.once('connect', () => r(null))))),
);
parentPort!.postMessage({ type: 'ready' });
parentPort!.on('message', (m: { type: string }) => {
  if (m.type !== 'collect') return;
  parentPort!.postMessage({ type: 'results', got: got.map((g) => [...g]) });
  for (const s of sockets) s.close();
});
