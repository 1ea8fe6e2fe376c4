import {
  type AlarmDevice,
  CAMERA_KINDS,
  type CameraBulk,
  DEVICE_STATUSES,
  type DeviceStatus,
  decodeCameraBulk,
  SITE_KINDS,
  type SiteKind,
} from '@onpatrol/contracts';

/** Site kind code for a point whose site is not in the loaded registry: never filtered out. */
export const UNKNOWN_SITE_KIND = 255;

/**
 * One map layer's points as parallel typed arrays. The canvas layer reads these every frame, so
 * positions are projected to Web Mercator once here, and status lives in a Uint8Array that a
 * status change patches in place (no rebuild, no per-point objects).
 */
export interface PointSet {
  readonly layer: 'camera' | 'alarm';
  readonly count: number;
  readonly ids: readonly string[];
  readonly names: readonly string[];
  readonly siteIds: readonly string[];
  readonly stationIds: readonly string[];
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  /** Web Mercator world coordinates in [0, 1]; multiply by the CRS scale to get pixels. */
  readonly wx: Float64Array;
  readonly wy: Float64Array;
  /** Index into DEVICE_STATUSES. */
  readonly status: Uint8Array;
  /** Index into SITE_KINDS, or UNKNOWN_SITE_KIND. */
  readonly siteKind: Uint8Array;
  /** Index into CAMERA_KINDS (cameras only; 0 for alarms). */
  readonly deviceKind: Uint8Array;
  /** Degrees clockwise from north, degrees, metres (cameras only; 0 for alarms). */
  readonly bearing: Float32Array;
  readonly fov: Float32Array;
  readonly range: Float32Array;
  readonly indexOf: ReadonlyMap<string, number>;
}

interface RawPoint {
  id: string;
  name: string;
  lat: number;
  lon: number;
  status: DeviceStatus;
  siteId: string;
  stationId: string;
  kind?: string;
  bearing?: number;
  fov?: number;
  range?: number;
}

const MAX_SIN = Math.sin((85.0511287798 * Math.PI) / 180);

/** Web Mercator x in [0, 1] for a longitude (same projection as Leaflet's EPSG3857). */
export function mercatorX(lon: number): number {
  return lon / 360 + 0.5;
}

/** Web Mercator y in [0, 1] (north at 0) for a latitude, clamped like Leaflet. */
export function mercatorY(lat: number): number {
  const s = Math.max(-MAX_SIN, Math.min(MAX_SIN, Math.sin((lat * Math.PI) / 180)));
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
}

export const statusCode = (s: string): number => {
  const i = DEVICE_STATUSES.indexOf(s as DeviceStatus);
  return i < 0 ? 1 : i; // an unknown status is shown as offline rather than hidden
};

function build(
  layer: PointSet['layer'],
  raw: readonly RawPoint[],
  siteKindOf: (siteId: string) => SiteKind | undefined,
) {
  const n = raw.length;
  const set: PointSet = {
    layer,
    count: n,
    ids: raw.map((p) => p.id),
    names: raw.map((p) => p.name),
    siteIds: raw.map((p) => p.siteId),
    stationIds: raw.map((p) => p.stationId),
    lat: new Float64Array(n),
    lon: new Float64Array(n),
    wx: new Float64Array(n),
    wy: new Float64Array(n),
    status: new Uint8Array(n),
    siteKind: new Uint8Array(n),
    deviceKind: new Uint8Array(n),
    bearing: new Float32Array(n),
    fov: new Float32Array(n),
    range: new Float32Array(n),
    indexOf: new Map(raw.map((p, i) => [p.id, i])),
  };
  for (let i = 0; i < n; i++) {
    const p = raw[i]!;
    set.lat[i] = p.lat;
    set.lon[i] = p.lon;
    set.wx[i] = mercatorX(p.lon);
    set.wy[i] = mercatorY(p.lat);
    set.status[i] = statusCode(p.status);
    const sk = siteKindOf(p.siteId);
    set.siteKind[i] = sk === undefined ? UNKNOWN_SITE_KIND : SITE_KINDS.indexOf(sk);
    set.deviceKind[i] = Math.max(0, CAMERA_KINDS.indexOf((p.kind ?? '') as (typeof CAMERA_KINDS)[number]));
    set.bearing[i] = p.bearing ?? 0;
    set.fov[i] = p.fov ?? 0;
    set.range[i] = p.range ?? 0;
  }
  return set;
}

/** Decode the compact camera bulk (column layout owned by contracts) into a PointSet. */
export function camerasFromBulk(
  bulk: CameraBulk,
  siteKindOf: (siteId: string) => SiteKind | undefined,
): PointSet {
  return build('camera', decodeCameraBulk(bulk), siteKindOf);
}

/** Alarm devices as a PointSet. */
export function alarmsFromDevices(
  items: readonly AlarmDevice[],
  siteKindOf: (siteId: string) => SiteKind | undefined,
): PointSet {
  return build('alarm', items, siteKindOf);
}

/** Patch one point's status in place; false when the id is unknown or the status did not change. */
export function setPointStatus(set: PointSet, id: string, status: DeviceStatus): boolean {
  const i = set.indexOf.get(id);
  if (i === undefined) return false;
  const code = statusCode(status);
  if (set.status[i] === code) return false;
  set.status[i] = code;
  return true;
}

/** Bit mask of visible site kinds: bit k for SITE_KINDS[k]. */
export function siteKindMask(visible: Readonly<Record<SiteKind, boolean>>): number {
  return SITE_KINDS.reduce((m, k, i) => (visible[k] ? m | (1 << i) : m), 0);
}

/** True when point i passes the site-kind filter (points of unknown sites always pass). */
export function passesSiteKind(set: PointSet, i: number, mask: number): boolean {
  const k = set.siteKind[i]!;
  return k === UNKNOWN_SITE_KIND || (mask & (1 << k)) !== 0;
}

/** Count points per status (index = DEVICE_STATUSES) that pass the site-kind mask. */
export function countByStatus(set: PointSet, mask: number): number[] {
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < set.count; i++) {
    if (passesSiteKind(set, i, mask)) counts[set.status[i]!]! += 1;
  }
  return counts;
}
