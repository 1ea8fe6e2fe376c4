import { DISTRICT_AREA_KM2 } from './facts.js';
import {
  bearingOf,
  insideXY,
  LocalFrame,
  move,
  nearestOnPolyline,
  ringAreaKm2,
  voronoiCells,
  type XY,
} from './geometry.js';
import { EW_STREETS, LANE_NAMES, NS_STREETS } from './names.js';
import type { Rng } from './random.js';

/**
 * The district's geography in local metres (x east, y north of ORIGIN): outline, Grand Canal,
 * the urban core's street grid, rural trunk roads and the 8 station jurisdictions.
 */

/** Origin of the local frame: the district's nominal centre. */
export const ORIGIN = { lon: 116.82, lat: 38.3 } as const;

/** The urban core: a street grid rotated by `theta`, addressed by grid coordinates (u east, v north). */
export interface CoreGrid {
  centre: XY;
  theta: number;
  halfU: number;
  halfV: number;
  /** u of the N-S streets, west to east. */
  us: number[];
  /** v of the E-W streets, north to south. */
  vs: number[];
}

/** One straight street of the core grid. */
export interface GridStreet {
  name: string;
  kind: 'arterial' | 'street';
  axis: 'ns' | 'ew';
  /** u (N-S street) or v (E-W street) of the street line. */
  pos: number;
}

/** A named polyline road or lane in local metres. */
export interface Road {
  name: string;
  path: XY[];
}

/** The whole geography, in local metres. */
export interface Layout {
  frame: LocalFrame;
  outline: XY[];
  river: XY[];
  grid: CoreGrid;
  gridStreets: GridStreet[];
  lanes: Road[];
  trunks: Road[];
  /** Station buildings, by station number - 1; each lies in its own cell. */
  seeds: XY[];
  /** Jurisdictions: Voronoi cells of the seeds clipped to the outline. */
  cells: XY[][];
}

/** Grid coordinates to local metres. */
export function gridToXY(g: CoreGrid, u: number, v: number): XY {
  const c = Math.cos(g.theta);
  const s = Math.sin(g.theta);
  return [g.centre[0] + u * c - v * s, g.centre[1] + u * s + v * c];
}

/** Local metres to grid coordinates. */
export function xyToGrid(g: CoreGrid, p: XY): XY {
  const c = Math.cos(g.theta);
  const s = Math.sin(g.theta);
  const dx = p[0] - g.centre[0];
  const dy = p[1] - g.centre[1];
  return [dx * c + dy * s, -dx * s + dy * c];
}

/** Path of a grid street, with a vertex at every crossing so routing graphs can join them. */
export function gridStreetPath(g: CoreGrid, s: GridStreet): XY[] {
  return s.axis === 'ns' ? g.vs.map((v) => gridToXY(g, s.pos, v)) : g.us.map((u) => gridToXY(g, u, s.pos));
}

// Hand-drawn outline (counter-clockwise): wide in the west where the townships are, the city in the east.
const OUTLINE_BASE: XY[] = [
  [6500, -1800],
  [6900, 300],
  [6400, 2200],
  [5900, 3700],
  [4300, 4200],
  [2600, 3900],
  [900, 4400],
  [-800, 4000],
  [-2500, 4600],
  [-4300, 4300],
  [-6000, 3600],
  [-7400, 2400],
  [-7100, 800],
  [-7700, -700],
  [-7000, -2300],
  [-5600, -3600],
  [-3600, -4400],
  [-1800, -3900],
  [0, -4500],
  [1900, -3800],
  [3600, -4100],
  [5200, -3300],
];

// Urban station seeds in grid coordinates, rural ones in local metres (by station number - 1).
const URBAN_SEEDS: XY[] = [
  [-600, 1200],
  [-700, -1600],
  [-2100, 0],
  [300, -200],
  [1500, 1100],
  [1600, -1200],
];
const RURAL_SEEDS: XY[] = [
  [-4600, 1900],
  [-3800, -2600],
];

function buildOutline(rng: Rng, frame: LocalFrame): XY[] {
  const jittered = OUTLINE_BASE.map(([x, y]): XY => [x + rng.float(-150, 150), y + rng.float(-150, 150)]);
  // Scale about the vertex mean so the area is the customer's 117.7 km².
  const cx = jittered.reduce((s, p) => s + p[0], 0) / jittered.length;
  const cy = jittered.reduce((s, p) => s + p[1], 0) / jittered.length;
  const area = ringAreaKm2(jittered.map((p) => frame.toLonLat(p)));
  const k = Math.sqrt(DISTRICT_AREA_KM2 / area);
  return jittered.map(([x, y]): XY => [cx + (x - cx) * k, cy + (y - cy) * k]);
}

function buildGrid(rng: Rng): CoreGrid {
  const halfU = 2700;
  const halfV = 2200;
  const spread = (n: number, half: number, sign: number) =>
    Array.from({ length: n }, (_, i) => {
      const base = sign * (-half + (2 * half * i) / (n - 1));
      return i === 0 || i === n - 1 ? base : base + rng.float(-50, 50);
    });
  return {
    centre: [2500 + rng.float(-100, 100), 300 + rng.float(-100, 100)],
    theta: (rng.float(6, 10) * Math.PI) / 180,
    halfU,
    halfV,
    us: spread(NS_STREETS.length, halfU, 1),
    vs: spread(EW_STREETS.length, halfV, -1),
  };
}

// The Grand Canal runs SSW to NNE through the east of the core, meandering; trimmed just past the outline.
function buildRiver(rng: Rng, outline: XY[]): XY[] {
  const p1 = rng.float(0, 2 * Math.PI);
  const p2 = rng.float(0, 2 * Math.PI);
  const pts: XY[] = [];
  for (let y = -6500; y <= 6500; y += 150) {
    pts.push([3400 + 0.12 * y + 320 * Math.sin(y / 1400 + p1) + 120 * Math.sin(y / 520 + p2), y]);
  }
  const inside = pts.map((p) => insideXY(p, outline));
  const first = Math.max(0, inside.indexOf(true) - 1);
  const last = Math.min(pts.length - 1, inside.lastIndexOf(true) + 1);
  return pts.slice(first, last + 1);
}

// A country road: a gentle random walk from a start until the next step would leave the district.
function walk(rng: Rng, outline: XY[], start: XY, bearing: number): XY[] {
  const path: XY[] = [start];
  let b = bearing;
  for (let i = 0; i < 60; i++) {
    b = Math.max(bearing - 20, Math.min(bearing + 20, b + rng.float(-7, 7)));
    const next = move(path[path.length - 1]!, b, 350);
    if (!insideXY(next, outline)) break;
    path.push(next);
  }
  return path;
}

function buildTrunks(rng: Rng, outline: XY[], g: CoreGrid): Road[] {
  const west = bearingOf([-Math.cos(g.theta), -Math.sin(g.theta)]);
  const south = bearingOf([Math.sin(g.theta), -Math.cos(g.theta)]);
  const at = (u: number, v: number) => gridToXY(g, u, v);
  const last = (a: number[]) => a[a.length - 1]!;
  const roads: Road[] = [
    { name: '沧盐公路', path: walk(rng, outline, at(-g.halfU, g.vs[2]!), west) },
    { name: '小王庄路', path: walk(rng, outline, at(-g.halfU, g.vs[0]!), west + 35) },
    { name: '南陈屯路', path: walk(rng, outline, at(-g.halfU, last(g.vs)), west - 35) },
    { name: '307国道', path: walk(rng, outline, at(g.us[3]!, -g.halfV), south) },
    { name: '沧石路', path: walk(rng, outline, at(g.us[2]!, g.halfV), (south + 180) % 360) },
    { name: '运河东路', path: walk(rng, outline, at(g.us[8]!, -g.halfV), south + 15) },
  ];
  // The western ring road runs north and south from a point between the two townships.
  const mid: XY = [-3300 + rng.float(-200, 200), rng.float(-200, 400)];
  const north = walk(rng, outline, mid, 358);
  const southPart = walk(rng, outline, mid, 178);
  roads.push({ name: '西外环路', path: [...north.reverse(), ...southPart.slice(1)] });
  return roads.filter((r) => r.path.length >= 2);
}

function buildLanes(rng: Rng, g: CoreGrid, river: XY[]): Road[] {
  const lanes: Road[] = [];
  const cells = rng.shuffle(
    g.us.slice(1).flatMap((_, i) => g.vs.slice(1).map((_, j): [number, number] => [i, j])),
  );
  for (const [i, j] of cells) {
    if (lanes.length >= LANE_NAMES.length) break;
    const [u0, u1, v0, v1] = [g.us[i]!, g.us[i + 1]!, g.vs[j]!, g.vs[j + 1]!];
    const um = (u0 + u1) / 2;
    const vm = (v0 + v1) / 2;
    if (nearestOnPolyline(gridToXY(g, um, vm), river).d < 500) continue;
    const path = rng.chance(0.5)
      ? [gridToXY(g, um, v0), gridToXY(g, um, v1)]
      : [gridToXY(g, u0, vm), gridToXY(g, u1, vm)];
    lanes.push({ name: LANE_NAMES[lanes.length]!, path });
  }
  return lanes;
}

/** Builds the district's geography from a seeded stream; throws if a layout invariant breaks. */
export function buildLayout(rng: Rng): Layout {
  const frame = new LocalFrame(ORIGIN.lon, ORIGIN.lat);
  const outline = buildOutline(rng.fork('outline'), frame);
  const grid = buildGrid(rng.fork('grid'));
  for (const [u, v] of [
    [-1, -1],
    [-1, 1],
    [1, -1],
    [1, 1],
  ] as const) {
    const corner = gridToXY(grid, u * grid.halfU, v * grid.halfV);
    if (!insideXY(corner, outline) || nearestOnPolyline(corner, outline, true).d < 300) {
      throw new Error('urban core does not fit inside the outline');
    }
  }
  const river = buildRiver(rng.fork('river'), outline);
  const seedRng = rng.fork('stations');
  const jitter = (p: XY): XY => [p[0] + seedRng.float(-120, 120), p[1] + seedRng.float(-120, 120)];
  const seeds = [...URBAN_SEEDS.map(([u, v]) => gridToXY(grid, u, v)), ...RURAL_SEEDS].map(jitter);
  const cells = voronoiCells(outline, seeds);
  const gridStreets: GridStreet[] = [
    ...NS_STREETS.map(([name, kind], i): GridStreet => ({ name, kind, axis: 'ns', pos: grid.us[i]! })),
    ...EW_STREETS.map(([name, kind], i): GridStreet => ({ name, kind, axis: 'ew', pos: grid.vs[i]! })),
  ];
  const trunks = buildTrunks(rng.fork('trunks'), outline, grid);
  const lanes = buildLanes(rng.fork('lanes'), grid, river);
  return { frame, outline, river, grid, gridStreets, lanes, trunks, seeds, cells };
}

/** True when p lies at least `margin` metres inside the ring. */
export function wellInside(p: XY, ring: XY[], margin: number): boolean {
  return insideXY(p, ring) && nearestOnPolyline(p, ring, true).d >= margin;
}

/** Distance from p to the river. */
export function riverDistance(layout: Layout, p: XY): number {
  return nearestOnPolyline(p, layout.river).d;
}

/** 沧州市运河区<nearest grid street><house number>号 for a point in the core. */
export function streetAddress(layout: Layout, xy: XY): string {
  const g = layout.grid;
  const [u, v] = xyToGrid(g, xy);
  const off = (s: { axis: string; pos: number }) => Math.abs((s.axis === 'ns' ? u : v) - s.pos);
  const s = layout.gridStreets.reduce((a, b) => (off(b) < off(a) ? b : a));
  const along = s.axis === 'ns' ? g.halfV - v : u + g.halfU;
  const odd = s.axis === 'ns' ? u > s.pos : v > s.pos;
  return `沧州市运河区${s.name}${2 * Math.max(0, Math.floor(along / 20)) + (odd ? 1 : 2)}号`;
}
