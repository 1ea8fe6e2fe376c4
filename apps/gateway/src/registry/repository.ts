import type {
  AlarmDevice,
  AlarmDeviceQuery,
  Basemap,
  Camera,
  CameraQuery,
  CameraSet,
  CameraSetQuery,
  PageOf,
  Site,
  SiteQuery,
  Station,
} from '@onpatrol/contracts';
import type { Queryable } from '../db/database.js';
import { rowCount } from '../db/paging.js';
import type { Scope } from '../types.js';
import { ALARM_COLS, CAMERA_COLS, SITE_COLS, STATION_COLS, setCols } from './columns.js';
import { Where } from './where.js';

type Paged = { limit?: number; offset?: number };

// A street unit (scope.near) sees the sites and sets of the cameras near its places.
const sitesNear = (cond: string) => `id IN (SELECT c.site_id FROM cameras c WHERE ${cond})`;
const setsNear = (cond: string) => `s.id IN (SELECT c.set_id FROM cameras c WHERE ${cond})`;
/** Whether the scope may see owners' and maintainers' contacts (not a street unit's). */
const contacts = (scope: Scope) => !scope.near;

async function page<T>(
  db: Queryable,
  select: string,
  where: Where,
  order: string,
  q: Paged,
): Promise<PageOf<T>> {
  const limit = rowCount(q.limit, 500, 10_000);
  const offset = rowCount(q.offset, 0, 10_000_000, 'offset');
  const rows = await db.query<T & { _total: number }>(
    `${select} ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
    where.params,
  );
  let total = rows[0]?._total ?? 0;
  if (rows.length === 0 && offset > 0) {
    const [c] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (${select} ${where}) AS counted`,
      where.params,
    );
    total = c?.n ?? 0;
  }
  return { total, items: rows.map(({ _total, ...item }) => item as T) };
}

/** Reads of the district registry, always within the caller's jurisdiction. */
export class RegistryRepository {
  constructor(private readonly db: Queryable) {}

  async stations(scope: Scope): Promise<Station[]> {
    const w = new Where().scope(scope, 'id');
    return this.db.query<Station>(`SELECT ${STATION_COLS} FROM stations ${w} ORDER BY no`, w.params);
  }

  async station(scope: Scope, id: string): Promise<Station | undefined> {
    const w = new Where().scope(scope, 'id').add('id = ?', id);
    const [row] = await this.db.query<Station>(`SELECT ${STATION_COLS} FROM stations ${w}`, w.params);
    return row;
  }

  sites(scope: Scope, q: SiteQuery): Promise<PageOf<Site>> {
    const w = new Where()
      .scope(scope, 'station_id')
      .near(scope, 'c.lat', 'c.lon', sitesNear)
      .station(q.station, 'station_id')
      .maybe(q.kind, 'kind = ?')
      .search(q.q, 'name', 'id');
    return page(this.db, `SELECT ${SITE_COLS}, count(*) OVER ()::int AS _total FROM sites`, w, 'id', q);
  }

  async site(scope: Scope, id: string): Promise<Site | undefined> {
    const w = new Where()
      .scope(scope, 'station_id')
      .near(scope, 'c.lat', 'c.lon', sitesNear)
      .add('id = ?', id);
    const [row] = await this.db.query<Site>(`SELECT ${SITE_COLS} FROM sites ${w}`, w.params);
    return row;
  }

  cameraSets(scope: Scope, q: CameraSetQuery): Promise<PageOf<CameraSet>> {
    const w = new Where()
      .scope(scope, 's.station_id')
      .near(scope, 'c.lat', 'c.lon', setsNear)
      .station(q.station, 's.station_id')
      .maybe(q.site, 's.site_id = ?')
      .maybe(q.status, 's.status = ?')
      .search(q.q, 's.name', 's.id');
    return page(
      this.db,
      `SELECT ${setCols(contacts(scope))}, count(*) OVER ()::int AS _total FROM camera_sets s`,
      w,
      's.id',
      q,
    );
  }

  async cameraSet(scope: Scope, id: string): Promise<CameraSet | undefined> {
    const w = new Where()
      .scope(scope, 's.station_id')
      .near(scope, 'c.lat', 'c.lon', setsNear)
      .add('s.id = ?', id);
    const [row] = await this.db.query<CameraSet>(
      `SELECT ${setCols(contacts(scope))} FROM camera_sets s ${w}`,
      w.params,
    );
    return row;
  }

  cameras(scope: Scope, q: CameraQuery): Promise<PageOf<Camera>> {
    const w = new Where()
      .scope(scope, 'c.station_id')
      .near(scope, 'c.lat', 'c.lon')
      .station(q.station, 'c.station_id')
      .maybe(q.site, 'c.site_id = ?')
      .maybe(q.set, 'c.set_id = ?')
      .maybe(q.kind, 'c.kind = ?')
      .maybe(q.status, 'c.status = ?')
      .maybe(q.siteKind, 'c.site_id IN (SELECT id FROM sites WHERE kind = ?)')
      .search(q.q, 'c.name', 'c.id');
    return page(
      this.db,
      `SELECT ${CAMERA_COLS}, count(*) OVER ()::int AS _total FROM cameras c`,
      w,
      'c.id',
      q,
    );
  }

  async camera(scope: Scope, id: string): Promise<Camera | undefined> {
    const w = new Where().scope(scope, 'c.station_id').near(scope, 'c.lat', 'c.lon').add('c.id = ?', id);
    const [row] = await this.db.query<Camera>(`SELECT ${CAMERA_COLS} FROM cameras c ${w}`, w.params);
    return row;
  }

  /** Of the given camera IDs, those that exist in scope, each with its station. */
  async cameraStations(scope: Scope, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const w = new Where()
      .scope(scope, 'station_id')
      .near(scope, 'lat', 'lon')
      .add('id = ANY(?::text[])', [...new Set(ids)]);
    const rows = await this.db.query<{ id: string; station_id: string }>(
      `SELECT id, station_id FROM cameras ${w}`,
      w.params,
    );
    return new Map(rows.map((r) => [r.id, r.station_id]));
  }

  /** Every camera in scope, ordered by ID (bulk list and export). */
  allCameras(scope: Scope): Promise<Camera[]> {
    const w = new Where().scope(scope, 'c.station_id').near(scope, 'c.lat', 'c.lon');
    return this.db.query<Camera>(`SELECT ${CAMERA_COLS} FROM cameras c ${w} ORDER BY c.id`, w.params);
  }

  alarmDevices(scope: Scope, q: AlarmDeviceQuery): Promise<PageOf<AlarmDevice>> {
    const w = new Where()
      .scope(scope, 'station_id')
      .near(scope, 'lat', 'lon')
      .station(q.station, 'station_id')
      .maybe(q.site, 'site_id = ?')
      .maybe(q.status, 'status = ?')
      .search(q.q, 'name', 'id');
    return page(
      this.db,
      `SELECT ${ALARM_COLS}, count(*) OVER ()::int AS _total FROM alarm_devices`,
      w,
      'id',
      q,
    );
  }

  async basemap(): Promise<Basemap | undefined> {
    const [row] = await this.db.query<{ data: Basemap }>('SELECT data FROM basemap WHERE id = 1');
    return row?.data;
  }

  /** Registry version; bumped on every write. */
  async version(): Promise<number> {
    const [row] = await this.db.query<{ version: string | number }>(
      'SELECT version FROM registry_meta WHERE id = 1',
    );
    return Number(row?.version ?? 0);
  }
}
