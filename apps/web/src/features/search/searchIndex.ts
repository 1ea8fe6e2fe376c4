import type { Site, SiteKind, Station } from '@onpatrol/contracts';
import type { PointSet } from '../registry/points';

export type SearchKind = 'station' | 'site' | 'camera' | 'alarm';

/** Something the search box can find and the map can fly to. */
export interface SearchEntry {
  kind: SearchKind;
  id: string;
  name: string;
  /** Set for sites only. */
  siteKind?: SiteKind;
  lat: number;
  lon: number;
}

/** Entries plus their lower-cased search keys, built once per data load. */
export interface SearchIndex {
  readonly entries: readonly SearchEntry[];
  readonly keys: readonly string[];
}

const KIND_RANK: Record<SearchKind, number> = { station: 0, site: 1, camera: 2, alarm: 3 };

/** Index stations, sites, cameras and alarms by name (stations also by English name) and ID. */
export function buildSearchIndex(data: {
  stations: readonly Station[];
  sites: readonly Site[];
  cameras: PointSet | null;
  alarms: PointSet | null;
}): SearchIndex {
  const entries: SearchEntry[] = [];
  const keys: string[] = [];
  const add = (e: SearchEntry, alt = '') => {
    entries.push(e);
    keys.push(`${e.name}\u0000${alt}`.toLowerCase());
  };
  for (const s of data.stations)
    add({ kind: 'station', id: s.id, name: s.name, lat: s.lat, lon: s.lon }, s.nameEn);
  for (const s of data.sites)
    add({ kind: 'site', id: s.id, name: s.name, siteKind: s.kind, lat: s.lat, lon: s.lon });
  for (const set of [data.cameras, data.alarms]) {
    if (!set) continue;
    const kind = set.layer === 'camera' ? 'camera' : 'alarm';
    for (let i = 0; i < set.count; i++) {
      add({ kind, id: set.ids[i]!, name: set.names[i]!, lat: set.lat[i]!, lon: set.lon[i]! });
    }
  }
  return { entries, keys };
}

/**
 * Rank of a match, lower is better: exact ID, exact name, name prefix, ID prefix, name substring,
 * ID substring. Null when the entry does not match.
 */
export function matchRank(key: string, id: string, q: string): number | null {
  const name = key.slice(0, key.indexOf('\u0000'));
  if (id === q) return 0;
  if (name === q) return 1;
  if (name.startsWith(q)) return 2;
  if (q.length >= 3 && id.startsWith(q)) return 3;
  if (key.includes(q)) return 4;
  if (q.length >= 3 && id.includes(q)) return 5;
  return null;
}

// Code-point order: deterministic and far cheaper than locale collation on thousands of ties.
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Best `limit` entries for a query: by rank, then stations/sites before devices, then shorter names. */
export function search(index: SearchIndex, query: string, limit = 20): SearchEntry[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const hits: Array<{ e: SearchEntry; rank: number }> = [];
  for (let i = 0; i < index.entries.length; i++) {
    const e = index.entries[i]!;
    const rank = matchRank(index.keys[i]!, e.id, q);
    if (rank !== null) hits.push({ e, rank });
  }
  hits.sort(
    (a, b) =>
      a.rank - b.rank ||
      KIND_RANK[a.e.kind] - KIND_RANK[b.e.kind] ||
      a.e.name.length - b.e.name.length ||
      cmp(a.e.name, b.e.name) ||
      cmp(a.e.id, b.e.id),
  );
  return hits.slice(0, limit).map((h) => h.e);
}
