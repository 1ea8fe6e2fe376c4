import { describe, expect, it } from 'vitest';
import { PatrolLog } from './patrolLog';

function clock(start = Date.parse('2025-01-01T08:00:00Z')) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('patrol log sessions', () => {
  it('records what a tile showed and for how long', () => {
    const c = clock();
    const log = new PatrolLog(c.now);
    log.begin('t0', { cameraId: 'A', stream: 'sub' });
    c.advance(20_000);
    log.begin('t0', { cameraId: 'B', stream: 'sub', tour: 'night' });
    c.advance(5_000);
    log.end('t0');
    expect(log.pending()).toEqual([
      {
        cameraId: 'A',
        stream: 'sub',
        startedAt: '2025-01-01T08:00:00.000Z',
        endedAt: '2025-01-01T08:00:20.000Z',
      },
      {
        cameraId: 'B',
        stream: 'sub',
        tour: 'night',
        startedAt: '2025-01-01T08:00:20.000Z',
        endedAt: '2025-01-01T08:00:25.000Z',
      },
    ]);
  });

  it('treats the same view begun again as one session', () => {
    const c = clock();
    const log = new PatrolLog(c.now);
    log.begin('t0', { cameraId: 'A', stream: 'sub' });
    c.advance(3_000);
    log.begin('t0', { cameraId: 'A', stream: 'sub' });
    c.advance(3_000);
    log.endAll();
    expect(log.pending()).toHaveLength(1);
    expect(log.pending()[0]?.startedAt).toBe('2025-01-01T08:00:00.000Z');
  });

  it('drops glimpses shorter than a second', () => {
    const c = clock();
    const log = new PatrolLog(c.now);
    log.begin('t0', { cameraId: 'A', stream: 'sub' });
    c.advance(400);
    log.end('t0');
    expect(log.pending()).toEqual([]);
  });

  it('cuts open sessions at a checkpoint without losing or double-counting time', () => {
    const c = clock();
    const log = new PatrolLog(c.now);
    log.begin('t0', { cameraId: 'A', stream: 'main' });
    c.advance(30_000);
    log.checkpoint();
    const first = log.pending();
    log.confirm(first);
    c.advance(10_000);
    log.endAll();
    const second = log.pending();
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(second[0]?.startedAt).toBe(first[0]?.endedAt);
    expect(Date.parse(second[0]!.endedAt) - Date.parse(first[0]!.startedAt)).toBe(40_000);
  });

  it('keeps unconfirmed entries, bounded, oldest dropped first', () => {
    const c = clock();
    const log = new PatrolLog(c.now, 3);
    for (const id of ['A', 'B', 'C', 'D']) {
      log.begin('t0', { cameraId: id, stream: 'sub' });
      c.advance(2_000);
    }
    log.end('t0');
    expect(log.pending().map((e) => e.cameraId)).toEqual(['B', 'C', 'D']);
    const sent = log.pending().slice(0, 1);
    log.begin('t1', { cameraId: 'E', stream: 'sub' });
    c.advance(2_000);
    log.end('t1');
    log.confirm(sent);
    expect(log.pending().map((e) => e.cameraId)).toEqual(['C', 'D', 'E']);
    log.restore([{ cameraId: 'Z', stream: 'sub', startedAt: 'x', endedAt: 'y' }]);
    expect(log.pending().map((e) => e.cameraId)).toEqual(['C', 'D', 'E']);
  });
});
