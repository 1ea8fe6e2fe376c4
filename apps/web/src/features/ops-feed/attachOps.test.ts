import type { NamedOpsEvent, OpsSync, UnitOrder } from '@onpatrol/contracts';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { attachOps } from './attachOps';
import type { OpsSocket } from './commands';
import { alarm, ev, incident, order, snapshot } from './fixtures';
import { useOps } from './opsStore';

/** Just enough of a socket.io client: handlers by event, and a scripted `ops:sync` answer. */
function fakeSocket(answer: () => OpsSync) {
  const handlers = new Map<string, Array<(...a: unknown[]) => void>>();
  const socket = {
    connected: true,
    on(name: string, h: (...a: unknown[]) => void) {
      handlers.set(name, [...(handlers.get(name) ?? []), h]);
      return socket;
    },
    off(name: string, h: (...a: unknown[]) => void) {
      handlers.set(
        name,
        (handlers.get(name) ?? []).filter((x) => x !== h),
      );
      return socket;
    },
    timeout: () => ({ emitWithAck: async () => ({ ok: true, data: answer() }) }),
    fire(name: string, ...args: unknown[]) {
      for (const h of handlers.get(name) ?? []) h(...args);
    },
  };
  return socket;
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('attachOps', () => {
  let detach: () => void = () => {};
  beforeAll(() => {
    // The test hooks live on window; the unit tests run in Node.
    (globalThis as { window?: unknown }).window ??= globalThis;
  });
  afterEach(() => detach());

  it('applies an ops:batch in order, in one store update, after the events it follows', async () => {
    const socket = fakeSocket(() => ({ kind: 'snapshot', snapshot: snapshot({ seq: 10 }) }));
    const live: string[] = [];
    detach = attachOps(socket as unknown as OpsSocket, { onLive: (e) => live.push(`${e.name}#${e.seq}`) });
    await settle();
    let updates = 0;
    const unsubscribe = useOps.subscribe(() => updates++);
    const batch: NamedOpsEvent[] = [
      ev('alarm:raised', 11, alarm({ id: 1 })),
      ev('alarm:raised', 12, alarm({ id: 2 })),
      ev('alarm:updated', 13, alarm({ id: 1, status: 'acknowledged' })),
      // Already applied (at or below the snapshot): dropped.
      ev('alarm:raised', 9, alarm({ id: 99 })),
    ];
    socket.fire('ops:batch', batch);
    unsubscribe();
    const s = useOps.getState();
    expect(updates).toBe(1);
    expect(Object.keys(s.alarms).map(Number)).toEqual([1, 2]);
    expect(s.alarms[1]?.status).toBe('acknowledged');
    expect(s.lastSeq).toBe(13);
    expect(live).toContain('alarm:raised#11');
    // Named events still feed the same sequence.
    socket.fire('alarm:raised', { seq: 14, at: '', data: alarm({ id: 3 }) });
    expect(useOps.getState().alarms[3]?.id).toBe(3);
  });

  it('loads a unit’s orders with their incidents over REST after every catch-up', async () => {
    let calls = 0;
    const own: UnitOrder[] = [
      {
        order: order({ id: 5, incidentId: 8, status: 'accepted' }),
        incident: incident({ id: 8, place: '南湖' }),
      },
    ];
    const socket = fakeSocket(() => ({
      kind: 'snapshot',
      snapshot: snapshot({ seq: 1, orders: [order({ id: 5, incidentId: 8 })] }),
    }));
    detach = attachOps(socket as unknown as OpsSocket, {
      unitOrders: async () => {
        calls++;
        return own;
      },
    });
    await settle();
    await settle();
    expect(calls).toBe(1);
    expect(useOps.getState().incidents[8]?.place).toBe('南湖');
    socket.fire('disconnect');
    socket.fire('connect');
    await settle();
    await settle();
    expect(calls).toBe(2);
  });
});
