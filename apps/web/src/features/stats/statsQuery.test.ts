import { describe, expect, it } from 'vitest';
import { dayStart, localDay, statsQuery, totals } from './statsQuery';

describe('statistics query', () => {
  it('turns local days into an inclusive range with an exclusive end', () => {
    const q = new URLSearchParams(
      statsQuery({ group: 'officer', fromDay: '2026-03-01', toDay: '2026-03-31' }),
    );
    expect(q.get('group')).toBe('officer');
    expect(q.get('from')).toBe(new Date(2026, 2, 1).toISOString());
    expect(q.get('to')).toBe(new Date(2026, 3, 1).toISOString());
  });

  it('leaves out empty or malformed days', () => {
    expect(statsQuery({ group: 'station', fromDay: '', toDay: 'soon' })).toBe('group=station');
    expect(dayStart('2026-13-45')).not.toBeNull(); // Date rolls over; the browser's date input never sends it
    expect(dayStart('')).toBeNull();
  });

  it('formats local days and sums columns', () => {
    expect(localDay(new Date(2026, 0, 5))).toBe('2026-01-05');
    const row = {
      key: 'a',
      label: 'A',
      clues: 1,
      casesSolved: 2,
      oldCasesSolved: 0,
      suspectsCaught: 3,
      falseReports: 0,
      alarmsHandled: 4,
      alarmsFalse: 1,
      incidents: 5,
    };
    expect(totals([row, { ...row, key: 'b', suspectsCaught: 2 }])).toMatchObject({
      suspectsCaught: 5,
      incidents: 10,
      clues: 2,
    });
  });
});
