import { type Static, type TSchema, Type } from '@sinclair/typebox';
import {
  AlarmDevice,
  Camera,
  CameraKind,
  CameraSet,
  DeviceStatus,
  GbId,
  Role,
  Site,
  SiteKind,
  Station,
} from './domain.js';
import { literals } from './literals.js';
import { SafeLine } from './text.js';

/** Every 4xx/5xx body. `field` names the offending field or rule when there is one. */
export const ErrorBody = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
  field: Type.Optional(Type.String()),
  rule: Type.Optional(Type.String()),
  /** The number a refusal by a limit is about (e.g. rule `stream-quota`: the user's stream quota). */
  limit: Type.Optional(Type.Integer()),
});
export type ErrorBody = Static<typeof ErrorBody>;

export const LoginBody = Type.Object(
  {
    username: SafeLine({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const Me = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
  role: Role,
  stationId: Type.Union([GbId, Type.Null()]),
  stationNo: Type.Union([Type.Integer(), Type.Null()]),
  /** The street unit this account reports for (street units only). */
  unitId: Type.Union([Type.String(), Type.Null()]),
  permissions: Type.Array(Type.String()),
});
export type Me = Static<typeof Me>;

export const Health = Type.Object({
  status: Type.Literal('ok'),
  database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
  version: Type.String(),
  uptimeSeconds: Type.Number(),
});
export type Health = Static<typeof Health>;

/** A page of items with the total that matched. */
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ total: Type.Integer(), items: Type.Array(item) });
export interface PageOf<T> {
  total: number;
  items: T[];
}

const paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 500 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Search by name or ID' })),
};
const station = Type.Optional(
  Type.String({ pattern: '^([1-9]|[0-9]{20})$', description: 'Station number or 20-digit ID' }),
);

export const SiteQuery = Type.Object(
  { ...paging, station, kind: Type.Optional(SiteKind) },
  { additionalProperties: false },
);
export type SiteQuery = Static<typeof SiteQuery>;

export const CameraSetQuery = Type.Object(
  {
    ...paging,
    station,
    site: Type.Optional(Type.String({ maxLength: 40 })),
    status: Type.Optional(DeviceStatus),
  },
  { additionalProperties: false },
);
export type CameraSetQuery = Static<typeof CameraSetQuery>;

export const CameraQuery = Type.Object(
  {
    ...paging,
    station,
    site: Type.Optional(Type.String({ maxLength: 40 })),
    set: Type.Optional(GbId),
    kind: Type.Optional(CameraKind),
    siteKind: Type.Optional(SiteKind),
    status: Type.Optional(DeviceStatus),
  },
  { additionalProperties: false },
);
export type CameraQuery = Static<typeof CameraQuery>;

export const AlarmDeviceQuery = Type.Object(
  {
    ...paging,
    station,
    site: Type.Optional(Type.String({ maxLength: 40 })),
    status: Type.Optional(DeviceStatus),
  },
  { additionalProperties: false },
);
export type AlarmDeviceQuery = Static<typeof AlarmDeviceQuery>;

const CONTACTS = ['owner', 'ownerPhone', 'maintainer', 'maintainerPhone'] as const;
/**
 * A camera set as the API shows it: the owner's and maintainer's contacts are left out for a
 * street unit (least privilege: it needs the camera, not who to call about it).
 */
export const CameraSetView = Type.Composite([
  Type.Omit(CameraSet, CONTACTS),
  Type.Partial(Type.Pick(CameraSet, CONTACTS)),
]);
export type CameraSetView = Static<typeof CameraSetView>;

export const StationList = Type.Array(Station);
export const SitePage = Page(Site);
export const CameraSetPage = Page(CameraSetView);
export const CameraPage = Page(Camera);
export const AlarmDevicePage = Page(AlarmDevice);

/** Camera detail: the camera with its set (owner contact, where shown) and site. */
export const CameraDetail = Type.Object({ camera: Camera, set: CameraSetView, site: Site, station: Station });
export type CameraDetail = Static<typeof CameraDetail>;

/**
 * Compact form of every visible camera in one response, for the map. Columns of `rows`:
 * [id, name, lat, lon, bearing, fov, range, kindIndex, statusIndex, stationIndex, siteIndex, setIndex]
 * where the indexes point into `kinds`, `statuses`, `stations`, `sites` and `sets`.
 */
export const CameraBulk = Type.Object({
  version: Type.String(),
  count: Type.Integer(),
  kinds: Type.Array(Type.String()),
  statuses: Type.Array(Type.String()),
  stations: Type.Array(Type.String()),
  sites: Type.Array(Type.String()),
  sets: Type.Array(Type.String()),
  rows: Type.Array(
    Type.Tuple([
      Type.String(),
      Type.String(),
      Type.Number(),
      Type.Number(),
      Type.Number(),
      Type.Number(),
      Type.Number(),
      Type.Integer(),
      Type.Integer(),
      Type.Integer(),
      Type.Integer(),
      Type.Integer(),
    ]),
  ),
});
export type CameraBulk = Static<typeof CameraBulk>;
export type CameraBulkRow = CameraBulk['rows'][number];

/** Decode the compact bulk form back into cameras (without stream URLs). */
export function decodeCameraBulk(bulk: CameraBulk): Array<Omit<Camera, 'mainUrl' | 'subUrl' | 'channel'>> {
  return bulk.rows.map((r) => ({
    id: r[0],
    name: r[1],
    lat: r[2],
    lon: r[3],
    bearing: r[4],
    fov: r[5],
    range: r[6],
    kind: bulk.kinds[r[7]] as Camera['kind'],
    status: bulk.statuses[r[8]] as Camera['status'],
    stationId: bulk.stations[r[9]] ?? '',
    siteId: bulk.sites[r[10]] ?? '',
    setId: bulk.sets[r[11]] ?? '',
  }));
}

/** One rejected spreadsheet cell or row. Lines count from 1 with the header as line 1. */
export const ImportIssue = Type.Object({
  line: Type.Integer(),
  column: Type.String(),
  reason: Type.String(),
});
export type ImportIssue = Static<typeof ImportIssue>;

export const ImportResult = Type.Object({
  encoding: Type.Union([Type.Literal('utf-8'), Type.Literal('gbk')]),
  created: Type.Integer(),
  updated: Type.Integer(),
  registryVersion: Type.String(),
});
export type ImportResult = Static<typeof ImportResult>;

export const ImportRejected = Type.Object({
  statusCode: Type.Literal(422),
  error: Type.String(),
  message: Type.String(),
  /** The rule that refused the file: `import` (bad rows) or a limit (`import.rows`, `import.columns`…). */
  rule: Type.Optional(Type.String()),
  issues: Type.Array(ImportIssue),
});
export type ImportRejected = Static<typeof ImportRejected>;

/** Columns of the camera CSV, in export order; import accepts them in any order. */
export const CAMERA_CSV_COLUMNS = [
  'id',
  'name',
  'set_id',
  'site_id',
  'channel',
  'kind',
  'lat',
  'lon',
  'bearing',
  'fov',
  'range',
  'main_url',
  'sub_url',
  'status',
] as const;

/** What the web app needs to know before it draws anything. */
export const ClientConfig = Type.Object({
  districtName: Type.String(),
  /** XYZ tile URL of an intranet tile server, or null for the offline basemap. */
  tileUrl: Type.Union([Type.String(), Type.Null()]),
  tileAttribution: Type.String(),
  demo: Type.Boolean(),
});
export type ClientConfig = Static<typeof ClientConfig>;

/** One record of the hash-chained audit log, as supervisors search it. */
export const AuditItem = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actor: Type.Union([Type.String(), Type.Null()]),
  actorRole: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  targetKind: Type.Union([Type.String(), Type.Null()]),
  targetId: Type.Union([Type.String(), Type.Null()]),
  stationId: Type.Union([Type.String(), Type.Null()]),
  /** Canonical JSON of the action's details. */
  details: Type.String(),
  hash: Type.String(),
});
export type AuditItem = Static<typeof AuditItem>;

/** What an audit verification can find wrong; see `GET /api/audit/verify` and `audit:verify`. */
export const AUDIT_PROBLEM_KINDS = [
  'chain', // a record edited, missing or out of order inside the table
  'truncated', // a checkpoint names a record the table no longer has: the newest records are gone
  'rewritten', // the record at a checkpoint's seq has another hash than the checkpoint signed
  'signature', // a checkpoint line not signed by this gateway's audit key
  'checkpoints', // a checkpoint line unreadable, removed or out of order
] as const;

/** One problem found, naming the record (`seq`) and, for checkpoints, the file's line. */
export const AuditProblem = Type.Object({
  kind: literals(AUDIT_PROBLEM_KINDS),
  seq: Type.Optional(Type.Integer()),
  line: Type.Optional(Type.Integer()),
  message: Type.String(),
});
export type AuditProblem = Static<typeof AuditProblem>;

/** A signed checkpoint of the audit chain's head, kept outside the database. */
export const AuditCheckpoint = Type.Object({
  seq: Type.Integer(),
  hash: Type.String(),
  at: Type.String(),
  /** Records appended since the checkpoint before it. */
  count: Type.Integer(),
});
export type AuditCheckpoint = Static<typeof AuditCheckpoint>;

/** The audit log checked: its hash chain and the signed checkpoints of its head. */
export const AuditVerification = Type.Object({
  intact: Type.Boolean(),
  records: Type.Integer(),
  /** Checkpoint lines read. */
  checkpoints: Type.Integer(),
  /** The newest checkpoint and whether the table still holds exactly what it signed. */
  lastCheckpoint: Type.Union([
    Type.Composite([AuditCheckpoint, Type.Object({ verified: Type.Boolean() })]),
    Type.Null(),
  ]),
  problems: Type.Array(AuditProblem),
  /** What could not be checked (no checkpoint yet, no key), not evidence of tampering. */
  notes: Type.Array(Type.String()),
  checkedAt: Type.String(),
});
export type AuditVerification = Static<typeof AuditVerification>;
