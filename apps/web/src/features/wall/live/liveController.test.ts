import type { LiveUrls } from '@onpatrol/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveController, type LiveSource } from './liveController';

const T0 = Date.parse('2025-01-01T00:00:00Z');

function setup(answers: Array<'ok' | 404 | 503>) {
  let n = 0;
  const fetch = vi.fn(async (cameraId: string, stream: 'main' | 'sub'): Promise<LiveUrls> => {
    const a = answers[Math.min(n++, answers.length - 1)];
    if (a !== 'ok') throw Object.assign(new Error(String(a)), { status: a });
    const exp = new Date(Date.now() + 5 * 60_000).toISOString();
    return {
      cameraId,
      stream,
      state: 'connecting',
      hls: `/h?exp=${n}&sig=s${n}`,
      wsFlv: `/f?n=${n}`,
      expiresAt: exp,
    };
  });
  const sources: Array<LiveSource | null> = [];
  const errors: unknown[] = [];
  const c = new LiveController('cam', 'sub', {
    fetch,
    onSource: (s) => sources.push(s),
    onError: (e) => errors.push(e),
  });
  return { c, fetch, sources, errors };
}

describe('live URL controller', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('asks only while active, and renews a minute before expiry without a new player', async () => {
    const { c, fetch, sources } = setup(['ok']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch).not.toHaveBeenCalled();
    c.setActive(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(sources).toHaveLength(1);
    expect(sources[0]?.key).toBe('cam_sub#1');
    await vi.advanceTimersByTimeAsync(4 * 60_000);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(sources).toHaveLength(1);
    expect(c.latest()?.hls).toContain('sig=s2');
  });

  it('stops renewing while hidden and renews at once when shown with an old signature', async () => {
    const { c, fetch } = setup(['ok']);
    c.setActive(true);
    await vi.advanceTimersByTimeAsync(0);
    c.setActive(false);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    c.setActive(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('retries a full gateway with capped backoff, and never retries a 404', async () => {
    const busy = setup([503, 503, 'ok']);
    busy.c.setActive(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(busy.errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(busy.fetch).toHaveBeenCalledTimes(3);
    expect(busy.sources).toHaveLength(1);
    expect(busy.errors.at(-1)).toBeNull();

    const denied = setup([404]);
    denied.c.setActive(true);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(denied.fetch).toHaveBeenCalledTimes(1);
  });

  it('hands out a new source after a player failure, backing off on repeated failures', async () => {
    const { c, fetch, sources } = setup(['ok']);
    c.setActive(true);
    await vi.advanceTimersByTimeAsync(0);
    c.reload();
    await vi.advanceTimersByTimeAsync(999);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sources.map((s) => s?.key)).toEqual(['cam_sub#1', 'cam_sub#2']);
    c.reload();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(sources).toHaveLength(3);
    c.playing();
    c.reload();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sources).toHaveLength(4);
    c.dispose();
    c.reload();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sources).toHaveLength(4);
  });
});
