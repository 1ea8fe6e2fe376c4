// Worker thread of bench/alarm-fanout.ts: holds socket.io clients and records when each alarm
// arrived (epoch ms), so receiving does not slow the thread that sends the alarms. Clients in
// batch mode opt in as the web app does (`auth: { batch: true }`) and unpack `ops:batch`.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import type { Alarm, NamedOpsEvent, OpsEvent } from '@onpatrol/contracts';
import { io, type Socket } from 'socket.io-client';

const { baseUrl, clients, batch } = workerData as {
  baseUrl: string;
  clients: Array<{ cookie: string; station: string | null }>;
  batch: boolean;
};
const now = () => performance.timeOrigin + performance.now();
const got = clients.map(() => new Map<string, number>());
/** deviceId → the alarm event's stored time (`at`, the gateway's database clock). */
const storedAt = new Map<string, number>();
let received = 0;
let messages = 0;
const sockets: Socket[] = clients.map((c, i) => {
  const s = io(baseUrl, {
    transports: ['websocket'],
    extraHeaders: { cookie: c.cookie },
    ...(batch ? { auth: { batch: true } } : {}),
  });
  const raised = (e: OpsEvent<Alarm>) => {
    if (!got[i]!.has(e.data.deviceId)) received++;
    if (!storedAt.has(e.data.deviceId)) storedAt.set(e.data.deviceId, Date.parse(e.at));
    got[i]!.set(e.data.deviceId, now());
  };
  if (batch) {
    s.on('ops:batch', (events: NamedOpsEvent[]) => {
      messages++;
      for (const e of events) if (e.name === 'alarm:raised') raised(e);
    });
  } else {
    s.on('alarm:raised', (e: OpsEvent<Alarm>) => {
      messages++;
      raised(e);
    });
  }
  return s;
});
await Promise.all(
  sockets.map((s) => (s.connected ? null : new Promise((r) => s.once('connect', () => r(null))))),
);
parentPort!.postMessage({ type: 'ready' });
parentPort!.on('message', (m: { type: string }) => {
  // busyMs: time this thread's event loop has been busy so far (receiving, parsing, recording).
  const busyMs = performance.eventLoopUtilization().active;
  if (m.type === 'count') parentPort!.postMessage({ type: 'count', received, messages, busyMs });
  if (m.type !== 'collect') return;
  parentPort!.postMessage({
    type: 'results',
    got: got.map((g) => [...g]),
    storedAt: [...storedAt],
    messages,
  });
  for (const s of sockets) s.close();
});
