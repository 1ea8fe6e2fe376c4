import { type NamedOpsEvent, OPS_EVENT_NAMES, OpsSequencer } from '@onpatrol/contracts';
import { type OpsSocket, setCommandSocket } from './commands';
import { installOpsHooks } from './opsHooks';
import { orderClosed } from './opsState';
import { useOps } from './opsStore';

const SYNC_TIMEOUT_MS = 15_000;
const RETRY_MAX_MS = 30_000;

export interface AttachOptions {
  /**
   * Street units: the snapshot in their scope has their orders but not the incidents behind them
   * (incident updates go to the command centre only). Their own event history does carry each
   * order's incident (`dispatch:assigned`), so it is read once to fill the gaps.
   */
  backfillIncidents?: boolean;
}

/**
 * Wire the operational feed onto a socket: on every (re)connect, catch up through OpsSequencer
 * (replay after the last sequence, or a snapshot), holding live events meanwhile; a failed
 * catch-up is retried with capped backoff. Also routes commands through this socket. Returns detach.
 */
export function attachOps(socket: OpsSocket, opts: AttachOptions = {}): () => void {
  const store = useOps.getState;
  const seq = new OpsSequencer(
    (e) => store().apply(e),
    (s) => store().replace(s),
  );
  let generation = 0;
  let retry = 0;
  let delay = 1000;
  let backfilled = false;

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
      if (opts.backfillIncidents && !backfilled) backfilled = await backfill(socket);
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
  const live = OPS_EVENT_NAMES.map((name) => {
    const handler = (e: Omit<NamedOpsEvent, 'name'>) => seq.live({ ...e, name } as NamedOpsEvent);
    socket.on(name, handler as never);
    return () => socket.off(name, handler as never);
  });
  const onPosition = (p: { id: string; lat: number; lon: number; at: string }) => store().position(p);

  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  socket.on('unit:position', onPosition);
  setCommandSocket(socket);
  const uninstall = installOpsHooks(() => seq.lastSeq);
  if (socket.connected) onConnect();

  return () => {
    generation++;
    clearTimeout(retry);
    socket.off('connect', onConnect);
    socket.off('disconnect', onDisconnect);
    socket.off('unit:position', onPosition);
    for (const off of live) off();
    setCommandSocket(null, socket);
    uninstall();
    store().reset();
  };
}

/** Fill in the incidents of the unit's active orders from its replayed history; true when done. */
async function backfill(socket: OpsSocket): Promise<boolean> {
  const { orders, incidents } = useOps.getState();
  const missing = Object.values(orders).some((o) => !orderClosed(o) && !incidents[o.incidentId]);
  if (!missing) return false;
  try {
    const r = await socket.timeout(SYNC_TIMEOUT_MS).emitWithAck('ops:sync', { lastSeq: 0 });
    if (!r.ok || r.data.kind !== 'replay') return false;
    for (const e of r.data.events)
      if (e.name === 'dispatch:assigned') useOps.getState().backfill(e.data.incident);
    return true;
  } catch {
    return false;
  }
}
