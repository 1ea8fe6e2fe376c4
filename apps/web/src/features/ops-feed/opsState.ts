import type {
  Alarm,
  Incident,
  NamedOpsEvent,
  OpsSnapshot,
  Order,
  Unit,
  UnitOrder,
} from '@onpatrol/contracts';

/** The operational state the client holds, keyed by id; replaced by a snapshot, patched by events. */
export interface OpsData {
  alarms: Readonly<Record<number, Alarm>>;
  incidents: Readonly<Record<number, Incident>>;
  units: Readonly<Record<string, Unit>>;
  orders: Readonly<Record<number, Order>>;
  /** Sequence of the last applied event or snapshot (null before the first sync). */
  lastSeq: number | null;
}

/** A unit's live position, as `unit:position` carries it. */
export interface LivePosition {
  id: string;
  lat: number;
  lon: number;
  at: string;
}

export const emptyOps: OpsData = { alarms: {}, incidents: {}, units: {}, orders: {}, lastSeq: null };

/**
 * Past this many records a map sheds its oldest closed ones: an alarm storm or a long shift must
 * not grow the client without bound, and closed records are only kept for a short "just handled" view.
 */
export const KEEP_LIMIT = 400;
const CLOSED_KEEP = 100;

const byId = <K extends string | number, T extends { id: K }>(items: readonly T[]) =>
  Object.fromEntries(items.map((x) => [x.id, x])) as Record<K, T>;

/** The state a snapshot stands for: everything before it is gone. */
export function fromSnapshot(s: OpsSnapshot): OpsData {
  return {
    alarms: byId(s.alarms),
    incidents: byId(s.incidents),
    units: byId(s.units),
    orders: byId(s.orders),
    lastSeq: s.seq,
  };
}

export const alarmClosed = (a: Alarm) => a.status === 'dismissed' || a.status === 'escalated';
export const incidentClosed = (i: Incident) => i.status === 'resolved' || i.status === 'cancelled';
export const orderClosed = (o: Order) => o.status === 'done' || o.status === 'cancelled';

/** Drop the oldest (lowest id) closed records once the map is over the limit. */
export function prune<T extends { id: number }>(
  rec: Readonly<Record<number, T>>,
  closed: (x: T) => boolean,
  limit = KEEP_LIMIT,
  keepClosed = CLOSED_KEEP,
): Readonly<Record<number, T>> {
  const all = Object.values(rec);
  if (all.length <= limit) return rec;
  const done = all.filter(closed).sort((a, b) => b.id - a.id);
  if (done.length <= keepClosed) return rec;
  const out: Record<number, T> = { ...rec };
  for (const x of done.slice(keepClosed)) delete out[x.id];
  return out;
}

function put<T extends { id: number }>(
  rec: Readonly<Record<number, T>>,
  item: T,
  closed: (x: T) => boolean,
): Readonly<Record<number, T>> {
  const isNew = !(item.id in rec);
  const next = { ...rec, [item.id]: item };
  return isNew ? prune(next, closed) : next;
}

/**
 * A unit record from an event keeps the newer position: positions travel outside the event log,
 * so a replayed `unit:updated` may carry an older one than the live feed already delivered.
 */
function putUnit(units: Readonly<Record<string, Unit>>, unit: Unit): Readonly<Record<string, Unit>> {
  const cur = units[unit.id];
  const keep = cur && Date.parse(cur.positionAt) > Date.parse(unit.positionAt);
  return {
    ...units,
    [unit.id]: keep ? { ...unit, lat: cur.lat, lon: cur.lon, positionAt: cur.positionAt } : unit,
  };
}

/** Apply one sequenced event (upsert by id). Re-applying the same event gives the same state. */
export function applyEvent(s: OpsData, e: NamedOpsEvent): OpsData {
  const next = { ...s, lastSeq: Math.max(s.lastSeq ?? 0, e.seq) };
  switch (e.name) {
    case 'alarm:raised':
    case 'alarm:updated':
      return { ...next, alarms: put(s.alarms, e.data, alarmClosed) };
    case 'incident:updated':
      return { ...next, incidents: put(s.incidents, e.data, incidentClosed) };
    case 'dispatch:assigned':
      return {
        ...next,
        orders: put(s.orders, e.data.order, orderClosed),
        incidents: put(s.incidents, e.data.incident, incidentClosed),
      };
    case 'order:updated':
      return { ...next, orders: put(s.orders, e.data, orderClosed) };
    case 'unit:updated':
      return { ...next, units: putUnit(s.units, e.data) };
    default:
      return next;
  }
}

/** Move a known unit to a live position; unknown units (outside this user's scope) are ignored. */
export function applyPosition(s: OpsData, p: LivePosition): OpsData {
  const cur = s.units[p.id];
  if (!cur || Date.parse(cur.positionAt) > Date.parse(p.at)) return s;
  return { ...s, units: { ...s.units, [p.id]: { ...cur, lat: p.lat, lon: p.lon, positionAt: p.at } } };
}

/** Add an incident learned from history (a unit's replayed orders), unless a fresher one is held. */
export function backfillIncident(s: OpsData, incident: Incident): OpsData {
  const cur = s.incidents[incident.id];
  if (cur && Date.parse(cur.updatedAt) >= Date.parse(incident.updatedAt)) return s;
  return { ...s, incidents: { ...s.incidents, [incident.id]: incident } };
}

/** Add an order learned over REST with its incident, keeping whichever of each is fresher. */
export function backfillUnitOrder(s: OpsData, { order, incident }: UnitOrder): OpsData {
  const withIncident = backfillIncident(s, incident);
  const cur = s.orders[order.id];
  if (cur && Date.parse(cur.updatedAt) >= Date.parse(order.updatedAt)) return withIncident;
  return { ...withIncident, orders: put(withIncident.orders, order, orderClosed) };
}
