import type { Order } from '@onpatrol/contracts';
import { useEffect } from 'react';

// Orders already announced on this page (a re-render or reconnect must not ring again).
const announced = new Set<number>();

/**
 * A new order rings: the terminal vibrates (where the browser can) and the performance mark
 * `ops:order-shown:<id>` records when the page first showed it (for the dispatch round-trip benchmark).
 */
export function useOrderAlert(order: Order | null): void {
  const id = order?.id ?? null;
  const fresh = order?.status === 'sent';
  useEffect(() => {
    if (id === null || announced.has(id)) return;
    announced.add(id);
    performance.mark(`ops:order-shown:${id}`);
    if (fresh) navigator.vibrate?.([400, 200, 400, 200, 400]);
  }, [id, fresh]);
}
