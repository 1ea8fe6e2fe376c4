import {
  type NamedOpsEvent,
  OPS_EVENT_NAMES,
  type OpsBatch,
  type OpsHandshake,
  OpsSequencer,
  type UnitOrder,
} from '@onpatrol/contracts';
import { type OpsSocket, setCommandSocket } from './commands';
import { installOpsHooks } from './opsHooks';
import { useOps } from './opsStore';

const SYNC_TIMEOUT_MS = 15_000;
const RETRY_MAX_MS = 30_000;

/**
 * The handshake of every socket that carries the operational feed: operational events arrive as
 * `ops:batch` (one message per broadcast instead of one per event; an alarm storm stays cheap).
 */
export const OPS_SOCKET_AUTH: OpsHandshake = { batch: true };

export interface AttachOptions {
  /**
   * Street units: the snapshot in their scope has their orders but not the incidents behind them
   * (incident updates go to the command centre only). After every catch-up (start and reconnect)
   * this loads the unit's open orders with their incidents (`GET /api/units/me/orders`); what the
   * live feed already brought that is newer is kept.
   */
  unitOrders?: () => Promise<UnitOrder[]>;
  /** Told of every live event (named or in a batch) as it arrives, before ordering. */
  onLive?: (e: NamedOpsEvent) => void;
}

/**
 * Wire the operational feed onto a socket: on every (re)connect, catch up through OpsSequencer
 * (replay after the last sequence, or a snapshot), holding live events meanwhile; a failed
 * catch-up is retried with capped backoff. Also routes commands through this socket. Returns detach.
 */
export function attachOps(socket: OpsSocket, opts: AttachOptions = {}): () => void {
  const store = useOps.getState;
  // While a batch is being fed, applied events are collected and written in one store update.
  let collecting: NamedOpsEvent[] | null = null;
  const seq = new OpsSequencer(
    (e) => (collecting ? collecting.push(e) : store().apply(e)),
    (s) => store().replace(s),
  );
  let generation = 0;
  let retry = 0;
  let delay = 1000;

  const sync = async () => {
    clearTimeout(retry);
    const gen = ++generation;
    seq.beginSync();
    store().setLink({ syncing: true });
    try {
      const r = await socket.timeout(SYNC_TIMEOUT_MS).emitWithAck('ops:sync', { lastSeq: seq.lastSeq });
      if (gen !== generation) return; // a newer connect started its own catch-up
      if (!r.ok) throw new Error(r.error.message);
      seq.finishSync(r.data);
      delay = 1000;
      store().setLink({ syncing: false, syncError: null, lastSeq: seq.lastSeq });
      if (opts.unitOrders) {
        const own = await opts.unitOrders();
        if (gen !== generation) return;
        store().backfillOrders(own);
      }
    } catch (e) {
      if (gen !== generation) return;
      store().setLink({ syncError: e instanceof Error ? e.message : String(e) });
      if (socket.connected) retry = window.setTimeout(() => void sync(), delay);
      delay = Math.min(delay * 2, RETRY_MAX_MS);
    }
  };

  const onConnect = () => {
    store().setLink({ connected: true });
    void sync();
  };
  const onDisconnect = () => {
    generation++;
    clearTimeout(retry);
    store().setLink({ connected: false, syncing: false });
  };
  // Named events still arrive from a gateway that does not batch; both feed the same sequencer.
  const live = OPS_EVENT_NAMES.map((name) => {
    const handler = (e: Omit<NamedOpsEvent, 'name'>) => {
      const named = { ...e, name } as NamedOpsEvent;
      opts.onLive?.(named);
      seq.live(named);
    };
    socket.on(name, handler as never);
    return () => socket.off(name, handler as never);
  });
  const onBatch = (events: OpsBatch) => {
    if (opts.onLive) for (const e of events) opts.onLive(e);
    collecting = [];
    try {
      seq.liveBatch(events);
    } finally {
      const applied = collecting;
      collecting = null;
      if (applied.length) store().applyMany(applied);
    }
  };
  const onPosition = (p: { id: string; lat: number; lon: number; at: string }) => store().position(p);

  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  socket.on('unit:position', onPosition);
  socket.on('ops:batch', onBatch);
  setCommandSocket(socket);
  const uninstall = installOpsHooks(() => seq.lastSeq);
  if (socket.connected) onConnect();

  return () => {
    generation++;
    clearTimeout(retry);
    socket.off('connect', onConnect);
    socket.off('disconnect', onDisconnect);
    socket.off('unit:position', onPosition);
    socket.off('ops:batch', onBatch);
    for (const off of live) off();
    setCommandSocket(null, socket);
    uninstall();
    store().reset();
  };
}
