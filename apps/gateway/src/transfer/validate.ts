import {
  CAMERA_CSV_COLUMNS,
  type Camera,
  type ImportIssue,
  parseGbId,
  unsafeCharacter,
} from '@onpatrol/contracts';
import { pointInPolygon } from '@onpatrol/district';
import type { Scope } from '../types.js';
import { type CsvColumn, HEADER_ALIASES, KIND_VALUES, REQUIRED_COLUMNS, STATUS_VALUES } from './columns.js';
import type { CsvRow } from './csvReader.js';

/** What the registry already holds, as far as a camera import needs to know. */
export interface ImportContext {
  scope: Scope;
  sets: Map<string, { stationId: string; siteId: string; host: string; rtspPort: number }>;
  sites: Map<string, { stationId: string }>;
  stationPolygons: Map<string, [number, number][]>;
  cameras: Map<string, { setId: string; channel: number; stationId: string }>;
}

/**
 * Check every row of a camera spreadsheet; all-or-nothing, so it returns either the cameras to
 * write or every issue found (line, column, reason), never both.
 */
export function validateCameraRows(
  rows: CsvRow[],
  ctx: ImportContext,
): { cameras: Camera[]; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const [header, ...body] = rows;
  if (!header) return { cameras: [], issues: [{ line: 1, column: '', reason: 'the file is empty' }] };

  const colIndex = new Map<CsvColumn, number>();
  header.cells.forEach((raw, i) => {
    const name = raw.trim().replace(/^\uFEFF/, '');
    const col = (CAMERA_CSV_COLUMNS as readonly string[]).includes(name)
      ? (name as CsvColumn)
      : HEADER_ALIASES.get(name);
    if (!col) issues.push({ line: header.line, column: name, reason: 'unknown column' });
    else if (colIndex.has(col)) issues.push({ line: header.line, column: name, reason: 'duplicate column' });
    else colIndex.set(col, i);
  });
  for (const col of REQUIRED_COLUMNS) {
    if (!colIndex.has(col))
      issues.push({ line: header.line, column: col, reason: 'required column is missing' });
  }
  if (issues.length) return { cameras: [], issues };
  if (body.length === 0)
    return { cameras: [], issues: [{ line: 2, column: '', reason: 'the file has no data rows' }] };

  const cameras: Camera[] = [];
  const seenIds = new Map<string, number>();
  const finalChannel = new Map<string, string>(); // `${set}#${channel}` -> camera id, after the import
  for (const [id, c] of ctx.cameras) finalChannel.set(`${c.setId}#${c.channel}`, id);
  const importedIds = new Set<string>();
  for (const row of body) {
    const id = row.cells[colIndex.get('id')!]?.trim();
    if (id) importedIds.add(id);
  }
  // Cameras re-imported may move; their old slots are free unless someone else takes them.
  for (const [key, id] of finalChannel) if (importedIds.has(id)) finalChannel.delete(key);

  for (const row of body) {
    const rowIssues: ImportIssue[] = [];
    const get = (col: CsvColumn) => (colIndex.has(col) ? (row.cells[colIndex.get(col)!] ?? '').trim() : '');
    const bad = (column: CsvColumn, reason: string) => rowIssues.push({ line: row.line, column, reason });
    const num = (col: CsvColumn, min: number, max: number, minExclusive = false): number => {
      const raw = get(col);
      const n = Number(raw);
      if (raw === '' || !Number.isFinite(n)) bad(col, `"${raw}" is not a number`);
      else if ((minExclusive ? n <= min : n < min) || n > max) {
        bad(col, `${n} is out of range (${minExclusive ? '>' : '≥'} ${min} and ≤ ${max})`);
      }
      return n;
    };

    if (row.cells.length !== header.cells.length) {
      issues.push({
        line: row.line,
        column: '',
        reason: `has ${row.cells.length} cells, the header has ${header.cells.length}`,
      });
      continue;
    }
    const id = get('id');
    const parts = parseGbId(id);
    if (!parts) bad('id', 'must be a 20-digit GB/T 28181 code');
    else if (parts.type !== '131' && parts.type !== '132')
      bad('id', `type code ${parts.type} is not a camera (131 or 132)`);
    else if (seenIds.has(id)) bad('id', `repeats the camera on line ${seenIds.get(id)}`);
    seenIds.set(id, row.line);
    const existing = ctx.cameras.get(id);
    if (existing && ctx.scope.stationId && existing.stationId !== ctx.scope.stationId) {
      bad('id', 'belongs to a camera outside your jurisdiction');
    }

    const name = get('name');
    const nameUnsafe = unsafeCharacter(name);
    if (!name) bad('name', 'is empty');
    else if (name.length > 100) bad('name', 'is longer than 100 characters');
    else if (nameUnsafe) bad('name', `must not contain control or invisible characters (${nameUnsafe})`);

    const setId = get('set_id');
    const set = ctx.sets.get(setId);
    if (!set) bad('set_id', `camera set "${setId}" is not registered`);
    else if (ctx.scope.stationId && set.stationId !== ctx.scope.stationId) {
      bad('set_id', 'camera set is outside your jurisdiction');
    }

    const siteId = get('site_id') || set?.siteId || '';
    const site = ctx.sites.get(siteId);
    if (!site) bad('site_id', `site "${siteId}" is not registered`);
    else if (set && site.stationId !== set.stationId)
      bad('site_id', "site is in another station than the camera's set");

    const channelRaw = get('channel');
    const channel = Number(channelRaw);
    if (!/^[0-9]{1,4}$/.test(channelRaw) || channel < 1)
      bad('channel', `"${channelRaw}" is not a channel number ≥ 1`);
    else if (set) {
      const key = `${setId}#${channel}`;
      const holder = finalChannel.get(key);
      if (holder && holder !== id)
        bad('channel', `channel ${channel} of set ${setId} is already taken by ${holder}`);
      else finalChannel.set(key, id);
    }

    const kind = KIND_VALUES.get(get('kind').toLowerCase());
    if (!kind) bad('kind', `"${get('kind')}" is not one of bullet, dome, ptz (枪机, 半球/球机, 云台)`);
    const status = get('status') ? STATUS_VALUES.get(get('status').toLowerCase()) : 'online';
    if (!status) bad('status', `"${get('status')}" is not one of online, offline, fault, maintenance`);

    const lat = num('lat', -90, 90);
    const lon = num('lon', -180, 180);
    const bearing = num('bearing', 0, 360);
    const fov = num('fov', 0, 360, true);
    const range = num('range', 0, 2000, true);
    const polygon = set ? ctx.stationPolygons.get(set.stationId) : undefined;
    if (polygon && Number.isFinite(lat) && Number.isFinite(lon) && !pointInPolygon(lon, lat, polygon)) {
      if (!rowIssues.some((i) => i.column === 'lat' || i.column === 'lon')) {
        bad('lat', "position is outside the jurisdiction of the set's station");
      }
    }

    const urls = { main_url: get('main_url'), sub_url: get('sub_url') } as const;
    for (const col of ['main_url', 'sub_url'] as const) {
      const reason = set ? checkRtspUrl(urls[col], set.host, set.rtspPort) : null;
      if (reason) bad(col, reason);
    }

    issues.push(...rowIssues);
    if (rowIssues.length === 0 && set && kind && status) {
      cameras.push({
        id,
        name,
        setId,
        siteId,
        stationId: set.stationId,
        channel,
        kind,
        lat,
        lon,
        bearing,
        fov,
        range,
        mainUrl: urls.main_url,
        subUrl: urls.sub_url,
        status,
      });
    }
  }
  return issues.length ? { cameras: [], issues } : { cameras, issues };
}

/** A stream URL must be rtsp:// to the set's own recorder; anything else could reach ffmpeg. */
export function checkRtspUrl(raw: string, host: string, port: number): string | null {
  // Before parsing: the URL parser silently drops tabs and line breaks.
  const unsafe = unsafeCharacter(raw);
  if (unsafe) return `must not contain control or invisible characters (${unsafe})`;
  const odd = /[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/u.exec(raw);
  if (odd) {
    const char = odd[0] === ' ' ? 'a space' : `"${odd[0]}"`;
    return `must hold only URL characters (RFC 3986): ${char} at character ${[...raw.slice(0, odd.index)].length + 1} is not one (percent-encode it)`;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `"${raw}" is not a URL`;
  }
  if (url.protocol !== 'rtsp:') return 'must be an rtsp:// URL';
  const urlPort = url.port ? Number(url.port) : 554;
  if (url.hostname !== host || urlPort !== port) return `must point at the set's recorder ${host}:${port}`;
  return null;
}
