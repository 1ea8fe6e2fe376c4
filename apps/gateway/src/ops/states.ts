import { type IncidentStatus, incidentMayMove, type OrderStatus, orderMayMove } from '@onpatrol/contracts';
import { HttpError } from '../errors.js';

/** Raised for a transition the state machine does not allow; names the rule. */
export class IllegalTransitionError extends HttpError {
  override name = 'IllegalTransitionError';
  constructor(what: string, from: string, to: string) {
    super(409, `${what} cannot go from ${from} to ${to}`, { rule: `${what}-state` });
  }
}

/** Throw unless an incident may move from `from` to `to`. */
export function checkIncident(from: IncidentStatus, to: IncidentStatus): void {
  if (!incidentMayMove(from, to)) throw new IllegalTransitionError('incident', from, to);
}

/** Throw unless an order may move from `from` to `to`. */
export function checkOrder(from: OrderStatus, to: OrderStatus): void {
  if (!orderMayMove(from, to)) throw new IllegalTransitionError('order', from, to);
}
