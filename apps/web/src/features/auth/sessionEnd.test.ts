import { describe, expect, it } from 'vitest';
import { followSessionEnd } from './sessionEnd';

/** Just enough of a socket.io client: handlers by event, and a count of connect() calls. */
function fakeSocket() {
  const handlers = new Map<string, Array<(...a: never[]) => void>>();
  const socket = {
    connected: false,
    connects: 0,
    connect() {
      socket.connects++;
    },
    on(name: string, h: (...a: never[]) => void) {
      handlers.set(name, [...(handlers.get(name) ?? []), h]);
    },
    off(name: string, h: (...a: never[]) => void) {
      handlers.set(
        name,
        (handlers.get(name) ?? []).filter((x) => x !== h),
      );
    },
    fire(name: string, arg: unknown) {
      for (const h of handlers.get(name) ?? []) (h as (a: unknown) => void)(arg);
    },
  };
  return socket;
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('following the end of a session on the socket', () => {
  it('reconnects after the gateway closed the socket when the session still holds', async () => {
    const socket = fakeSocket();
    let asked = 0;
    followSessionEnd(socket, async () => asked++);
    socket.fire('disconnect', 'io server disconnect');
    await settle();
    expect(asked).toBe(1);
    expect(socket.connects).toBe(1);
  });

  it('stays closed when the session is gone (the API client leads to sign-in)', async () => {
    const socket = fakeSocket();
    followSessionEnd(socket, async () => {
      throw new Error('401');
    });
    socket.fire('disconnect', 'io server disconnect');
    await settle();
    expect(socket.connects).toBe(0);
  });

  it('leaves other disconnects to socket.io and checks the session when a handshake is refused for it', async () => {
    const socket = fakeSocket();
    let asked = 0;
    followSessionEnd(socket, async () => asked++);
    socket.fire('disconnect', 'transport close');
    socket.fire('connect_error', Object.assign(new Error('too many'), { data: { rule: 'session-sockets' } }));
    await settle();
    expect(asked).toBe(0);
    socket.fire('connect_error', Object.assign(new Error('unauthorized'), { data: { rule: 'session' } }));
    await settle();
    expect(asked).toBe(1);
    expect(socket.connects).toBe(0);
  });

  it('does nothing once stopped', async () => {
    const socket = fakeSocket();
    let asked = 0;
    const stop = followSessionEnd(socket, async () => asked++);
    stop();
    socket.fire('disconnect', 'io server disconnect');
    await settle();
    expect(asked).toBe(0);
  });
});
