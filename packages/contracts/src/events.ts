import { type Static, type TSchema, Type } from '@sinclair/typebox';
import type { DeviceStatus } from './domain.js';
import type { CameraStreamStatus } from './media.js';
import {
  Alarm,
  type AlarmAck,
  type AlarmDismiss,
  type AlarmEscalate,
  type DispatchBody,
  Incident,
  Order,
  type OrderUpdate,
  type ReportBody,
  Unit,
  type UnitPosition,
} from './operations.js';

/** Sent on every (re)connect before any update: the state the client must replace its stores with. */
export interface RegistrySnapshot {
  seq: number;
  registryVersion: string;
}

export interface DeviceStatusChange {
  seq: number;
  kind: 'camera' | 'alarm_device';
  id: string;
  status: DeviceStatus;
}

/**
 * A stored operational event: every change is written with its sequence number before it is
 * broadcast, and replayed by sequence to clients that missed it.
 */
export interface OpsEvent<T> {
  seq: number;
  at: string;
  data: T;
}

/** The operational events, by name (`domain:verb`), with their data. */
export interface OpsEventData {
  'alarm:raised': Alarm;
  'alarm:updated': Alarm;
  'incident:updated': Incident;
  'dispatch:assigned': { order: Order; incident: Incident };
  'order:updated': Order;
  'unit:updated': Unit;
}
export type OpsEventName = keyof OpsEventData;
export const OPS_EVENT_NAMES: readonly OpsEventName[] = [
  'alarm:raised',
  'alarm:updated',
  'incident:updated',
  'dispatch:assigned',
  'order:updated',
  'unit:updated',
];

/** One replayed event with its name. */
export type NamedOpsEvent = { [K in OpsEventName]: { name: K } & OpsEvent<OpsEventData[K]> }[OpsEventName];

const opsEventDataSchemas = {
  'alarm:raised': Alarm,
  'alarm:updated': Alarm,
  'incident:updated': Incident,
  'dispatch:assigned': Type.Object({ order: Order, incident: Incident }),
  'order:updated': Order,
  'unit:updated': Unit,
} satisfies Record<OpsEventName, TSchema>;

const namedOpsEvent = <K extends OpsEventName>(name: K) =>
  Type.Object({
    name: Type.Literal(name),
    seq: Type.Integer({ minimum: 1 }),
    at: Type.String(),
    data: opsEventDataSchemas[name],
  });

/** Schema of one named operational event, as replayed and as carried in an `ops:batch`. */
export const NamedOpsEventSchema = Type.Union([
  namedOpsEvent('alarm:raised'),
  namedOpsEvent('alarm:updated'),
  namedOpsEvent('incident:updated'),
  namedOpsEvent('dispatch:assigned'),
  namedOpsEvent('order:updated'),
  namedOpsEvent('unit:updated'),
]);

/**
 * What `ops:batch` carries: the operational events of one broadcast for the receiving client's
 * scope, in sequence order. Sent instead of the named events to clients that opted in at the
 * handshake (`auth: { batch: true }`); a storm then costs one message per flush, not one per event.
 */
export const OpsBatch = Type.Array(NamedOpsEventSchema);
export type OpsBatch = NamedOpsEvent[];
// The schema and the hand-written union must describe the same events.
type _SameEvents = [Static<typeof NamedOpsEventSchema>] extends [NamedOpsEvent]
  ? [NamedOpsEvent] extends [Static<typeof NamedOpsEventSchema>]
    ? true
    : never
  : never;
const _sameEvents: _SameEvents = true;
void _sameEvents;

/** The socket.io handshake `auth` a client may send: `batch` opts in to `ops:batch`. */
export const OpsHandshake = Type.Object({ batch: Type.Optional(Type.Boolean()) });
export type OpsHandshake = Static<typeof OpsHandshake>;

/** The operational state at `seq`, in the client's scope. */
export interface OpsSnapshot {
  seq: number;
  alarms: Alarm[];
  incidents: Incident[];
  units: Unit[];
  orders: Order[];
}

/** Either the events after the client's last sequence, or a snapshot when they are too many. */
export type OpsSync =
  | { kind: 'replay'; events: NamedOpsEvent[]; seq: number }
  | { kind: 'snapshot'; snapshot: OpsSnapshot };

/** Result of a client command: ok with data, or an error naming the field or rule. */
export type Ack<T = unknown> =
  | { ok: true; data: T }
  | { ok: false; error: { message: string; field?: string; rule?: string } };

/** Server → client events; names are `domain:verb`. */
export type ServerToClientEvents = {
  'registry:snapshot': (s: RegistrySnapshot) => void;
  'registry:changed': (s: RegistrySnapshot) => void;
  'device:status': (c: DeviceStatusChange) => void;
  /** All non-idle stream states, sent on connect (then `camera:status` updates). */
  'camera:statuses': (all: CameraStreamStatus[]) => void;
  'camera:status': (s: CameraStreamStatus) => void;
  /** A unit's position; not stored as an event (the snapshot carries the latest). */
  'unit:position': (p: { id: string; lat: number; lon: number; at: string }) => void;
  /** Operational events in sequence order, to clients that opted in instead of the named events. */
  'ops:batch': (events: OpsBatch) => void;
} & { [K in OpsEventName]: (e: OpsEvent<OpsEventData[K]>) => void };

/** Client → server events; every command answers through its acknowledgement. */
export interface ClientToServerEvents {
  'registry:resync': (ack: (s: RegistrySnapshot) => void) => void;
  /** Catch up after (re)connect: events after `lastSeq`, or a snapshot when `lastSeq` is null or too old. */
  'ops:sync': (req: { lastSeq: number | null }, ack: (r: Ack<OpsSync>) => void) => void;
  'alarm:ack': (cmd: AlarmAck, ack: (r: Ack<Alarm>) => void) => void;
  'alarm:dismiss': (cmd: AlarmDismiss, ack: (r: Ack<Alarm>) => void) => void;
  'alarm:escalate': (cmd: AlarmEscalate, ack: (r: Ack<Incident>) => void) => void;
  'report:create': (cmd: ReportBody, ack: (r: Ack<Incident>) => void) => void;
  'dispatch:send': (cmd: DispatchBody, ack: (r: Ack<Order[]>) => void) => void;
  'order:update': (cmd: OrderUpdate, ack: (r: Ack<Order>) => void) => void;
  'unit:position': (cmd: UnitPosition, ack: (r: Ack<null>) => void) => void;
}
