import { type Static, Type } from '@sinclair/typebox';
import { GbId } from './domain.js';
import { literals } from './literals.js';
import { SafeLine, SafeText } from './text.js';

/** What an infrared alarm device reports. */
export const ALARM_KINDS = ['intrusion', 'tamper', 'fault'] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];

/** new → acknowledged → dismissed (false alarm) | escalated (became an incident). */
export const ALARM_STATUSES = ['new', 'acknowledged', 'dismissed', 'escalated'] as const;
export type AlarmStatus = (typeof ALARM_STATUSES)[number];

export const Alarm = Type.Object({
  id: Type.Integer(),
  deviceId: GbId,
  deviceName: Type.String(),
  kind: literals(ALARM_KINDS),
  status: literals(ALARM_STATUSES),
  /** 1 (highest) to 3. */
  priority: Type.Integer({ minimum: 1, maximum: 3 }),
  stationId: GbId,
  siteId: Type.String(),
  siteName: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
  zone: Type.String(),
  /** Repeats from the device merged into this alarm. */
  count: Type.Integer(),
  raisedAt: Type.String(),
  lastAt: Type.String(),
  /** Not acknowledged in time: the shift leader has it too. */
  overdue: Type.Boolean(),
  ackBy: Type.Union([Type.String(), Type.Null()]),
  ackAt: Type.Union([Type.String(), Type.Null()]),
  closedBy: Type.Union([Type.String(), Type.Null()]),
  closedAt: Type.Union([Type.String(), Type.Null()]),
  dismissReason: Type.Union([Type.String(), Type.Null()]),
  incidentId: Type.Union([Type.Integer(), Type.Null()]),
  /** Cameras that see the alarm point, best first. */
  cameraIds: Type.Array(GbId),
});
export type Alarm = Static<typeof Alarm>;

/** What a duty officer can report from a camera, or an escalated alarm. */
export const INCIDENT_KINDS = [
  'alarm',
  'suspicious_person',
  'suspicious_vehicle',
  'fight',
  'theft',
  'fire',
  'other',
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** open → dispatched → on_scene → resolved; open|dispatched → cancelled. */
export const INCIDENT_STATUSES = ['open', 'dispatched', 'on_scene', 'resolved', 'cancelled'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const OUTCOMES = [
  'suspects_caught',
  'clue_found',
  'case_solved',
  'old_case_solved',
  'false_report',
  'other',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const TimelineEntry = Type.Object({
  at: Type.String(),
  actor: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  note: Type.String(),
});
export type TimelineEntry = Static<typeof TimelineEntry>;

export const Incident = Type.Object({
  id: Type.Integer(),
  kind: literals(INCIDENT_KINDS),
  status: literals(INCIDENT_STATUSES),
  priority: Type.Integer({ minimum: 1, maximum: 3 }),
  stationId: GbId,
  lat: Type.Number(),
  lon: Type.Number(),
  place: Type.String(),
  note: Type.String(),
  plate: Type.Union([Type.String(), Type.Null()]),
  cameraId: Type.Union([GbId, Type.Null()]),
  alarmId: Type.Union([Type.Integer(), Type.Null()]),
  reportedBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  outcome: Type.Union([literals(OUTCOMES), Type.Null()]),
  suspectsCaught: Type.Integer(),
  timeline: Type.Array(TimelineEntry),
});
export type Incident = Static<typeof Incident>;

export const UNIT_KINDS = ['car', 'foot'] as const;
/** Unit availability as the dispatch board shows it. */
export const UNIT_STATUSES = ['available', 'assigned', 'en_route', 'on_scene', 'off_duty'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

export const Unit = Type.Object({
  id: Type.String(),
  callsign: Type.String(),
  kind: literals(UNIT_KINDS),
  stationId: GbId,
  status: literals(UNIT_STATUSES),
  lat: Type.Number(),
  lon: Type.Number(),
  positionAt: Type.String(),
  orderId: Type.Union([Type.Integer(), Type.Null()]),
});
export type Unit = Static<typeof Unit>;

export const ORDER_TASKS = ['checkpoint', 'intercept', 'arrest', 'check'] as const;
/** sent → accepted → en_route → on_scene → done; sent|accepted|en_route → cancelled. */
export const ORDER_STATUSES = ['sent', 'accepted', 'en_route', 'on_scene', 'done', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const Order = Type.Object({
  id: Type.Integer(),
  incidentId: Type.Integer(),
  unitId: Type.String(),
  task: literals(ORDER_TASKS),
  status: literals(ORDER_STATUSES),
  note: Type.String(),
  issuedBy: Type.String(),
  issuedAt: Type.String(),
  updatedAt: Type.String(),
});
export type Order = Static<typeof Order>;

/**
 * A street unit's open order with the incident it is for (`GET /api/units/me/orders`): what the
 * unit's page shows on start and after a reconnect, without replaying the unit's event history.
 * The incident is the one `dispatch:assigned` carried to the unit, as it stands now.
 */
export const UnitOrder = Type.Object({ order: Order, incident: Incident });
export type UnitOrder = Static<typeof UnitOrder>;

/** A unit with its travel estimate to an incident, for the dispatch board. */
export const RankedUnit = Type.Object({
  unit: Unit,
  distanceM: Type.Number(),
  etaSeconds: Type.Number(),
});
export type RankedUnit = Static<typeof RankedUnit>;

// ---- Commands (socket.io events with acknowledgements, and the same bodies over REST) ----

export const AlarmAck = Type.Object(
  { alarmId: Type.Integer({ minimum: 1, maximum: 2147483647 }) },
  { additionalProperties: false },
);
export const AlarmDismiss = Type.Object(
  {
    alarmId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
    reason: SafeLine({ minLength: 2, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export const AlarmEscalate = Type.Object(
  {
    alarmId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
    note: Type.Optional(SafeText({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export const ReportBody = Type.Object(
  {
    cameraId: GbId,
    kind: literals(INCIDENT_KINDS.filter((k) => k !== 'alarm')),
    note: SafeText({ maxLength: 500 }),
    plate: Type.Optional(SafeLine({ maxLength: 16 })),
  },
  { additionalProperties: false },
);
export const DispatchBody = Type.Object(
  {
    incidentId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
    unitIds: Type.Array(Type.String({ pattern: '^[A-Z0-9-]{2,16}$' }), {
      minItems: 1,
      maxItems: 10,
      uniqueItems: true,
    }),
    task: literals(ORDER_TASKS),
    note: Type.Optional(SafeText({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export const OrderUpdate = Type.Object(
  {
    orderId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
    status: literals(['accepted', 'en_route', 'on_scene', 'done'] as const),
    outcome: Type.Optional(literals(OUTCOMES)),
    suspectsCaught: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    note: Type.Optional(SafeText({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export const UnitPosition = Type.Object(
  { lat: Type.Number({ minimum: -90, maximum: 90 }), lon: Type.Number({ minimum: -180, maximum: 180 }) },
  { additionalProperties: false },
);
export type AlarmAck = Static<typeof AlarmAck>;
export type AlarmDismiss = Static<typeof AlarmDismiss>;
export type AlarmEscalate = Static<typeof AlarmEscalate>;
export type ReportBody = Static<typeof ReportBody>;
export type DispatchBody = Static<typeof DispatchBody>;
export type OrderUpdate = Static<typeof OrderUpdate>;
export type UnitPosition = Static<typeof UnitPosition>;

/** What the device endpoint accepts from an infrared alarm (signed, see the gateway README). */
export const DeviceAlarmBody = Type.Object(
  {
    kind: literals(ALARM_KINDS),
    at: Type.Optional(Type.String({ format: 'date-time' })),
    zone: Type.Optional(SafeLine({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type DeviceAlarmBody = Static<typeof DeviceAlarmBody>;
