import type { Basemap, District, SiteKind, Street } from '@onpatrol/contracts';
import { buildDevices } from './devices.js';
import { DISTRICT_FACTS } from './facts.js';
import type { XY } from './geometry.js';
import { buildLayout, gridStreetPath, type Layout, type Road } from './layout.js';
import { Rng } from './random.js';
import { placeShops } from './shops.js';
import { type Ctx, placeBlocks, placeVillages, type SitePlan, siteId } from './sites.js';
import { buildStations } from './stations.js';

export { rtspUrls } from './devices.js';
export { DISTRICT_FACTS } from './facts.js';
export { pointInPolygon, ringAreaKm2 } from './geometry.js';

/** Options of the reference-district generator. */
export interface GenerateOptions {
  /** Seed of every random choice; default 'yunhe'. */
  seed?: string;
  /** Host that serves the cameras' RTSP streams; default '127.0.0.1'. */
  rtspHost?: string;
  /** Port of that RTSP server; default 8554. */
  rtspPort?: number;
}

function basemap(layout: Layout, villageRoads: Road[]): Basemap {
  const ll = (path: XY[]) => path.map((p) => layout.frame.toLonLat(p));
  const streets: Street[] = [
    ...layout.gridStreets.map(
      (s): Street => ({ name: s.name, kind: s.kind, path: ll(gridStreetPath(layout.grid, s)) }),
    ),
    ...layout.lanes.map((r): Street => ({ name: r.name, kind: 'lane', path: ll(r.path) })),
    ...[...layout.trunks, ...villageRoads].map(
      (r): Street => ({ name: r.name, kind: 'rural', path: ll(r.path) }),
    ),
  ];
  const outline = ll(layout.outline);
  const lons = outline.map((p) => p[0]);
  const lats = outline.map((p) => p[1]);
  return {
    outline,
    river: ll(layout.river),
    streets,
    bounds: {
      south: Math.min(...lats),
      west: Math.min(...lons),
      north: Math.max(...lats),
      east: Math.max(...lons),
    },
  };
}

/**
 * The reference registry of the Yunhe branch: a pure function of the options (no I/O, no clock,
 * no Math.random). Rings (outline, jurisdictions) do not repeat their first point.
 */
export function generateDistrict(opts: GenerateOptions = {}): District {
  const rng = new Rng(opts.seed ?? 'yunhe');
  const layout = buildLayout(rng.fork('layout'));
  const index = buildStations(layout, rng.fork('stations'));
  const ctx = (label: string): Ctx => ({ rng: rng.fork(label), layout, index });
  const blocks = placeBlocks(ctx('blocks'), DISTRICT_FACTS.keySites, DISTRICT_FACTS.compounds);
  const villages = placeVillages(ctx('villages'), DISTRICT_FACTS.villages);
  const plans: SitePlan[] = [...blocks, ...villages.plans, ...placeShops(ctx('shops'), DISTRICT_FACTS.shops)];
  const seq: Record<SiteKind, number> = { key_site: 0, compound: 0, village: 0, shop: 0 };
  for (const p of plans) p.site.id = siteId(p.site.kind, ++seq[p.site.kind]);
  const devices = buildDevices(ctx('devices'), plans, {
    host: opts.rtspHost ?? '127.0.0.1',
    port: opts.rtspPort ?? 8554,
    cameras: DISTRICT_FACTS.cameras,
    alarms: DISTRICT_FACTS.alarmDevices,
    shopSets: DISTRICT_FACTS.cameraSets - blocks.length - villages.plans.length,
  });
  return {
    stations: index.stations,
    sites: plans.map((p) => p.site),
    ...devices,
    basemap: basemap(layout, villages.roads),
  };
}
