import type { Readable } from 'node:stream';
import { CAMERA_CSV_COLUMNS, type Camera, type ImportResult } from '@onpatrol/contracts';
import type { Database } from '../db/database.js';
import { HttpError } from '../errors.js';
import type { RegistryRepository } from '../registry/repository.js';
import type { Scope } from '../types.js';
import { csvDocument } from './csv.js';
import {
  bytesExceeded,
  CsvEncodingError,
  CsvLimitError,
  type CsvLimits,
  type CsvRead,
  CsvSyntaxError,
  CsvUploadAbortedError,
  readCsv,
} from './csvReader.js';
import type { SpreadsheetEncoding } from './decode.js';
import { type ImportContext, validateCameraRows } from './validate.js';

/**
 * What one camera import may hold. The district has 5,999 cameras; a row of the export is about
 * 200 bytes and 14 cells, so these leave room for a whole station's file and for extra columns.
 */
export const IMPORT_LIMITS: CsvLimits = {
  maxBytes: 16 * 1024 * 1024,
  maxRows: 20_000,
  maxColumns: 64,
  maxRowChars: 64 * 1024,
};

/** Camera spreadsheet import (all-or-nothing) and registry export. */
export class TransferService {
  constructor(
    private readonly db: Database,
    private readonly repo: RegistryRepository,
  ) {}

  /**
   * Read the upload as it arrives (limits enforced while reading), validate every row, then write
   * all of them in one transaction, or nothing. `progress.bytes` follows the bytes read.
   */
  async importCameras(
    body: Readable,
    scope: Scope,
    opts: { encoding?: SpreadsheetEncoding; declaredBytes?: number; progress?: { bytes: number } } = {},
  ): Promise<ImportResult> {
    const { rows, encoding } = await readUpload(body, opts);
    return this.db.transaction(async (tx) => {
      // Serialise imports so validation sees the registry the write will change.
      await tx.query('SELECT pg_advisory_xact_lock(7365003)');
      const ctx = await loadContext(tx, scope);
      const { cameras, issues } = validateCameraRows(rows, ctx);
      if (issues.length) throw rejected(issues);
      await tx.query('SET CONSTRAINTS ALL DEFERRED');
      const updated = cameras.filter((c) => ctx.cameras.has(c.id)).length;
      await upsertCameras(tx, cameras);
      const [meta] = await tx.query<{ version: string }>(
        'UPDATE registry_meta SET version = version + 1 WHERE id = 1 RETURNING version::text',
      );
      return { encoding, created: cameras.length - updated, updated, registryVersion: meta?.version ?? '0' };
    });
  }

  /** The cameras in scope as CSV (UTF-8 with BOM so Excel reads the Chinese names). */
  async camerasCsv(scope: Scope): Promise<string> {
    const cameras = await this.repo.allCameras(scope);
    return csvDocument([
      CAMERA_CSV_COLUMNS,
      ...cameras.map((c) => [
        c.id,
        c.name,
        c.setId,
        c.siteId,
        c.channel,
        c.kind,
        c.lat,
        c.lon,
        c.bearing,
        c.fov,
        c.range,
        c.mainUrl,
        c.subUrl,
        c.status,
      ]),
    ]);
  }

  /** Stations, cameras and alarm devices in scope as one GeoJSON FeatureCollection. */
  async registryGeoJson(scope: Scope): Promise<unknown> {
    const [stations, cameras, alarms] = await Promise.all([
      this.repo.stations(scope),
      this.repo.allCameras(scope),
      this.repo.alarmDevices(scope, { limit: 10000 }),
    ]);
    const features: unknown[] = [];
    for (const { polygon, ...s } of stations) {
      const ring = [...polygon, polygon[0]!];
      features.push({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [ring] },
        properties: { layer: 'station', ...s },
      });
    }
    for (const { lat, lon, mainUrl: _m, subUrl: _s, ...c } of cameras) {
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [lon, lat] },
        properties: { layer: 'camera', ...c },
      });
    }
    for (const { lat, lon, ...a } of alarms.items) {
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [lon, lat] },
        properties: { layer: 'alarm_device', ...a },
      });
    }
    return { type: 'FeatureCollection', features };
  }
}

/** The upload's rows, or the refusal: 413 past the size limit, 422 naming the line otherwise. */
async function readUpload(
  body: Readable,
  opts: { encoding?: SpreadsheetEncoding; declaredBytes?: number; progress?: { bytes: number } },
): Promise<CsvRead> {
  try {
    // A declared length past the limit is refused before a byte is read.
    if ((opts.declaredBytes ?? 0) > IMPORT_LIMITS.maxBytes) throw bytesExceeded(IMPORT_LIMITS.maxBytes);
    return await readCsv(body, { limits: IMPORT_LIMITS, encoding: opts.encoding, progress: opts.progress });
  } catch (err) {
    if (err instanceof CsvLimitError) {
      if (err.limit === 'bytes') throw new HttpError(413, err.message, { rule: 'import.bytes' });
      const issue = { line: err.line, column: '', reason: err.message };
      throw new HttpError(422, `import rejected: ${err.message}; nothing was stored`, {
        rule: `import.${err.limit}`,
        issues: [issue],
      });
    }
    if (err instanceof CsvUploadAbortedError) throw new HttpError(400, err.message, { rule: 'upload' });
    if (err instanceof CsvSyntaxError || err instanceof CsvEncodingError) {
      throw rejected([{ line: err.line, column: '', reason: err.message }]);
    }
    throw err;
  }
}

function rejected(issues: { line: number; column: string; reason: string }[]): HttpError {
  const n = issues.length;
  return new HttpError(422, `import rejected: ${n} problem${n === 1 ? '' : 's'}, nothing was stored`, {
    rule: 'import',
    issues,
  });
}

async function loadContext(
  tx: Parameters<Parameters<Database['transaction']>[0]>[0],
  scope: Scope,
): Promise<ImportContext> {
  const [sets, sites, stations, cameras] = await Promise.all([
    tx.query<{ id: string; station_id: string; site_id: string; host: string; rtsp_port: number }>(
      'SELECT id, station_id, site_id, host, rtsp_port FROM camera_sets',
    ),
    tx.query<{ id: string; station_id: string }>('SELECT id, station_id FROM sites'),
    tx.query<{ id: string; polygon: [number, number][] }>('SELECT id, polygon FROM stations'),
    tx.query<{ id: string; set_id: string; channel: number; station_id: string }>(
      'SELECT id, set_id, channel, station_id FROM cameras',
    ),
  ]);
  return {
    scope,
    sets: new Map(
      sets.map((s) => [
        s.id,
        { stationId: s.station_id, siteId: s.site_id, host: s.host, rtspPort: s.rtsp_port },
      ]),
    ),
    sites: new Map(sites.map((s) => [s.id, { stationId: s.station_id }])),
    stationPolygons: new Map(stations.map((s) => [s.id, s.polygon])),
    cameras: new Map(
      cameras.map((c) => [c.id, { setId: c.set_id, channel: c.channel, stationId: c.station_id }]),
    ),
  };
}

async function upsertCameras(tx: { query: Database['query'] }, cameras: Camera[]): Promise<void> {
  const cols =
    'id, name, set_id, site_id, station_id, channel, kind, lat, lon, bearing, fov, range_m, main_url, sub_url, status';
  await tx.query(
    `INSERT INTO cameras (${cols})
     SELECT ${cols} FROM jsonb_to_recordset($1::jsonb) AS x(id text, name text, set_id text, site_id text,
       station_id text, channel int, kind text, lat float8, lon float8, bearing float8, fov float8, range_m float8,
       main_url text, sub_url text, status text)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, set_id = EXCLUDED.set_id, site_id = EXCLUDED.site_id,
       station_id = EXCLUDED.station_id, channel = EXCLUDED.channel, kind = EXCLUDED.kind, lat = EXCLUDED.lat,
       lon = EXCLUDED.lon, bearing = EXCLUDED.bearing, fov = EXCLUDED.fov, range_m = EXCLUDED.range_m,
       main_url = EXCLUDED.main_url, sub_url = EXCLUDED.sub_url, status = EXCLUDED.status`,
    [
      JSON.stringify(
        cameras.map((c) => ({
          ...c,
          set_id: c.setId,
          site_id: c.siteId,
          station_id: c.stationId,
          range_m: c.range,
          main_url: c.mainUrl,
          sub_url: c.subUrl,
        })),
      ),
    ],
  );
}
