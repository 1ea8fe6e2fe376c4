import { createHash } from 'node:crypto';
import { WebSocket } from 'ws';
import { sessionCookie, type TestGateway } from '../helpers.js';

/**
 * A socket.io client at the wire level (Engine.IO 4 over WebSocket), as an attacker would write
 * one: it sends whatever frames it likes and ignores the server's DISCONNECT. Answers Engine.IO
 * pings so the server keeps it.
 */
export interface RawSocket {
  ws: WebSocket;
  /** Every text frame received, in order. */
  frames: string[];
  /** Resolves with the close code once the server (or anyone) closed the connection. */
  closed: Promise<number>;
  send(frame: string): void;
  /** Send an event with an ack id; resolves with the ack's arguments, or 'closed' when the connection ends first. */
  emitWithAck(event: string, ...args: unknown[]): Promise<unknown[] | 'closed'>;
  close(): void;
}

/** Open the Engine.IO connection and join namespace `/` with `auth`; resolves with the server's answer to the CONNECT. */
export async function rawConnect(
  base: string,
  headers: Record<string, string>,
  auth: unknown = {},
): Promise<{ socket: RawSocket; answer: string }> {
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, {
    headers,
  });
  const frames: string[] = [];
  const listeners: Array<(f: string) => void> = [];
  let nextId = 1;
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  ws.on('error', () => {});
  ws.on('message', (data) => {
    const f = data.toString();
    if (f === '2') return ws.send('3');
    frames.push(f);
    for (const l of [...listeners]) l(f);
  });
  const next = (pred: (f: string) => boolean) =>
    new Promise<string | 'closed'>((resolve) => {
      const hit = (f: string) => {
        if (!pred(f)) return;
        listeners.splice(listeners.indexOf(hit), 1);
        resolve(f);
      };
      listeners.push(hit);
      void closed.then(() => resolve('closed'));
    });
  const opened = next((f) => f.startsWith('0'));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  if ((await opened) === 'closed') throw new Error('closed before the Engine.IO handshake');
  const answer = next((f) => f.startsWith('40') || f.startsWith('44'));
  ws.send(`40${JSON.stringify(auth)}`);
  const socket: RawSocket = {
    ws,
    frames,
    closed,
    send: (frame) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(frame);
    },
    async emitWithAck(event, ...args) {
      const id = nextId++;
      const reply = next((f) => f.startsWith(`43${id}[`));
      socket.send(`42${id}${JSON.stringify([event, ...args])}`);
      const f = await reply;
      return f === 'closed' ? 'closed' : (JSON.parse(f.slice(`43${id}`.length)) as unknown[]);
    },
    close: () => ws.close(),
  };
  const a = await answer;
  return { socket, answer: a };
}

/** A new session of a demo account (the helper's login() reuses one per user). */
export async function freshSession(gw: TestGateway, username: string, password: string) {
  const res = await gw.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = sessionCookie(res);
  const token = decodeURIComponent(cookie.slice('op_session='.length));
  return { cookie, tokenHash: createHash('sha256').update(token).digest('hex') };
}
