import type { LonLat } from '@onpatrol/contracts';

/**
 * Geometry helpers. Rings are implicitly closed: the last point joins the first, and the first
 * point is NOT repeated at the end (the functions here also accept a repeated closing point).
 */

/** A point in local metres: x east, y north of a frame origin. */
export type XY = [number, number];

const RAD = Math.PI / 180;

/** Metres per degree of longitude and latitude at a latitude (WGS 84 series, cm-accurate). */
export function metresPerDegree(latDeg: number): { lon: number; lat: number } {
  const p = latDeg * RAD;
  return {
    lon: 111412.84 * Math.cos(p) - 93.5 * Math.cos(3 * p),
    lat: 111132.92 - 559.82 * Math.cos(2 * p) + 1.175 * Math.cos(4 * p),
  };
}

/** Even-odd ray test of a [lon, lat] point against a ring. */
export function pointInPolygon(lon: number, lat: number, ring: [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Area of a [lon, lat] ring in km², in an equirectangular projection at the ring's mean latitude. */
export function ringAreaKm2(ring: [number, number][]): number {
  if (ring.length < 3) return 0;
  const meanLat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
  const m = metresPerDegree(meanLat);
  const xy = ring.map(([lon, lat]): XY => [lon * m.lon, lat * m.lat]);
  return Math.abs(signedArea(xy)) / 1e6;
}

/** Rounds a coordinate to 6 decimals (about 0.1 m), so output stays compact and stable. */
export function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** Equirectangular projection around an origin: local metres <-> [lon, lat]. */
export class LocalFrame {
  private readonly m: { lon: number; lat: number };

  constructor(
    readonly lon0: number,
    readonly lat0: number,
  ) {
    this.m = metresPerDegree(lat0);
  }

  /** Local metres to a rounded [lon, lat]. */
  toLonLat(p: XY): LonLat {
    return [round6(this.lon0 + p[0] / this.m.lon), round6(this.lat0 + p[1] / this.m.lat)];
  }

  /** [lon, lat] to local metres. */
  toXY(p: LonLat): XY {
    return [(p[0] - this.lon0) * this.m.lon, (p[1] - this.lat0) * this.m.lat];
  }
}

/** Shoelace area; positive for a counter-clockwise ring. */
export function signedArea(ring: XY[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    s += ring[j]![0] * ring[i]![1] - ring[i]![0] * ring[j]![1];
  }
  return s / 2;
}

/** a + b */
export function add(a: XY, b: XY): XY {
  return [a[0] + b[0], a[1] + b[1]];
}

/** a - b */
export function sub(a: XY, b: XY): XY {
  return [a[0] - b[0], a[1] - b[1]];
}

/** v * k */
export function scale(v: XY, k: number): XY {
  return [v[0] * k, v[1] * k];
}

/** Euclidean distance. */
export function dist(a: XY, b: XY): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Unit vector of a compass bearing (degrees clockwise from north). */
export function unit(bearingDeg: number): XY {
  return [Math.sin(bearingDeg * RAD), Math.cos(bearingDeg * RAD)];
}

/** Compass bearing of a vector, in [0, 360). */
export function bearingOf(v: XY): number {
  const b = Math.atan2(v[0], v[1]) / RAD;
  const n = (b + 360) % 360;
  return Math.round(n * 10) / 10 === 360 ? 0 : Math.round(n * 10) / 10;
}

/** The point `d` metres from `p` along a bearing. */
export function move(p: XY, bearingDeg: number, d: number): XY {
  return add(p, scale(unit(bearingDeg), d));
}

/** Keeps the part of a ring where n·p <= c (Sutherland-Hodgman against one half-plane). */
export function clipHalfPlane(ring: XY[], n: XY, c: number): XY[] {
  const out: XY[] = [];
  const side = (p: XY) => n[0] * p[0] + n[1] * p[1] - c;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    const sa = side(a);
    const sb = side(b);
    if (sa <= 0) out.push(a);
    if (sa <= 0 !== sb <= 0) {
      const t = sa / (sa - sb);
      out.push([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]);
    }
  }
  return out.filter((p, i) => dist(p, out[(i + 1) % out.length]!) > 0.01);
}

/** Voronoi cells of the seeds, each clipped to the outline: together they tile it exactly. */
export function voronoiCells(outline: XY[], seeds: XY[]): XY[][] {
  return seeds.map((s, i) => {
    let cell = outline;
    seeds.forEach((o, j) => {
      if (i === j) return;
      // Points nearer to s than to o: (o - s)·p <= (|o|² - |s|²) / 2.
      const n = sub(o, s);
      cell = clipHalfPlane(cell, n, (o[0] ** 2 + o[1] ** 2 - s[0] ** 2 - s[1] ** 2) / 2);
    });
    return cell;
  });
}

/** Nearest point of segment ab to p, with its parameter t in [0, 1] and the distance. */
export function nearestOnSegment(p: XY, a: XY, b: XY): { q: XY; t: number; d: number } {
  const ab = sub(b, a);
  const len2 = ab[0] ** 2 + ab[1] ** 2;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * ab[0] + (p[1] - a[1]) * ab[1]) / len2));
  const q = add(a, scale(ab, t));
  return { q, t, d: dist(p, q) };
}

/** Nearest point of a polyline (or of a ring when `closed`) to p. */
export function nearestOnPolyline(p: XY, line: XY[], closed = false): { q: XY; d: number } {
  let best = { q: line[0]!, d: Number.POSITIVE_INFINITY };
  const n = closed ? line.length : line.length - 1;
  for (let i = 0; i < n; i++) {
    const r = nearestOnSegment(p, line[i]!, line[(i + 1) % line.length]!);
    if (r.d < best.d) best = { q: r.q, d: r.d };
  }
  return best;
}

/** Point-in-ring for local metres. */
export function insideXY(p: XY, ring: XY[]): boolean {
  return pointInPolygon(p[0], p[1], ring);
}
