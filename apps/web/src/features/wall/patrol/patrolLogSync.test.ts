import type { PatrolLogEntry } from '@onpatrol/contracts';
import { describe, expect, it, vi } from 'vitest';
import { PatrolLog } from './patrolLog';
import { MISSING_ROUTE_RETRY_MS, PatrolLogSync, type PatrolLogTransport } from './patrolLogSync';

function setup(post: PatrolLogTransport['post']) {
  let t = 0;
  const log = new PatrolLog(() => t);
  const stored: PatrolLogEntry[][] = [];
  const transport: PatrolLogTransport = {
    post: vi.fn(post),
    beacon: vi.fn(() => true),
    load: () => [],
    save: (e) => stored.push(e),
  };
  const sync = new PatrolLogSync(log, transport, () => t);
  log.begin('t0', { cameraId: 'A', stream: 'sub' });
  t += 30_000;
  return { log, sync, transport, stored, advance: (ms: number) => (t += ms) };
}

describe('patrol log sync', () => {
  it('sends checkpointed sessions and forgets them once stored', async () => {
    const { log, sync, transport } = setup(async () => undefined);
    await sync.flush();
    expect(transport.post).toHaveBeenCalledTimes(1);
    expect(vi.mocked(transport.post).mock.calls[0]?.[0]).toHaveLength(1);
    expect(log.pending()).toEqual([]);
  });

  it('keeps entries quietly while the route answers 404 and stores them at page hide', async () => {
    const { log, sync, transport, stored, advance } = setup(async () => {
      throw Object.assign(new Error('Not Found'), { status: 404 });
    });
    await sync.flush();
    advance(5_000);
    await sync.flush();
    // asked once, then left alone for a while, entries kept
    expect(transport.post).toHaveBeenCalledTimes(1);
    expect(log.pending()).toHaveLength(2);
    advance(MISSING_ROUTE_RETRY_MS);
    await sync.flush();
    expect(transport.post).toHaveBeenCalledTimes(2);
    expect(log.pending()).toHaveLength(3);
    advance(2_000);
    sync.unload();
    expect(transport.beacon).not.toHaveBeenCalled();
    expect(stored.at(-1)).toHaveLength(4);
  });

  it('uses a beacon at page hide when the route works', async () => {
    const { log, sync, transport, advance } = setup(async () => undefined);
    await sync.flush();
    advance(2_000);
    sync.unload();
    expect(transport.beacon).toHaveBeenCalledTimes(1);
    expect(log.pending()).toEqual([]);
  });
});
