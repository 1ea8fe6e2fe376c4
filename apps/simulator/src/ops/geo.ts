/** A point on the map. */
export interface LatLon {
  lat: number;
  lon: number;
}

/** Metres east and north of a projection's origin. */
export type XY = [number, number];

const EARTH_M = 6_371_000;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in metres. */
export function distanceM(a: LatLon, b: LatLon): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.sqrt(h));
}

/**
 * Equirectangular projection around an origin: over a district of ~10 km the error is far below a
 * street's width, and plane geometry (projections onto segments, crossings) becomes simple.
 */
export class Projection {
  private readonly kx: number;
  private readonly ky = (Math.PI / 180) * EARTH_M;

  constructor(readonly origin: LatLon) {
    this.kx = this.ky * Math.cos(rad(origin.lat));
  }

  toXY(p: LatLon): XY {
    return [(p.lon - this.origin.lon) * this.kx, (p.lat - this.origin.lat) * this.ky];
  }

  toLatLon([x, y]: XY): LatLon {
    return { lat: this.origin.lat + y / this.ky, lon: this.origin.lon + x / this.kx };
  }
}

/** Plane distance between two projected points. */
export function dist(a: XY, b: XY): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Closest point to p on segment a–b: its parameter t in [0, 1], the point and the distance. */
export function projectOnSegment(p: XY, a: XY, b: XY): { t: number; point: XY; distance: number } {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  const point: XY = [a[0] + t * dx, a[1] + t * dy];
  return { t, point, distance: dist(p, point) };
}

/** Parameters (t on a–b, u on c–d) where two segments cross, or null when they do not. */
export function crossing(a: XY, b: XY, c: XY, d: XY): { t: number; u: number } | null {
  const rx = b[0] - a[0];
  const ry = b[1] - a[1];
  const sx = d[0] - c[0];
  const sy = d[1] - c[1];
  const denom = rx * sy - ry * sx;
  if (Math.abs(denom) < 1e-9) return null; // parallel or collinear: joined at shared vertices if at all
  const qx = c[0] - a[0];
  const qy = c[1] - a[1];
  const t = (qx * sy - qy * sx) / denom;
  const u = (qx * ry - qy * rx) / denom;
  return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? { t, u } : null;
}
