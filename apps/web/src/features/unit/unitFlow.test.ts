import { describe, expect, it } from 'vitest';
import { order } from '../ops-feed/fixtures';
import { currentOrder, lastFinished, nextActions } from './unitFlow';

describe('unit page flow', () => {
  it('offers the answers the order state allows', () => {
    expect(nextActions('sent')).toEqual(['accept']);
    expect(nextActions('accepted')).toEqual(['en_route', 'on_scene']);
    expect(nextActions('en_route')).toEqual(['on_scene']);
    expect(nextActions('on_scene')).toEqual(['done']);
    expect(nextActions('done')).toEqual([]);
    expect(nextActions('cancelled')).toEqual([]);
  });

  it("works on the unit's newest active order and remembers the last finished one", () => {
    const orders = Object.fromEntries(
      [
        order({ id: 1, status: 'done' }),
        order({ id: 2, status: 'accepted' }),
        order({ id: 3, status: 'sent', unitId: 'YH02-1' }),
        order({ id: 4, status: 'cancelled' }),
      ].map((o) => [o.id, o]),
    );
    expect(currentOrder(orders, 'YH01-1')?.id).toBe(2);
    expect(lastFinished(orders, 'YH01-1')?.id).toBe(4);
    expect(currentOrder(orders, null)).toBeNull();
    expect(currentOrder({}, 'YH01-1')).toBeNull();
  });
});
