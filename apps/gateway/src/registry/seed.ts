import type { District } from '@onpatrol/contracts';
import type { Database, Queryable } from '../db/database.js';

// Each table is written with one statement that expands a JSON array on the server, so the
// 5,999 cameras cost one round trip on PGlite and PostgreSQL alike.
async function insertJson(tx: Queryable, table: string, columns: string, types: string, rows: unknown[]) {
  await tx.query(
    `INSERT INTO ${table} (${columns}) SELECT ${columns} FROM jsonb_to_recordset($1::jsonb) AS x(${types})`,
    [JSON.stringify(rows)],
  );
}

/** Store a generated district when the registry is empty; returns true when it seeded. */
export async function seedDistrict(db: Database, makeDistrict: () => District): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7365002)');
    const [meta] = await tx.query('SELECT version FROM registry_meta WHERE id = 1');
    if (meta) return false;
    const district = makeDistrict();
    await insertJson(
      tx,
      'stations',
      'id, no, name, name_en, address, phone, lat, lon, polygon',
      'id text, no int, name text, name_en text, address text, phone text, lat float8, lon float8, polygon jsonb',
      district.stations.map((s) => ({ ...s, name_en: s.nameEn })),
    );
    await insertJson(
      tx,
      'sites',
      'id, kind, name, station_id, address, lat, lon',
      'id text, kind text, name text, station_id text, address text, lat float8, lon float8',
      district.sites.map((s) => ({ ...s, station_id: s.stationId })),
    );
    await insertJson(
      tx,
      'camera_sets',
      'id, name, site_id, station_id, vendor, host, rtsp_port, owner, owner_phone, maintainer, maintainer_phone, status',
      `id text, name text, site_id text, station_id text, vendor text, host text, rtsp_port int, owner text,
       owner_phone text, maintainer text, maintainer_phone text, status text`,
      district.cameraSets.map((s) => ({
        ...s,
        site_id: s.siteId,
        station_id: s.stationId,
        rtsp_port: s.rtspPort,
        owner_phone: s.ownerPhone,
        maintainer_phone: s.maintainerPhone,
      })),
    );
    await insertJson(
      tx,
      'cameras',
      'id, name, set_id, site_id, station_id, channel, kind, lat, lon, bearing, fov, range_m, main_url, sub_url, status',
      `id text, name text, set_id text, site_id text, station_id text, channel int, kind text, lat float8,
       lon float8, bearing float8, fov float8, range_m float8, main_url text, sub_url text, status text`,
      district.cameras.map((c) => ({
        ...c,
        set_id: c.setId,
        site_id: c.siteId,
        station_id: c.stationId,
        range_m: c.range,
        main_url: c.mainUrl,
        sub_url: c.subUrl,
      })),
    );
    await insertJson(
      tx,
      'alarm_devices',
      'id, name, site_id, station_id, lat, lon, zone, status',
      'id text, name text, site_id text, station_id text, lat float8, lon float8, zone text, status text',
      district.alarmDevices.map((a) => ({ ...a, site_id: a.siteId, station_id: a.stationId })),
    );
    await tx.query('INSERT INTO basemap (id, data) VALUES (1, $1::jsonb)', [
      JSON.stringify(district.basemap),
    ]);
    await tx.query('INSERT INTO registry_meta (id, version) VALUES (1, 1)');
    return true;
  });
}
