import type { ClientToServerEvents, ServerToClientEvents } from '@onpatrol/contracts';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Server, type Socket } from 'socket.io';
import { SESSION_COOKIE } from '../auth/plugin.js';
import type { SessionUser } from '../auth/service.js';

export type RealtimeServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { user: SessionUser }
>;
export type RealtimeSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { user: SessionUser }
>;

const IO_PATH = '/socket.io';

/** Room of the command centre (sees every station) and of one station's staff. */
export const COMMAND_ROOM = 'command';
export const stationRoom = (stationId: string) => `station:${stationId}`;
export const unitRoom = (unitId: string) => `unit:${unitId}`;

/**
 * Sockets that opted in to `ops:batch` (handshake `auth: { batch: true }`) are also in this room,
 * and in `batchRoom(room)` for each of their rooms: operational events reach them as one batch per
 * broadcast and room, and the named events skip them.
 */
export const BATCHED_ROOM = 'ops-batched';
export const batchRoom = (room: string) => `batch:${room}`;

/** True when the handshake asks for operational events in batches. */
export const wantsBatches = (auth: unknown) => (auth as { batch?: unknown } | null)?.batch === true;

/** The rooms a user's sockets join: a street unit only its own unit's, station staff their station's. */
export function roomsFor(user: SessionUser): string[] {
  if (user.role === 'street_unit') return user.unitId ? [unitRoom(user.unitId)] : [];
  return [user.stationId ? stationRoom(user.stationId) : COMMAND_ROOM];
}

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

function parseCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** socket.io on the gateway's own HTTP server: session and Origin checked at the handshake. */
export const realtimePlugin = fp(
  async (app: FastifyInstance) => {
    const io: RealtimeServer = new Server(app.server, {
      path: IO_PATH,
      serveClient: false,
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

    io.use(async (socket, next) => {
      const token = parseCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
      const user = token ? await app.auth.userForToken(token) : null;
      if (!user) return next(new Error('unauthorized'));
      socket.data.user = user;
      next();
    });

    io.on('connection', (socket) => {
      // Everything here runs before the first await: a client's first event may already be on
      // its way, and an event that arrives before its listener is attached is lost.
      const rooms = roomsFor(socket.data.user);
      void socket.join(
        wantsBatches(socket.handshake.auth) ? [...rooms, BATCHED_ROOM, ...rooms.map(batchRoom)] : rooms,
      );
      for (const h of handlers) {
        Promise.resolve(h(socket)).catch((err) => app.log.error({ err }, 'socket connect handler failed'));
      }
    });

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
