import { OpsSequencer } from '@onpatrol/contracts';
import { describe, expect, it } from 'vitest';
import { alarm, ev, incident, order, snapshot, unit } from './fixtures';
import {
  applyEvent,
  applyPosition,
  backfillIncident,
  backfillUnitOrder,
  emptyOps,
  fromSnapshot,
  type OpsData,
  prune,
} from './opsState';

describe('ops state', () => {
  it('a snapshot replaces everything held before', () => {
    let s = applyEvent(emptyOps, ev('alarm:raised', 3, alarm({ id: 7 })));
    s = fromSnapshot(snapshot({ seq: 10, alarms: [alarm({ id: 8 })], units: [unit({ id: 'YH01-1' })] }));
    expect(Object.keys(s.alarms)).toEqual(['8']);
    expect(s.units['YH01-1']?.status).toBe('available');
    expect(s.lastSeq).toBe(10);
  });

  it('events upsert by id and advance the sequence', () => {
    let s = applyEvent(emptyOps, ev('alarm:raised', 1, alarm({ id: 1 })));
    s = applyEvent(s, ev('alarm:updated', 2, alarm({ id: 1, status: 'acknowledged', ackBy: 'duty' })));
    s = applyEvent(s, ev('dispatch:assigned', 3, { order: order({ id: 5 }), incident: incident({ id: 1 }) }));
    s = applyEvent(s, ev('order:updated', 4, order({ id: 5, status: 'accepted' })));
    expect(s.alarms[1]?.status).toBe('acknowledged');
    expect(s.incidents[1]?.id).toBe(1);
    expect(s.orders[5]?.status).toBe('accepted');
    expect(s.lastSeq).toBe(4);
  });

  it('re-applying an event is harmless', () => {
    const e = ev('incident:updated', 5, incident({ id: 2, status: 'dispatched' }));
    const once = applyEvent(emptyOps, e);
    expect(applyEvent(once, e)).toEqual(once);
  });

  it('a replayed unit update does not move the unit back to an older position', () => {
    let s = fromSnapshot(snapshot({ seq: 1, units: [unit({ id: 'U1' })] }));
    s = applyPosition(s, { id: 'U1', lat: 38.4, lon: 116.9, at: '2026-03-01T09:00:00.000Z' });
    s = applyEvent(s, ev('unit:updated', 2, unit({ id: 'U1', status: 'assigned', lat: 38.31 })));
    expect(s.units.U1).toMatchObject({ status: 'assigned', lat: 38.4, lon: 116.9 });
    // positions of units outside the scope are ignored
    expect(applyPosition(s, { id: 'X', lat: 1, lon: 1, at: '2026-03-01T09:00:00.000Z' })).toBe(s);
  });

  it('backfill never replaces a fresher incident', () => {
    const fresh = incident({ id: 3, status: 'on_scene', updatedAt: '2026-03-01T09:00:00.000Z' });
    const s = applyEvent(emptyOps, ev('incident:updated', 1, fresh));
    expect(backfillIncident(s, incident({ id: 3 })).incidents[3]?.status).toBe('on_scene');
    expect(backfillIncident(emptyOps, incident({ id: 4 })).incidents[4]?.id).toBe(4);
  });

  it('an order loaded over REST never replaces a fresher one from the live feed', () => {
    const done = order({ id: 6, status: 'done', updatedAt: '2026-03-01T09:00:00.000Z' });
    const s = applyEvent(emptyOps, ev('order:updated', 1, done));
    const stale = { order: order({ id: 6, status: 'on_scene' }), incident: incident({ id: 2 }) };
    const out = backfillUnitOrder(s, stale);
    expect(out.orders[6]?.status).toBe('done');
    expect(out.incidents[2]?.id).toBe(2);
    expect(backfillUnitOrder(emptyOps, stale).orders[6]?.status).toBe('on_scene');
  });

  it('sheds the oldest closed records past the limit, never open ones', () => {
    const rec = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [
        i + 1,
        alarm({ id: i + 1, status: i < 8 ? 'dismissed' : 'new' }),
      ]),
    );
    const out = prune(rec, (a) => a.status === 'dismissed', 10, 3);
    expect(Object.keys(out).map(Number)).toEqual([6, 7, 8, 9, 10, 11, 12]);
  });
});

describe('ops state through OpsSequencer', () => {
  const run = () => {
    let state: OpsData = emptyOps;
    const seq = new OpsSequencer(
      (e) => {
        state = applyEvent(state, e);
      },
      (s) => {
        state = fromSnapshot(s);
      },
    );
    return { seq, get: () => state };
  };

  it('holds live events during a catch-up and applies each once, in order', () => {
    const { seq, get } = run();
    seq.beginSync();
    seq.live(ev('alarm:updated', 4, alarm({ id: 1, status: 'acknowledged' })));
    seq.live(ev('alarm:updated', 3, alarm({ id: 1, status: 'new', count: 2 })));
    seq.finishSync({ kind: 'snapshot', snapshot: snapshot({ seq: 2, alarms: [alarm({ id: 1 })] }) });
    expect(get().alarms[1]).toMatchObject({ status: 'acknowledged', count: 1 });
    expect(get().lastSeq).toBe(4);
    // the same event again, live: dropped by sequence
    seq.live(ev('alarm:updated', 3, alarm({ id: 1, status: 'new', count: 2 })));
    expect(get().alarms[1]?.status).toBe('acknowledged');
  });

  it('a reconnect replays only what was missed, overlapping live events included', () => {
    const { seq, get } = run();
    seq.beginSync();
    seq.finishSync({ kind: 'snapshot', snapshot: snapshot({ seq: 5 }) });
    seq.live(ev('alarm:raised', 6, alarm({ id: 2 })));
    seq.beginSync(); // reconnect
    seq.live(ev('alarm:updated', 8, alarm({ id: 2, status: 'escalated' })));
    seq.finishSync({
      kind: 'replay',
      seq: 8,
      events: [
        ev('alarm:raised', 6, alarm({ id: 2 })),
        ev('alarm:updated', 7, alarm({ id: 2, status: 'acknowledged' })),
        ev('alarm:updated', 8, alarm({ id: 2, status: 'escalated' })),
      ],
    });
    expect(get().alarms[2]?.status).toBe('escalated');
    expect(get().lastSeq).toBe(8);
  });
});
