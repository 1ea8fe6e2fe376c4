import { alarmClosed, incidentClosed, orderClosed } from './opsState';
import { useOps } from './opsStore';

/**
 * window.__onpatrol.ops, for browser tests and the dispatch round-trip benchmark:
 *  - lastSeq(): sequence of the last applied operational event (null before the first catch-up)
 *  - counts(): records held, and how many of them are open
 * Performance mark `ops:order-shown:<orderId>`: the unit page first rendered a new order.
 */
export interface OpsHooks {
  lastSeq: () => number | null;
  counts: () => {
    alarms: number;
    openAlarms: number;
    incidents: number;
    activeIncidents: number;
    units: number;
    orders: number;
    activeOrders: number;
    connected: boolean;
  };
}

/** Install the hooks (sharing window.__onpatrol with the map and the wall); returns uninstall. */
export function installOpsHooks(lastSeq: () => number | null): () => void {
  const count = <T>(rec: Readonly<Record<string | number, T>>, closed?: (x: T) => boolean) => {
    const all = Object.values(rec);
    return closed ? all.filter((x) => !closed(x)).length : all.length;
  };
  const hooks: OpsHooks = {
    lastSeq,
    counts: () => {
      const s = useOps.getState();
      return {
        alarms: count(s.alarms),
        openAlarms: count(s.alarms, alarmClosed),
        incidents: count(s.incidents),
        activeIncidents: count(s.incidents, incidentClosed),
        units: count(s.units),
        orders: count(s.orders),
        activeOrders: count(s.orders, orderClosed),
        connected: s.connected,
      };
    },
  };
  window.__onpatrol ??= {};
  window.__onpatrol.ops = hooks;
  return () => {
    if (window.__onpatrol?.ops === hooks) delete window.__onpatrol.ops;
  };
}
