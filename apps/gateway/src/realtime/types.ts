import type { ClientToServerEvents, ServerToClientEvents } from '@onpatrol/contracts';
import type { Server, Socket } from 'socket.io';
import type { SessionUser } from '../auth/service.js';

/** The gateway's socket.io server and sockets, typed by the contracts' event maps. */
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
