import { ORDER_NEXT, type Order, type OrderStatus, type OrderUpdate } from '@onpatrol/contracts';

/** What a unit can answer to its order, one button each. */
export type UnitAction = 'accept' | 'en_route' | 'on_scene' | 'done';

/** The status each answer moves the order to. */
export const ACTION_STATUS: Record<UnitAction, OrderUpdate['status']> = {
  accept: 'accepted',
  en_route: 'en_route',
  on_scene: 'on_scene',
  done: 'done',
};

const ACTION_OF = new Map(Object.entries(ACTION_STATUS).map(([a, s]) => [s as OrderStatus, a as UnitAction]));

/**
 * The answers allowed from an order's status: the contract's order state machine, less what is
 * not the unit's to say (cancelling is the command centre's).
 */
export function nextActions(status: OrderStatus): readonly UnitAction[] {
  return ORDER_NEXT[status].flatMap((s) => ACTION_OF.get(s) ?? []);
}

const active = (o: Order) => o.status !== 'done' && o.status !== 'cancelled';

/** The order the unit works on now: its newest active one (a unit holds one at a time). */
export function currentOrder(orders: Readonly<Record<number, Order>>, unitId: string | null): Order | null {
  if (!unitId) return null;
  let best: Order | null = null;
  for (const o of Object.values(orders)) {
    if (o.unitId === unitId && active(o) && (!best || o.id > best.id)) best = o;
  }
  return best;
}

/** The unit's most recently finished order, for the "last order" line while it waits. */
export function lastFinished(orders: Readonly<Record<number, Order>>, unitId: string | null): Order | null {
  if (!unitId) return null;
  let best: Order | null = null;
  for (const o of Object.values(orders)) {
    if (o.unitId === unitId && !active(o) && (!best || o.id > best.id)) best = o;
  }
  return best;
}
