import type { SessionUser } from '../auth/service.js';

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

/**
 * Who is told about a station's cameras (stream states): the command centre and that station's
 * staff; a camera whose station is unknown, the command centre only. Street units are in neither.
 */
export const cameraRooms = (stationId: string | null | undefined): string[] =>
  stationId ? [COMMAND_ROOM, stationRoom(stationId)] : [COMMAND_ROOM];

/**
 * Whether the user may see the cameras of `stationId` (the same audience as cameraRooms). Street
 * units see none here: which cameras around its orders a unit may see is decided by the camera
 * access rules, and until the realtime layer can ask them, it sends units no camera states.
 */
export function seesStationCameras(user: SessionUser, stationId: string | null | undefined): boolean {
  if (user.role === 'street_unit') return false;
  return user.stationId === null || (!!stationId && user.stationId === stationId);
}
