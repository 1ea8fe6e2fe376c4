import type { Alarm, Incident, Order, Unit } from '@onpatrol/contracts';
import type { Queryable } from '../db/database.js';

// SQL select lists and row mappers for the operational tables (timestamps become ISO strings).
const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

export const ALARM_SELECT = `SELECT a.id, a.device_id, d.name AS device_name, a.kind, a.status, a.priority, a.station_id,
  d.site_id, s.name AS site_name, d.lat, d.lon, d.zone, a.count, a.raised_at, a.last_at, a.overdue, a.ack_by, a.ack_at,
  a.closed_by, a.closed_at, a.dismiss_reason, a.incident_id, a.camera_ids
  FROM alarms a JOIN alarm_devices d ON d.id = a.device_id JOIN sites s ON s.id = d.site_id`;

export function toAlarm(r: Record<string, unknown>): Alarm {
  return {
    id: r.id as number,
    deviceId: r.device_id as string,
    deviceName: r.device_name as string,
    kind: r.kind as Alarm['kind'],
    status: r.status as Alarm['status'],
    priority: r.priority as number,
    stationId: r.station_id as string,
    siteId: r.site_id as string,
    siteName: r.site_name as string,
    lat: r.lat as number,
    lon: r.lon as number,
    zone: r.zone as string,
    count: r.count as number,
    raisedAt: iso(r.raised_at)!,
    lastAt: iso(r.last_at)!,
    overdue: r.overdue as boolean,
    ackBy: (r.ack_by as string) ?? null,
    ackAt: iso(r.ack_at),
    closedBy: (r.closed_by as string) ?? null,
    closedAt: iso(r.closed_at),
    dismissReason: (r.dismiss_reason as string) ?? null,
    incidentId: (r.incident_id as number) ?? null,
    cameraIds: r.camera_ids as string[],
  };
}

export const INCIDENT_SELECT = 'SELECT * FROM incidents i';

export function toIncident(r: Record<string, unknown>): Incident {
  return {
    id: r.id as number,
    kind: r.kind as Incident['kind'],
    status: r.status as Incident['status'],
    priority: r.priority as number,
    stationId: r.station_id as string,
    lat: r.lat as number,
    lon: r.lon as number,
    place: r.place as string,
    note: r.note as string,
    plate: (r.plate as string) ?? null,
    cameraId: (r.camera_id as string) ?? null,
    alarmId: (r.alarm_id as number) ?? null,
    reportedBy: (r.reported_by as string) ?? null,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    outcome: (r.outcome as Incident['outcome']) ?? null,
    suspectsCaught: r.suspects_caught as number,
    timeline: r.timeline as Incident['timeline'],
  };
}

export const UNIT_SELECT = 'SELECT * FROM units u';

export function toUnit(r: Record<string, unknown>): Unit {
  return {
    id: r.id as string,
    callsign: r.callsign as string,
    kind: r.kind as Unit['kind'],
    stationId: r.station_id as string,
    status: r.status as Unit['status'],
    lat: r.lat as number,
    lon: r.lon as number,
    positionAt: iso(r.position_at)!,
    orderId: (r.order_id as number) ?? null,
  };
}

export const ORDER_SELECT = 'SELECT * FROM orders o';

export function toOrder(r: Record<string, unknown>): Order {
  return {
    id: r.id as number,
    incidentId: r.incident_id as number,
    unitId: r.unit_id as string,
    task: r.task as Order['task'],
    status: r.status as Order['status'],
    note: r.note as string,
    issuedBy: r.issued_by as string,
    issuedAt: iso(r.issued_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

/** Read one row back inside a transaction (after a change) and map it. */
export async function one<T>(
  tx: Queryable,
  sql: string,
  id: unknown,
  map: (r: Record<string, unknown>) => T,
): Promise<T> {
  const [row] = await tx.query<Record<string, unknown>>(sql, [id]);
  if (!row) throw new Error(`row ${String(id)} vanished inside its transaction`);
  return map(row);
}
