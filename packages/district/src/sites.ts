import type { Site, SiteKind } from '@onpatrol/contracts';
import { bearingOf, dist, move, nearestOnPolyline, sub, type XY } from './geometry.js';
import {
  gridToXY,
  type Layout,
  type Road,
  riverDistance,
  streetAddress,
  wellInside,
  xyToGrid,
} from './layout.js';
import { compoundName, KEY_SITES, STATION_NAMES, uniqueNames, villageName } from './names.js';
import type { Rng } from './random.js';
import type { StationIndex } from './stations.js';

/** A rectangular footprint rotated with the grid (key sites, compounds): half sizes along u and v. */
export interface Block {
  half: XY;
  theta: number;
}

/** Where a shop stands on its street. */
export interface Frontage {
  street: string;
  /** +1: east (N-S street) or north (E-W street) side; -1 the other. */
  side: 1 | -1;
  /** Metres along the street from its north or west end. */
  t: number;
  /** Bearing from the shop to the street. */
  face: number;
  sideLabel: string;
}

/** A site with the placement facts the device generator needs. */
export interface SitePlan {
  site: Site;
  /** Station index (number - 1). */
  station: number;
  xy: XY;
  block?: Block;
  shop?: Frontage;
  village?: { radius: number; entrance: number };
}

/** What every placement step reads. */
export interface Ctx {
  rng: Rng;
  layout: Layout;
  index: StationIndex;
}

interface Plot {
  u: number;
  v: number;
  hu: number;
  hv: number;
}

const ID_PREFIX: Record<SiteKind, string> = {
  key_site: 'S-K-',
  compound: 'S-C-',
  village: 'S-V-',
  shop: 'S-S-',
};

/** Site id by kind and 1-based sequence: S-K-001, S-C-001, S-V-001, S-S-0001. */
export function siteId(kind: SiteKind, seq: number): string {
  return ID_PREFIX[kind] + String(seq).padStart(kind === 'shop' ? 4 : 3, '0');
}

/** The site record for a placed point, or null when the point is in no jurisdiction. */
export function makePlan(ctx: Ctx, kind: SiteKind, name: string, xy: XY, address: string): SitePlan | null {
  const { ll, index } = ctx.index.locate(xy);
  if (index < 0 || !wellInside(xy, ctx.layout.outline, 20)) return null;
  const station = ctx.index.stations[index]!;
  const site: Site = { id: '', kind, name, stationId: station.id, address, lat: ll[1], lon: ll[0] };
  return { site, station: index, xy };
}

// Each grid cell splits into 4 plots; a plot holds one compound or key site, or stays open.
function plots(layout: Layout): Plot[] {
  const { us, vs } = layout.grid;
  const out: Plot[] = [];
  for (let i = 0; i + 1 < us.length; i++) {
    for (let j = 0; j + 1 < vs.length; j++) {
      const [u0, u1, v0, v1] = [us[i]!, us[i + 1]!, vs[j + 1]!, vs[j]!];
      const hu = (u1 - u0) / 4;
      const hv = (v1 - v0) / 4;
      for (const [a, b] of [
        [1, 1],
        [3, 1],
        [1, 3],
        [3, 3],
      ] as const) {
        out.push({ u: u0 + a * hu, v: v0 + b * hv, hu, hv });
      }
    }
  }
  return out;
}

/** Places the key sites (central plots, spread out) and then the compounds (the other plots). */
export function placeBlocks(ctx: Ctx, keyCount: number, compoundCount: number): SitePlan[] {
  const { layout, rng } = ctx;
  const g = layout.grid;
  const dry = rng.shuffle(plots(layout)).filter((p) => {
    const xy = gridToXY(g, p.u, p.v);
    return riverDistance(layout, xy) > Math.max(p.hu, p.hv) * 1.45 + 40;
  });
  const used = new Set<Plot>();
  const out: SitePlan[] = [];
  const keys: XY[] = [];
  for (const p of dry) {
    if (keys.length >= keyCount) break;
    const xy = gridToXY(g, p.u, p.v);
    if (Math.abs(p.u) > 0.75 * g.halfU || Math.abs(p.v) > 0.75 * g.halfV) continue;
    if (keys.some((k) => dist(k, xy) < 350)) continue;
    const plan = makePlan(ctx, 'key_site', KEY_SITES[keys.length]!, xy, streetAddress(layout, xy));
    if (!plan) continue;
    plan.block = {
      half: [Math.min(p.hu - 30, rng.float(60, 120)), Math.min(p.hv - 30, rng.float(60, 120))],
      theta: g.theta,
    };
    keys.push(xy);
    used.add(p);
    out.push(plan);
  }
  if (keys.length < keyCount) throw new Error('not enough central plots for the key sites');
  const names = uniqueNames(compoundCount, () => compoundName(rng), new Set(KEY_SITES));
  for (const p of dry) {
    if (used.has(p) || out.length - keyCount >= compoundCount) continue;
    // Keep the fence at least 35 m from the plot edge, which is where the shops stand.
    const half: XY = [rng.float(70, Math.max(70, p.hu - 35)), rng.float(70, Math.max(70, p.hv - 35))];
    const du = rng.float(-1, 1) * Math.max(0, p.hu - 35 - half[0]);
    const dv = rng.float(-1, 1) * Math.max(0, p.hv - 35 - half[1]);
    const xy = gridToXY(g, p.u + du, p.v + dv);
    const plan = makePlan(ctx, 'compound', names[out.length - keyCount]!, xy, streetAddress(layout, xy));
    if (!plan) continue;
    plan.block = { half, theta: g.theta };
    out.push(plan);
  }
  if (out.length - keyCount < compoundCount) throw new Error('not enough plots for the compounds');
  return out;
}

// Villages belong to the township (rural stations) or the subdistrict (urban stations) they lie in.
function township(station: number): string {
  const short = STATION_NAMES[station]!.short;
  if (station === 6) return `${short}镇`;
  if (station === 7) return `${short}乡`;
  return `${short}街道`;
}

/** Places villages along the rural trunk roads, outside the core, each with an access road. */
export function placeVillages(ctx: Ctx, count: number): { plans: SitePlan[]; roads: Road[] } {
  const { layout, rng } = ctx;
  const g = layout.grid;
  const trunks = layout.trunks;
  const weights = trunks.map((t) => [t, t.path.length - 1] as const);
  const names = uniqueNames(count, () => villageName(rng));
  const plans: SitePlan[] = [];
  const roads: Road[] = [];
  let minGap = 750;
  for (let tries = 1; plans.length < count; tries++) {
    if (tries % 3000 === 0) minGap *= 0.93;
    if (tries > 60000) throw new Error('cannot place the villages');
    const trunk = rng.weighted(weights);
    const i = rng.int(0, trunk.path.length - 2);
    const a = trunk.path[i]!;
    const b = trunk.path[i + 1]!;
    const t = rng.next();
    const base: XY = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
    const side = rng.chance(0.5) ? 90 : -90;
    const xy = move(base, bearingOf(sub(b, a)) + side, rng.float(100, 1300));
    const [u, v] = xyToGrid(g, xy);
    if (Math.abs(u) < g.halfU + 500 && Math.abs(v) < g.halfV + 500) continue;
    if (!wellInside(xy, layout.outline, 350) || riverDistance(layout, xy) < 300) continue;
    if (plans.some((p) => dist(p.xy, xy) < minGap)) continue;
    const name = names[plans.length]!;
    const station = ctx.index.locate(xy).index;
    // Most villages belong to the two townships; the urban stations' fringes keep fewer.
    if (station < 0 || (station < 6 && rng.chance(0.7))) continue;
    const plan = makePlan(ctx, 'village', name, xy, `沧州市运河区${township(station)}${name}`);
    if (!plan) continue;
    const near = trunks
      .map((t) => nearestOnPolyline(xy, t.path))
      .reduce((best, r) => (r.d < best.d ? r : best));
    plan.village = { radius: rng.float(150, 230), entrance: bearingOf(sub(near.q, xy)) };
    if (near.d > 150) roads.push({ name: `${name.slice(0, -1)}路`, path: [xy, near.q] });
    plans.push(plan);
  }
  return { plans, roads };
}
