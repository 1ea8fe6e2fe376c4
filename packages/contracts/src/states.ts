import type { IncidentStatus, OrderStatus } from './operations.js';

// The state machines of incidents and orders: the gateway refuses anything not listed, and the
// unit terminal offers exactly the answers listed from the order's status.

/** Where an incident may go from each status. */
export const INCIDENT_NEXT: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  open: ['dispatched', 'cancelled'],
  dispatched: ['dispatched', 'on_scene', 'resolved', 'cancelled'],
  on_scene: ['on_scene', 'resolved'],
  resolved: [],
  cancelled: [],
};

/** Where an order may go from each status (a unit may skip "en route" when it is already there). */
export const ORDER_NEXT: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  sent: ['accepted', 'cancelled'],
  accepted: ['en_route', 'on_scene', 'cancelled'],
  en_route: ['on_scene', 'cancelled'],
  on_scene: ['done'],
  done: [],
  cancelled: [],
};

/** True when an incident may move from `from` to `to`. */
export const incidentMayMove = (from: IncidentStatus, to: IncidentStatus): boolean =>
  INCIDENT_NEXT[from].includes(to);

/** True when an order may move from `from` to `to`. */
export const orderMayMove = (from: OrderStatus, to: OrderStatus): boolean => ORDER_NEXT[from].includes(to);
