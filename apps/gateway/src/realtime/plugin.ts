import { type ClientToServerEvents, OpsHandshake, type ServerToClientEvents } from '@onpatrol/contracts';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Server } from 'socket.io';
import { SESSION_COOKIE } from '../auth/plugin.js';
import type { SessionUser } from '../auth/service.js';
import { guardClientEvents } from './clientEvents.js';
import { BATCHED_ROOM, batchRoom, COMMAND_ROOM, roomsFor, stationRoom, wantsBatches } from './rooms.js';
import {
  endedRooms,
  MAX_SOCKETS_PER_SESSION,
  SessionCheck,
  sessionRoom,
  userRoom,
  watchExpiry,
} from './sessions.js';
import type { RealtimeServer, RealtimeSocket } from './types.js';

export * from './rooms.js';

export type { RealtimeServer, RealtimeSocket } from './types.js';

const IO_PATH = '/socket.io';
/**
 * Largest message a client may send (socket.io's default is 1 MB). The largest command, a report
 * with its note, is a few kilobytes; a bigger message closes the connection.
 */
export const MAX_CLIENT_MESSAGE_BYTES = 32 * 1024;
/** A client that opened a connection must say which namespace it joins within this time. */
const CONNECT_TIMEOUT_MS = 10_000;

/** Broadcasts scoped like the REST routes: a station's events reach its staff and the command centre. */
export interface Realtime {
  io: RealtimeServer;
  /** Send to the command centre and the staff of `stationId` (null: every connected user). */
  emitScoped<E extends keyof ServerToClientEvents>(
    stationId: string | null,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void;
  /** Called for every new connection after it joined its rooms; attach listeners before any await. */
  onConnect(handler: (socket: RealtimeSocket) => void | Promise<void>): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    realtime: Realtime;
  }
}

/** A refused handshake: the client's `connect_error` carries the message and `data.rule`. */
const refusal = (message: string, rule: string, field?: string) =>
  Object.assign(new Error(message), { data: field ? { rule, field } : { rule } });
const checkHandshake = TypeCompiler.Compile(OpsHandshake);

/**
 * socket.io on the gateway's own HTTP server. The handshake needs the Origin of the page, a live
 * session and a free place among the session's sockets; every client event after it is checked
 * again (see clientEvents.ts), and ending a session or changing its account closes its sockets.
 */
export const realtimePlugin = fp(
  async (app: FastifyInstance) => {
    const log = app.log.child({ module: 'realtime' });
    const io: RealtimeServer = new Server(app.server, {
      path: IO_PATH,
      serveClient: false,
      maxHttpBufferSize: MAX_CLIENT_MESSAGE_BYTES,
      connectTimeout: CONNECT_TIMEOUT_MS,
      // Its default ends every other upgrade after a second; the upgrades plugin routes those
      // (WS-FLV video) and refuses the rest itself.
      destroyUpgrade: false,
      // Same-origin only: a page on another origin must not ride the user's session cookie.
      allowRequest: (req, done) => {
        if (closing) return done('shutting down', false);
        const origin = req.headers.origin;
        if (!origin) return done(null, true);
        try {
          done(null, new URL(origin).host === req.headers.host);
        } catch {
          done(null, false);
        }
      },
    });
    app.upgrades.pass(`${IO_PATH}/`);
    let closing = false;
    const handlers: Array<(s: RealtimeSocket) => void | Promise<void>> = [];
    // The raw token stays here (for rechecks), not in socket.data, which a cluster adapter ships around.
    const tokens = new WeakMap<RealtimeSocket, { token: string; checkedAt: number }>();

    /** Why the handshake is refused, or null to admit it (and then it holds its session's place). */
    const admit = async (socket: RealtimeSocket): Promise<Error | null> => {
      const header = socket.handshake.headers.cookie;
      // The same parser as the REST routes: malformed encodings come back as they were, never throw.
      const token = typeof header === 'string' ? app.parseCookie(header)[SESSION_COOKIE] : undefined;
      if (!token) return refusal('unauthorized', 'session');
      if (!checkHandshake.Check(socket.handshake.auth)) {
        const path = checkHandshake.Errors(socket.handshake.auth).First()?.path.slice(1) ?? '';
        return refusal(`handshake auth ${path || 'payload'} is invalid`, 'schema', `auth.${path}`);
      }
      const checkedAt = Date.now();
      const user = await app.auth.userForToken(token);
      if (!user) return refusal('unauthorized', 'session');
      // Counted and joined with no await in between, so concurrent handshakes cannot all take the
      // last place. A handshake that fails later leaves these rooms again (socket.io cleans up).
      const room = sessionRoom(user.tokenHash);
      if ((io.of('/').adapter.rooms.get(room)?.size ?? 0) >= MAX_SOCKETS_PER_SESSION) {
        return refusal(
          `too many open connections for this session (at most ${MAX_SOCKETS_PER_SESSION})`,
          'session-sockets',
        );
      }
      socket.data.user = user;
      tokens.set(socket, { token, checkedAt });
      void socket.join([room, userRoom(user.username)]);
      return null;
    };
    io.use((socket, next) => {
      admit(socket).then(
        (refused) => next(refused ?? undefined),
        (err: unknown) => {
          log.error({ err }, 'socket handshake failed');
          next(refusal('the session could not be checked; try again', 'session-check'));
        },
      );
    });

    io.on('connection', (socket) => {
      // Everything here runs before the first await: a client's first event may already be on
      // its way, and an event that arrives before its listener is attached is lost.
      const { user } = socket.data;
      const { token, checkedAt } = tokens.get(socket)!;
      const end = () => socket.disconnect(true);
      guardClientEvents(
        socket,
        new SessionCheck(user, () => app.auth.userForToken(token), checkedAt),
        end,
        log,
      );
      // Also closes the socket whose session ended between its handshake and now.
      const unwatch = watchExpiry(
        () => app.auth.sessionEndsAt(user.tokenHash),
        end,
        (err) => log.error({ err }, 'reading the session expiry failed'),
      );
      socket.on('disconnect', unwatch);
      const rooms = roomsFor(user);
      void socket.join(
        wantsBatches(socket.handshake.auth) ? [...rooms, BATCHED_ROOM, ...rooms.map(batchRoom)] : rooms,
      );
      for (const h of handlers) {
        try {
          Promise.resolve(h(socket)).catch((err) => log.error({ err }, 'socket connect handler failed'));
        } catch (err) {
          log.error({ err }, 'socket connect handler failed');
        }
      }
    });

    // Sign-out, a disabled account, a new role, station or password: its open sockets end at
    // once, on every gateway the adapter reaches.
    app.auth.onSessionsEnded((ended) => io.in(endedRooms(ended)).disconnectSockets(true));

    app.decorate('realtime', {
      io,
      emitScoped(stationId, event, ...args) {
        const target = stationId ? io.to([COMMAND_ROOM, stationRoom(stationId)]) : io;
        target.emit(event, ...args);
      },
      onConnect(handler) {
        handlers.push(handler);
      },
    } satisfies Realtime);

    app.addHook('preClose', async () => {
      // Fastify closes the HTTP server itself; only the sockets and engine are ours to close.
      // Closing the transports (not disconnecting the sockets) lets clients reconnect by themselves
      // to the next gateway: a server-side disconnect would tell them not to.
      closing = true;
      io.engine.close();
    });
  },
  { name: 'realtime', dependencies: ['auth-guard', 'upgrades'] },
);
