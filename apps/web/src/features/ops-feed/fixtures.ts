import type { Alarm, Incident, NamedOpsEvent, OpsSnapshot, Order, Unit } from '@onpatrol/contracts';

// Record builders for the unit tests: valid defaults, overridden per test.

const STATION = '13090301002160000001';
const T0 = '2026-03-01T08:00:00.000Z';

export function alarm(p: Partial<Alarm> & { id: number }): Alarm {
  return {
    deviceId: '13090301001340000001',
    deviceName: '南湖广场 1 号报警器',
    kind: 'intrusion',
    status: 'new',
    priority: 2,
    stationId: STATION,
    siteId: 'S001',
    siteName: '南湖广场',
    lat: 38.3,
    lon: 116.82,
    zone: '东门',
    count: 1,
    raisedAt: T0,
    lastAt: T0,
    overdue: false,
    ackBy: null,
    ackAt: null,
    closedBy: null,
    closedAt: null,
    dismissReason: null,
    incidentId: null,
    cameraIds: [],
    ...p,
  };
}

export function incident(p: Partial<Incident> & { id: number }): Incident {
  return {
    kind: 'alarm',
    status: 'open',
    priority: 2,
    stationId: STATION,
    lat: 38.3,
    lon: 116.82,
    place: '南湖广场 东门',
    note: '',
    plate: null,
    cameraId: null,
    alarmId: null,
    reportedBy: 'duty',
    createdAt: T0,
    updatedAt: T0,
    outcome: null,
    suspectsCaught: 0,
    timeline: [],
    ...p,
  };
}

export function unit(p: Partial<Unit> & { id: string }): Unit {
  return {
    callsign: '水月寺巡逻车1',
    kind: 'car',
    stationId: STATION,
    status: 'available',
    lat: 38.31,
    lon: 116.83,
    positionAt: T0,
    orderId: null,
    ...p,
  };
}

export function order(p: Partial<Order> & { id: number }): Order {
  return {
    incidentId: 1,
    unitId: 'YH01-1',
    task: 'check',
    status: 'sent',
    note: '',
    issuedBy: 'leader',
    issuedAt: T0,
    updatedAt: T0,
    ...p,
  };
}

export function snapshot(p: Partial<OpsSnapshot> & { seq: number }): OpsSnapshot {
  return { alarms: [], incidents: [], units: [], orders: [], ...p };
}

/** A sequenced event as the gateway sends it. */
export function ev<E extends NamedOpsEvent>(name: E['name'], seq: number, data: E['data']): NamedOpsEvent {
  return { name, seq, at: T0, data } as NamedOpsEvent;
}
