import { describe, expect, it } from 'vitest';
import { between, clockTime, etaMinutes, formatDistance, formatDuration, since } from './time';

describe('timers', () => {
  it('formats durations as m:ss, then h:mm:ss', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65_400)).toBe('1:05');
    expect(formatDuration(59 * 60_000 + 59_999)).toBe('59:59');
    expect(formatDuration(3_600_000 + 61_000)).toBe('1:01:01');
  });

  it('clamps clock skew to zero and ignores unknown instants', () => {
    expect(formatDuration(-5000)).toBe('0:00');
    expect(since(null, Date.now())).toBe('');
    expect(since('garbage', Date.now())).toBe('');
    expect(since('2026-03-01T08:00:00.000Z', Date.parse('2026-03-01T08:02:03.000Z'))).toBe('2:03');
    expect(between('2026-03-01T08:00:00.000Z', null)).toBe('');
  });

  it('words travel estimates and distances', () => {
    expect(etaMinutes(10)).toBe(1);
    expect(etaMinutes(150)).toBe(3);
    expect(formatDistance(840.4)).toEqual({ value: '840', unit: 'm' });
    expect(formatDistance(1260)).toEqual({ value: '1.3', unit: 'km' });
  });

  it('gives local clock times', () => {
    const d = new Date(2026, 2, 1, 9, 5, 7);
    expect(clockTime(d.toISOString())).toBe('09:05:07');
    expect(clockTime('nope')).toBe('');
  });
});
