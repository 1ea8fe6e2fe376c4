import type { OrderStatus } from '@onpatrol/contracts';

// The unit terminal's side of the device API: what it sends and how it reads the answers.

/** The statuses a unit reports for its order. */
export type Answer = 'accepted' | 'en_route' | 'on_scene' | 'done';

/** A request the unit's terminal sends next. */
export type UnitAction =
  | { type: 'position'; lat: number; lon: number }
  | { type: 'poll' }
  | {
      type: 'update';
      orderId: number;
      body: { status: Answer; outcome?: string; suspectsCaught?: number; note?: string };
    };

/** The gateway's answer to an action, or null when it did not answer. */
export type ActionResult = { status: number; body: unknown } | null;

/** An order as `GET /api/device/units/orders` lists it (the fields the unit reads). */
export interface WireOrder {
  id: number;
  incidentId: number;
  status: OrderStatus;
  target?: { lat: number; lon: number; place?: unknown };
}

/** Enough of an order to act on. */
export function isOrder(o: unknown): o is WireOrder {
  const x = o as Partial<WireOrder> | null;
  return !!x && typeof x.id === 'number' && typeof x.incidentId === 'number' && typeof x.status === 'string';
}

/** The refusal rule or message of an error answer. */
export function describe(body: unknown): string {
  const b = body as { rule?: unknown; message?: unknown } | null;
  return String(b?.rule ?? b?.message ?? '');
}
