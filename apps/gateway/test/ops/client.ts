import {
  type ClientToServerEvents,
  type NamedOpsEvent,
  OPS_EVENT_NAMES,
  OpsSequencer,
  type OpsSnapshot,
  type OpsSync,
  type ServerToClientEvents,
} from '@onpatrol/contracts';
import { io, type Socket } from 'socket.io-client';

/** A real socket.io client that keeps operational events in order across reconnects, as the web app does. */
export interface OpsClient {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  applied: NamedOpsEvent[];
  snapshots: OpsSnapshot[];
  seq: OpsSequencer;
  /** Every `ops:batch` received, as sent (batched clients only). */
  batches: NamedOpsEvent[][];
  /** Names of the named operational events received (not through a batch). */
  named: string[];
  /** Resolves when an applied event matches (looking at those already applied too). */
  waitFor(pred: (e: NamedOpsEvent) => boolean, timeoutMs?: number): Promise<NamedOpsEvent>;
  /** Resolves after the next catch-up (connect or reconnect) finished. */
  synced(): Promise<void>;
  close(): void;
}

/** `batch`: opt in to `ops:batch` at the handshake, as the web app does. */
export function connectOps(base: string, cookie: string, opts: { batch?: boolean } = {}): OpsClient {
  const socket: OpsClient['socket'] = io(base, {
    transports: ['websocket'],
    extraHeaders: { cookie },
    ...(opts.batch ? { auth: { batch: true } } : {}),
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
  });
  const applied: NamedOpsEvent[] = [];
  const batches: NamedOpsEvent[][] = [];
  const named: string[] = [];
  const snapshots: OpsSnapshot[] = [];
  const waiters: Array<() => void> = [];
  let syncWaiters: Array<() => void> = [];
  const seq = new OpsSequencer(
    (e) => {
      applied.push(e);
      for (const w of [...waiters]) w();
    },
    (s) => snapshots.push(s),
  );
  socket.on('connect', () => {
    seq.beginSync();
    socket.emit('ops:sync', { lastSeq: seq.lastSeq }, (r) => {
      if (!r.ok) throw new Error(r.error.message);
      seq.finishSync(r.data as OpsSync);
      for (const w of syncWaiters) w();
      syncWaiters = [];
    });
  });
  for (const name of OPS_EVENT_NAMES) {
    socket.on(name, ((e: NamedOpsEvent) => {
      named.push(name);
      seq.live({ ...e, name } as NamedOpsEvent);
    }) as never);
  }
  socket.on('ops:batch', (events) => {
    batches.push(events);
    seq.liveBatch(events);
  });
  return {
    socket,
    applied,
    snapshots,
    seq,
    batches,
    named,
    waitFor(pred, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = applied.find(pred);
          if (!hit) return false;
          waiters.splice(waiters.indexOf(check as () => void), 1);
          clearTimeout(timer);
          resolve(hit);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(check as () => void), 1);
          reject(new Error('timed out waiting for an event'));
        }, timeoutMs);
        waiters.push(check as () => void);
        check();
      });
    },
    synced: () => new Promise((resolve) => syncWaiters.push(resolve)),
    close: () => socket.close(),
  };
}
