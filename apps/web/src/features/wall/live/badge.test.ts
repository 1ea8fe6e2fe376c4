import type { CameraStreamStatus } from '@onpatrol/contracts';
import { describe, expect, it } from 'vitest';
import { badgeOf, formatAge, looksStale, reasonKey } from './badge';

const base: CameraStreamStatus = { cameraId: 'c1', stream: 'sub', state: 'live', sinceMs: 1_000 };

describe('status badge', () => {
  it('formats ages compactly', () => {
    expect(formatAge(999)).toBe('0s');
    expect(formatAge(12_400)).toBe('12s');
    expect(formatAge(185_000)).toBe('3m05s');
    expect(formatAge(2 * 3600_000 + 7 * 60_000)).toBe('2h07m');
    expect(formatAge(-5)).toBe('0s');
  });

  it('waits honestly when the gateway has not reported the stream', () => {
    expect(badgeOf(undefined, 0).key).toBe('waiting');
  });

  it('marks a frozen picture red with how long it has been frozen', () => {
    const s: CameraStreamStatus = { ...base, state: 'stalled', reason: 'frozen', stalledSinceMs: 10_000 };
    const b = badgeOf(s, 22_000);
    expect(b).toMatchObject({ key: 'frozen', tone: 'bad', age: '12s' });
    expect(looksStale(s)).toBe(true);
  });

  it('tells a stream without frames from a frozen one', () => {
    const s: CameraStreamStatus = { ...base, state: 'stalled', reason: 'no-frames', sinceMs: 5_000 };
    expect(badgeOf(s, 9_000)).toMatchObject({ key: 'noFrames', age: '4s' });
  });

  it('counts down to the next attempt of an offline stream', () => {
    const s: CameraStreamStatus = { ...base, state: 'offline', reason: 'timeout', retryAtMs: 20_000 };
    expect(badgeOf(s, 15_000)).toMatchObject({ key: 'offlineRetry', age: '5s', reason: 'timeout' });
    expect(badgeOf(s, 25_000).key).toBe('offline');
    expect(reasonKey('timeout')).toBe('timeout');
    expect(reasonKey('RTSP 404 Not Found')).toBeNull();
  });

  it('shows live and connecting as not stale', () => {
    expect(badgeOf(base, 4_000)).toMatchObject({ key: 'live', tone: 'ok' });
    expect(looksStale(base)).toBe(false);
    expect(looksStale({ ...base, state: 'connecting' })).toBe(false);
    expect(looksStale(undefined)).toBe(false);
  });
});
