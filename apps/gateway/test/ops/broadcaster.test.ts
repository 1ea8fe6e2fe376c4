import type { NamedOpsEvent } from '@onpatrol/contracts';
import { describe, expect, it } from 'vitest';
import { Broadcaster, type EventStore, type StoredEvent } from '../../src/ops/events.js';

const ev = (seq: number): StoredEvent => ({
  event: {
    name: 'alarm:raised',
    seq,
    at: new Date(0).toISOString(),
    data: { id: seq },
  } as unknown as NamedOpsEvent,
  stationId: 's',
  unitId: null,
});

/** An event log holding `seqs` (committed), counting reads. */
function fakeStore(seqs: number[]) {
  const store = {
    reads: 0,
    log: seqs.map(ev),
    async maxSeq() {
      return 0;
    },
    async after(seq: number, limit = 5000) {
      store.reads++;
      return store.log.filter((e) => e.event.seq > seq).slice(0, limit);
    },
  };
  return store;
}

describe('Broadcaster', () => {
  it('sends committed events that follow the last one as they are, without reading the log', async () => {
    const store = fakeStore([]);
    const sent: number[][] = [];
    const b = new Broadcaster(store as unknown as EventStore, (batch) =>
      sent.push(batch.map((e) => e.event.seq)),
    );
    await b.init();
    await b.flush([ev(1), ev(2)]);
    await b.flush([ev(3)]);
    expect(sent).toEqual([[1, 2], [3]]);
    expect(store.reads).toBe(0);
    expect(b.lastSeq).toBe(3);
  });

  it('reads the log when events committed before the handed-over ones are not held yet', async () => {
    // seq 2 committed in another transaction whose caller has not flushed yet; 3 burned nothing.
    const store = fakeStore([1, 2, 3]);
    const sent: number[][] = [];
    const b = new Broadcaster(store as unknown as EventStore, (batch) =>
      sent.push(batch.map((e) => e.event.seq)),
    );
    await b.flush([ev(1)]);
    await b.flush([ev(3)]);
    expect(sent).toEqual([[1], [2, 3]]);
    expect(store.reads).toBe(1);
    // The late caller's events were sent already: nothing twice.
    await b.flush([ev(2)]);
    expect(sent).toEqual([[1], [2, 3]]);
  });

  it('steps over a sequence number that never committed', async () => {
    const store = fakeStore([1, 3]);
    const sent: number[][] = [];
    const b = new Broadcaster(store as unknown as EventStore, (batch) =>
      sent.push(batch.map((e) => e.event.seq)),
    );
    await b.flush([ev(1)]);
    await b.flush([ev(3)]);
    store.log.push(ev(4));
    await b.flush([ev(4)]);
    expect(sent).toEqual([[1], [3], [4]]);
    expect(store.reads).toBe(1);
  });

  it('coalesces flushes that arrive while one is running, keeping sequence order', async () => {
    const store = fakeStore([1, 2, 3, 4]);
    const sent: number[] = [];
    const b = new Broadcaster(store as unknown as EventStore, (batch) =>
      sent.push(...batch.map((e) => e.event.seq)),
    );
    // A read is in flight (2 is missing), while 4 and then 3 are handed over.
    const first = b.flush([ev(1), ev(3)]);
    const second = b.flush([ev(4)]);
    const third = b.flush([ev(2)]);
    await Promise.all([first, second, third]);
    expect(sent).toEqual([1, 2, 3, 4]);
  });
});
