import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { pipeToWebSocket } from '../../src/media/wsflv.js';

/** A WebSocket whose sends complete only when the test says so (a viewer on a slow link). */
class SlowSocket extends EventEmitter {
  readonly OPEN = 1;
  readonly CONNECTING = 0;
  readyState = 1;
  readonly sent: Buffer[] = [];
  readonly pending: Array<() => void> = [];
  closedWith: number | null = null;

  send(data: Buffer, _opts: object, cb: () => void): void {
    this.sent.push(data);
    this.pending.push(cb);
  }
  /** The oldest `n` sends reach the network. */
  flush(n = this.pending.length): void {
    for (const cb of this.pending.splice(0, n)) cb();
  }
  close(code: number): void {
    this.closedWith = code;
    this.readyState = 3;
  }
  terminate(): void {
    this.readyState = 3;
  }
}

const setup = () => {
  const upstream = new PassThrough();
  const ws = new SlowSocket();
  const done = vi.fn();
  pipeToWebSocket(upstream as unknown as IncomingMessage, ws as unknown as WebSocket, done);
  return { upstream, ws, done };
};
const chunk = (kib: number) => Buffer.alloc(kib * 1024, 1);

describe('WS-FLV relay', () => {
  it('pauses the media server while the viewer lags and resumes once it caught up', async () => {
    const { upstream, ws } = setup();
    for (let i = 0; i < 4; i++) upstream.write(chunk(256));
    await new Promise((r) => setImmediate(r));
    expect(ws.sent).toHaveLength(4);
    expect(upstream.isPaused()).toBe(false);
    // Past 1 MiB queued: stop reading from the media server.
    upstream.write(chunk(64));
    await new Promise((r) => setImmediate(r));
    expect(upstream.isPaused()).toBe(true);
    // Still above the low-water mark after one send completes…
    ws.flush(1);
    expect(upstream.isPaused()).toBe(true);
    // …and below it after most of the backlog went out.
    ws.flush(3);
    expect(upstream.isPaused()).toBe(false);
  });

  it('closes the viewer when the media server ends the stream, and reports done once', async () => {
    const { upstream, ws, done } = setup();
    upstream.end(chunk(1));
    await vi.waitFor(() => expect(ws.closedWith).toBe(1011));
    upstream.destroy();
    expect(done).toHaveBeenCalledTimes(1);
  });

  it('hangs up on the media server when the viewer leaves', () => {
    const { upstream, ws, done } = setup();
    ws.readyState = 3;
    ws.emit('close', 1001);
    expect(upstream.destroyed).toBe(true);
    expect(done).toHaveBeenCalledTimes(1);
  });

  it('gives up on a viewer that takes nothing for 10 s', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    try {
      const { upstream, ws, done } = setup();
      upstream.write(chunk(1100));
      await new Promise((r) => setImmediate(r));
      expect(upstream.isPaused()).toBe(true);
      vi.advanceTimersByTime(9000);
      expect(ws.closedWith).toBeNull();
      vi.advanceTimersByTime(2000);
      expect(ws.closedWith).toBe(1013);
      expect(upstream.destroyed).toBe(true);
      expect(done).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
