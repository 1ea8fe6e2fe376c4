import type { NamedOpsEvent } from '@onpatrol/contracts';
import {
  BATCHED_ROOM,
  batchRoom,
  COMMAND_ROOM,
  type RealtimeServer,
  stationRoom,
  unitRoom,
} from '../realtime/plugin.js';
import type { StoredEvent } from './events.js';

/** Largest `ops:batch` message: a long catch-up read goes out in several. */
export const MAX_BATCH = 500;

/** The rooms an event is for: the command centre, its station's staff, its unit. */
export function audience({ stationId, unitId }: StoredEvent): string[] {
  const rooms = [COMMAND_ROOM];
  if (stationId) rooms.push(stationRoom(stationId));
  if (unitId) rooms.push(unitRoom(unitId));
  return rooms;
}

/**
 * Send one broadcast's events (in sequence order) to the sockets entitled to them: as named
 * events to plain clients, and as one `ops:batch` per room to clients that opted in. socket.io
 * encodes each emit once for its whole room, so a storm costs one message per room and flush
 * for batched clients instead of one per event and client.
 */
export function sendEvents(io: RealtimeServer, batch: StoredEvent[]): void {
  const rooms = io.of('/').adapter.rooms;
  const size = (room: string) => rooms.get(room)?.size ?? 0;
  // Plain sockets in a room: all of its sockets but those that also joined its batch room.
  const hasPlain = (room: string) => size(room) > size(batchRoom(room));
  const perRoom = new Map<string, NamedOpsEvent[]>();
  for (const e of batch) {
    const to = audience(e);
    const { seq, at, data } = e.event;
    if (to.some(hasPlain))
      io.to(to)
        .except(BATCHED_ROOM)
        .emit(e.event.name, { seq, at, data } as never);
    for (const room of to) {
      if (!size(batchRoom(room))) continue;
      const list = perRoom.get(room);
      if (list) list.push(e.event);
      else perRoom.set(room, [e.event]);
    }
  }
  for (const [room, events] of perRoom) {
    for (let i = 0; i < events.length; i += MAX_BATCH) {
      io.to(batchRoom(room)).emit('ops:batch', events.slice(i, i + MAX_BATCH));
    }
  }
}
