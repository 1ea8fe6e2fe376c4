import type { PointSet } from '../../registry/points';

/** Every camera of a site or of a station's jurisdiction, in registry order. */
export function camerasOf(cameras: PointSet | null, kind: 'site' | 'station', id: string): string[] {
  if (!cameras) return [];
  const key = kind === 'site' ? cameras.siteIds : cameras.stationIds;
  const out: string[] = [];
  for (let i = 0; i < cameras.count; i++) if (key[i] === id) out.push(cameras.ids[i]!);
  return out;
}

/** Append cameras to a list, keeping the first occurrence of each (a tour shows a camera once). */
export function appendUnique(list: readonly string[], more: readonly string[]): string[] {
  const seen = new Set(list);
  const out = [...list];
  for (const id of more) {
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
  }
  return out;
}
