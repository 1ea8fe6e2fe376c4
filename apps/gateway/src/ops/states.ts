import type { IncidentStatus, OrderStatus } from '@onpatrol/contracts';
import { HttpError } from '../errors.js';

// The state machines of incidents and orders; anything not listed is refused.
const INCIDENT_NEXT: Record<IncidentStatus, readonly IncidentStatus[]> = {
  open: ['dispatched', 'cancelled'],
  dispatched: ['dispatched', 'on_scene', 'resolved', 'cancelled'],
  on_scene: ['on_scene', 'resolved'],
  resolved: [],
  cancelled: [],
};

const ORDER_NEXT: Record<OrderStatus, readonly OrderStatus[]> = {
  sent: ['accepted', 'cancelled'],
  accepted: ['en_route', 'on_scene', 'cancelled'],
  en_route: ['on_scene', 'cancelled'],
  on_scene: ['done'],
  done: [],
  cancelled: [],
};

/** Raised for a transition the state machine does not allow; names the rule. */
export class IllegalTransitionError extends HttpError {
  override name = 'IllegalTransitionError';
  constructor(what: string, from: string, to: string) {
    super(409, `${what} cannot go from ${from} to ${to}`, { rule: `${what}-state` });
  }
}

/** Throw unless an incident may move from `from` to `to`. */
export function checkIncident(from: IncidentStatus, to: IncidentStatus): void {
  if (!INCIDENT_NEXT[from].includes(to)) throw new IllegalTransitionError('incident', from, to);
}

/** Throw unless an order may move from `from` to `to`. */
export function checkOrder(from: OrderStatus, to: OrderStatus): void {
  if (!ORDER_NEXT[from].includes(to)) throw new IllegalTransitionError('order', from, to);
}
