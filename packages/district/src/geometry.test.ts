import type { District } from '@onpatrol/contracts';
import { describe, expect, it } from 'vitest';
import { metresPerDegree } from './geometry.js';
import { generateDistrict, pointInPolygon, ringAreaKm2 } from './index.js';
import { Rng } from './random.js';

const m = metresPerDegree(38.3);
const metres = (a: { lon: number; lat: number }, b: { lon: number; lat: number }) =>
  Math.hypot((a.lon - b.lon) * m.lon, (a.lat - b.lat) * m.lat);

describe('pointInPolygon and ringAreaKm2', () => {
  const square: [number, number][] = [
    [116.8, 38.3],
    [116.81, 38.3],
    [116.81, 38.31],
    [116.8, 38.31],
  ];

  it('tests points against open and closed rings', () => {
    expect(pointInPolygon(116.805, 38.305, square)).toBe(true);
    expect(pointInPolygon(116.815, 38.305, square)).toBe(false);
    expect(pointInPolygon(116.805, 38.305, [...square, square[0]!])).toBe(true);
    const notch: [number, number][] = [
      [0, 0],
      [4, 0],
      [4, 4],
      [2, 1],
      [0, 4],
    ];
    expect(pointInPolygon(2, 3, notch)).toBe(false);
    expect(pointInPolygon(1, 2, notch)).toBe(true);
  });

  it('measures a 0.01° square near Cangzhou at about 0.87 × 1.11 km', () => {
    expect(ringAreaKm2(square)).toBeCloseTo(0.8741 * 1.1101, 2);
    expect(ringAreaKm2([...square].reverse())).toBeCloseTo(ringAreaKm2(square), 9);
  });
});

// Spatial invariants that must hold for any seed, checked for the default one and another.
describe.each(['yunhe', 'spatial-check'])('generateDistrict({ seed: %s }): geometry', (seed) => {
  const d: District = generateDistrict({ seed });
  const station = new Map(d.stations.map((s) => [s.id, s]));
  const site = new Map(d.sites.map((s) => [s.id, s]));
  const outline = d.basemap.outline;

  it('has an irregular outline of 117.7 km² ± 3 %, rings not repeating their first point', () => {
    expect(Math.abs(ringAreaKm2(outline) / 117.7 - 1)).toBeLessThan(0.03);
    const { south, west, north, east } = d.basemap.bounds;
    const box = ringAreaKm2([
      [west, south],
      [east, south],
      [east, north],
      [west, north],
    ]);
    expect(ringAreaKm2(outline)).toBeLessThan(box * 0.95);
    expect(outline.length).toBeGreaterThan(8);
    for (const ring of [outline, ...d.stations.map((s) => s.polygon)])
      expect(ring.at(-1)).not.toEqual(ring[0]);
    expect(west).toBe(Math.min(...outline.map((p) => p[0])));
    expect(north).toBe(Math.max(...outline.map((p) => p[1])));
  });

  it('tiles the outline with the 8 jurisdictions', () => {
    const sum = d.stations.reduce((s, st) => s + ringAreaKm2(st.polygon), 0);
    expect(Math.abs(sum / ringAreaKm2(outline) - 1)).toBeLessThan(0.005);
    const rng = new Rng(`sample/${seed}`);
    const { south, west, north, east } = d.basemap.bounds;
    let inside = 0;
    for (let i = 0; i < 3000; i++) {
      const lon = rng.float(west, east);
      const lat = rng.float(south, north);
      const hits = d.stations.filter((s) => pointInPolygon(lon, lat, s.polygon)).length;
      if (pointInPolygon(lon, lat, outline)) {
        inside++;
        expect(hits, `${lon},${lat}`).toBe(1);
      } else expect(hits).toBe(0);
    }
    expect(inside).toBeGreaterThan(1500);
  });

  it('puts each station building in its own jurisdiction', () => {
    for (const s of d.stations) expect(pointInPolygon(s.lon, s.lat, s.polygon)).toBe(true);
  });

  it('puts every site in the outline and in its station', () => {
    for (const s of d.sites) {
      expect(pointInPolygon(s.lon, s.lat, outline), s.id).toBe(true);
      expect(pointInPolygon(s.lon, s.lat, station.get(s.stationId)!.polygon), s.id).toBe(true);
    }
  });

  it('puts every camera and alarm in its station', () => {
    for (const c of [...d.cameras, ...d.alarmDevices]) {
      expect(pointInPolygon(c.lon, c.lat, station.get(c.stationId)!.polygon), c.id).toBe(true);
    }
  });

  it('keeps cameras at their site', () => {
    const limit = { shop: 40, key_site: 200, compound: 200, village: 260 };
    for (const c of d.cameras) {
      const s = site.get(c.siteId)!;
      expect(metres(c, s), c.name).toBeLessThanOrEqual(limit[s.kind]);
    }
    for (const a of d.alarmDevices) expect(metres(a, site.get(a.siteId)!)).toBeLessThan(200);
  });

  it('points shop door cameras at their street', () => {
    const streets = d.basemap.streets.filter((s) => s.kind !== 'rural');
    const doors = d.cameras.filter((c) => c.name.includes('门前') && site.get(c.siteId)!.kind === 'shop');
    expect(doors.length).toBeGreaterThan(900);
    for (const c of doors) {
      const s = site.get(c.siteId)!;
      const street = streets.find((st) => s.address.includes(st.name))!;
      const foot = nearestOn(s, street.path);
      expect(metres(s, foot)).toBeGreaterThanOrEqual(9);
      expect(metres(s, foot)).toBeLessThanOrEqual(26);
      const toward = (Math.atan2((foot.lon - s.lon) * m.lon, (foot.lat - s.lat) * m.lat) * 180) / Math.PI;
      expect(Math.abs(((c.bearing - toward + 540) % 360) - 180), c.name).toBeLessThanOrEqual(25);
    }
  });

  it('lays out a town: villages farther out than compounds, shops near streets', () => {
    const keys = d.sites.filter((s) => s.kind === 'key_site');
    const centre = { lon: avg(keys.map((s) => s.lon)), lat: avg(keys.map((s) => s.lat)) };
    const mean = (k: string) => avg(d.sites.filter((s) => s.kind === k).map((s) => metres(s, centre)));
    expect(mean('village')).toBeGreaterThan(2 * mean('compound'));
    const streets = d.basemap.streets.map((s) => s.name);
    expect(streets).toEqual(expect.arrayContaining(['解放路', '新华路', '永济路', '朝阳街']));
    expect(new Set(d.basemap.streets.map((s) => s.kind))).toEqual(
      new Set(['arterial', 'street', 'lane', 'rural']),
    );
  });

  it('runs the Grand Canal across the district', () => {
    const inside = d.basemap.river.map((p) => pointInPolygon(p[0], p[1], outline));
    expect(inside.filter(Boolean).length).toBeGreaterThan(20);
    expect(inside[0]).toBe(false);
    expect(inside.at(-1)).toBe(false);
  });

  it('gives every station a believable share of the cameras', () => {
    for (const s of d.stations) {
      expect(d.cameras.filter((c) => c.stationId === s.id).length, s.name).toBeGreaterThanOrEqual(200);
    }
  });
});

function avg(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

// Nearest point of a [lon, lat] path to p, in the local metric frame.
function nearestOn(p: { lon: number; lat: number }, path: [number, number][]): { lon: number; lat: number } {
  let best = { lon: path[0]![0], lat: path[0]![1] };
  for (let i = 0; i + 1 < path.length; i++) {
    const [a, b] = [path[i]!, path[i + 1]!];
    const [dx, dy] = [(b[0] - a[0]) * m.lon, (b[1] - a[1]) * m.lat];
    const t = ((p.lon - a[0]) * m.lon * dx + (p.lat - a[1]) * m.lat * dy) / (dx * dx + dy * dy);
    const q = {
      lon: a[0] + (b[0] - a[0]) * Math.max(0, Math.min(1, t)),
      lat: a[1] + (b[1] - a[1]) * Math.max(0, Math.min(1, t)),
    };
    if (metres(p, q) < metres(p, best)) best = q;
  }
  return best;
}
