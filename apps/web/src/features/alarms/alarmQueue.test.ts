import { describe, expect, it } from 'vitest';
import { alarm } from '../ops-feed/fixtures';
import { ackTime, headOfQueue, openAlarms, overdueAlarms, queueCounts } from './alarmQueue';

const at = (min: number) => new Date(Date.UTC(2026, 2, 1, 8, min)).toISOString();

describe('alarm queue', () => {
  const rec = Object.fromEntries(
    [
      alarm({ id: 1, priority: 2, raisedAt: at(1) }),
      alarm({ id: 2, priority: 1, raisedAt: at(5) }),
      alarm({ id: 3, priority: 1, raisedAt: at(2), status: 'acknowledged' }),
      alarm({ id: 4, priority: 3, raisedAt: at(0), overdue: true }),
      alarm({ id: 5, priority: 1, raisedAt: at(0), status: 'dismissed' }),
      alarm({ id: 6, priority: 2, raisedAt: at(1) }),
    ].map((a) => [a.id, a]),
  );

  it('lists open alarms by priority, then the longest waiting, then id', () => {
    expect(openAlarms(rec).map((a) => a.id)).toEqual([3, 2, 1, 6, 4]);
  });

  it('sorts a record once, and a changed record anew', () => {
    const first = openAlarms(rec);
    expect(openAlarms(rec)).toBe(first);
    const changed = { ...rec, 7: alarm({ id: 7, priority: 1, raisedAt: at(0) }) };
    expect(openAlarms(changed)).not.toBe(first);
    expect(openAlarms(changed).map((a) => a.id)).toEqual([7, 3, 2, 1, 6, 4]);
  });

  it('picks out and counts the overdue ones', () => {
    expect(overdueAlarms(rec).map((a) => a.id)).toEqual([4]);
    expect(queueCounts(openAlarms(rec))).toEqual({ fresh: 4, acknowledged: 1, overdue: 1 });
  });

  it('shows the time to acknowledge once acknowledged', () => {
    expect(ackTime(alarm({ id: 1, raisedAt: at(0) }))).toBe('');
    expect(ackTime(alarm({ id: 1, raisedAt: at(0), ackAt: at(2) }))).toBe('2:00');
  });

  it('takes the head of a long queue, with the opened alarm wherever it stands', () => {
    const storm = Array.from({ length: 150 }, (_, i) => alarm({ id: i + 1, raisedAt: at(i % 60) }));
    const list = openAlarms(Object.fromEntries(storm.map((a) => [a.id, a])));
    const plain = headOfQueue(list, 100, null);
    expect(plain.head.map((a) => a.id)).toEqual(list.slice(0, 100).map((a) => a.id));
    expect(plain.rest).toHaveLength(50);

    const far = list[120]!;
    const opened = headOfQueue(list, 100, far.id);
    expect(opened.head).toHaveLength(101);
    expect(opened.head.at(-1)).toBe(far);
    expect(opened.rest).toHaveLength(49);
    expect(opened.rest).not.toContain(far);
    // Opened within the head: nothing moves.
    expect(headOfQueue(list, 100, list[3]!.id)).toEqual(plain);
  });
});
