import type { Unit } from '@onpatrol/contracts';
import type { Database } from '../db/database.js';
import type { OpsContext } from './context.js';
import { toUnit, UNIT_SELECT } from './rows.js';

/** Street patrol units of the reference district: two cars and one foot patrol per station. */
export async function seedUnits(db: Database): Promise<boolean> {
  const [has] = await db.query('SELECT 1 FROM units LIMIT 1');
  if (has) return false;
  const stations = await db.query<{ id: string; no: number; lat: number; lon: number; name: string }>(
    'SELECT id, no, lat, lon, name FROM stations ORDER BY no',
  );
  const rows = stations.flatMap((s) =>
    [1, 2, 3].map((n) => ({
      id: `YH${String(s.no).padStart(2, '0')}-${n}`,
      callsign: `${s.name.replace('派出所', '')}${n === 3 ? '步巡' : '巡逻车'}${n === 3 ? '' : n}`,
      kind: n === 3 ? 'foot' : 'car',
      station_id: s.id,
      // Start near the station building, a little apart so they do not overlap on the map.
      lat: s.lat + (n - 2) * 0.0012,
      lon: s.lon + (n - 2) * 0.0015,
    })),
  );
  await db.query(
    `INSERT INTO units (id, callsign, kind, station_id, status, lat, lon)
     SELECT id, callsign, kind, station_id, 'available', lat, lon
     FROM jsonb_to_recordset($1::jsonb) AS x(id text, callsign text, kind text, station_id text, lat float8, lon float8)`,
    [JSON.stringify(rows)],
  );
  return true;
}

/** Unit positions and lists. */
export class UnitService {
  constructor(private readonly ctx: OpsContext) {}

  async list(scope: { stationId: string | null; unitOnly: boolean; unitId: string | null }): Promise<Unit[]> {
    const params: unknown[] = [];
    let where = '';
    if (scope.unitOnly) where = `WHERE u.id = $${params.push(scope.unitId ?? '')}`;
    else if (scope.stationId) where = `WHERE u.station_id = $${params.push(scope.stationId)}`;
    return (
      await this.ctx.db.query<Record<string, unknown>>(`${UNIT_SELECT} ${where} ORDER BY u.id`, params)
    ).map(toUnit);
  }

  /** Store a unit's position; positions are frequent, so they update the row, not the event log. */
  async position(
    unitId: string,
    lat: number,
    lon: number,
  ): Promise<{ stationId: string; at: string } | null> {
    const [row] = await this.ctx.db.query<{ station_id: string; position_at: Date | string }>(
      'UPDATE units SET lat = $2, lon = $3, position_at = now() WHERE id = $1 RETURNING station_id, position_at',
      [unitId, lat, lon],
    );
    return row ? { stationId: row.station_id, at: new Date(row.position_at).toISOString() } : null;
  }
}
