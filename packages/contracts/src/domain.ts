import { type Static, Type } from '@sinclair/typebox';
import { literals } from './literals.js';

/** Roles of the people who use Online Patrol (see shared/DOMAIN.md). */
export const ROLES = [
  'admin',
  'shift_leader',
  'duty_officer',
  'station_chief',
  'community_officer',
  'street_unit',
] as const;
export const Role = literals(ROLES);
export type Role = (typeof ROLES)[number];

/** Roles whose reach is limited to one station's jurisdiction. */
export const STATION_SCOPED_ROLES: readonly Role[] = ['station_chief', 'community_officer'];

export const SITE_KINDS = ['key_site', 'compound', 'village', 'shop'] as const;
export const SiteKind = literals(SITE_KINDS);
export type SiteKind = (typeof SITE_KINDS)[number];

export const CAMERA_KINDS = ['bullet', 'dome', 'ptz'] as const;
export const CameraKind = literals(CAMERA_KINDS);
export type CameraKind = (typeof CAMERA_KINDS)[number];

/** Registry health of a device, as the community officer keeps it (not the live stream state). */
export const DEVICE_STATUSES = ['online', 'offline', 'fault', 'maintenance'] as const;
export const DeviceStatus = literals(DEVICE_STATUSES);
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

/** A [longitude, latitude] pair (GeoJSON order). */
export const LonLat = Type.Tuple([Type.Number(), Type.Number()]);
export type LonLat = Static<typeof LonLat>;

/** GB/T 28181 device or organisation code: 20 digits. */
export const GbId = Type.String({ pattern: '^[0-9]{20}$', description: 'GB/T 28181 20-digit code' });

export const Station = Type.Object({
  id: GbId,
  no: Type.Integer({ minimum: 1, description: 'Station number, 1-8 in the reference district' }),
  name: Type.String(),
  nameEn: Type.String(),
  address: Type.String(),
  phone: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
  /** Jurisdiction outline: one ring, the first point not repeated at the end. */
  polygon: Type.Array(LonLat),
});
export type Station = Static<typeof Station>;

export const Site = Type.Object({
  id: Type.String(),
  kind: SiteKind,
  name: Type.String(),
  stationId: GbId,
  address: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
});
export type Site = Static<typeof Site>;

export const CameraSet = Type.Object({
  id: GbId,
  name: Type.String(),
  siteId: Type.String(),
  stationId: GbId,
  vendor: Type.String(),
  host: Type.String({ description: 'Recorder host that serves the RTSP streams' }),
  rtspPort: Type.Integer(),
  owner: Type.String({ description: 'Property company, shop or enterprise that owns the set' }),
  ownerPhone: Type.String(),
  maintainer: Type.String({ description: 'Maintenance contact' }),
  maintainerPhone: Type.String(),
  cameraCount: Type.Integer(),
  status: DeviceStatus,
});
export type CameraSet = Static<typeof CameraSet>;

export const Camera = Type.Object({
  id: GbId,
  name: Type.String(),
  setId: GbId,
  siteId: Type.String(),
  stationId: GbId,
  channel: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  kind: CameraKind,
  lat: Type.Number(),
  lon: Type.Number(),
  bearing: Type.Number({ minimum: 0, maximum: 360, description: 'Degrees clockwise from north' }),
  fov: Type.Number({ minimum: 1, maximum: 360, description: 'Horizontal field of view, degrees' }),
  range: Type.Number({ minimum: 1, description: 'Useful viewing distance, metres' }),
  mainUrl: Type.String(),
  subUrl: Type.String(),
  status: DeviceStatus,
});
export type Camera = Static<typeof Camera>;

export const AlarmDevice = Type.Object({
  id: GbId,
  name: Type.String(),
  siteId: Type.String(),
  stationId: GbId,
  lat: Type.Number(),
  lon: Type.Number(),
  zone: Type.String({ description: 'Protected zone, e.g. shop front door' }),
  status: DeviceStatus,
});
export type AlarmDevice = Static<typeof AlarmDevice>;

export const STREET_KINDS = ['arterial', 'street', 'lane', 'rural'] as const;
export const Street = Type.Object({
  name: Type.String(),
  kind: literals(STREET_KINDS),
  path: Type.Array(LonLat),
});
export type Street = Static<typeof Street>;

/** Offline basemap: everything the map draws without a tile server. */
export const Basemap = Type.Object({
  outline: Type.Array(LonLat),
  river: Type.Array(LonLat),
  streets: Type.Array(Street),
  bounds: Type.Object({
    south: Type.Number(),
    west: Type.Number(),
    north: Type.Number(),
    east: Type.Number(),
  }),
});
export type Basemap = Static<typeof Basemap>;

/** The whole registry of a district, as generated or stored. */
export interface District {
  stations: Station[];
  sites: Site[];
  cameraSets: CameraSet[];
  cameras: Camera[];
  alarmDevices: AlarmDevice[];
  basemap: Basemap;
}
