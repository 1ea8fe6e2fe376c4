import { generateDistrict } from '@onpatrol/district';
import { describe, expect, it } from 'vitest';
import { distanceM, type LatLon } from '../src/ops/geo.js';
import { StreetGraph } from '../src/ops/streets.js';

// A small town around (38.3, 116.8): offsets in metres turned into lat/lon.
const O = { lat: 38.3, lon: 116.8 };
const at = (x: number, y: number): LatLon => ({
  lat: O.lat + y / 111_195,
  lon: O.lon + x / (111_195 * Math.cos((O.lat * Math.PI) / 180)),
});
const near = (a: LatLon, b: LatLon, m = 1) => expect(distanceM(a, b)).toBeLessThan(m);

describe('street graph', () => {
  // A 1 km square ring (0,0)-(1000,0)-(1000,1000)-(0,1000) drawn as two separate paths, plus a
  // diagonal-free cross street x=500 that crosses both horizontals without sharing a vertex.
  const graph = StreetGraph.fromPaths([
    [at(0, 0), at(1000, 0), at(1000, 1000)],
    [at(1000, 1000), at(0, 1000), at(0, 0)],
    [at(500, -200), at(500, 1200)],
  ]);

  it('splits streets where they cross, so routes can turn there', () => {
    // From the middle of the bottom street to the middle of the top: straight up the cross street.
    const r = graph.route(at(500, 0), at(500, 1000));
    expect(r.lengthM).toBeGreaterThan(995);
    expect(r.lengthM).toBeLessThan(1005);
    near(r.points[0]!, at(500, 0));
    near(r.points.at(-1)!, at(500, 1000));
  });

  it('finds the shortest way, not the first one', () => {
    // (900,0) to (900,1000): via x=1000 is 100+1000+100 = 1200 m; via the cross street 400+1000+400.
    const r = graph.route(at(900, 0), at(900, 1000));
    expect(r.lengthM).toBeGreaterThan(1195);
    expect(r.lengthM).toBeLessThan(1205);
    expect(r.points.some((p) => distanceM(p, at(1000, 0)) < 1)).toBe(true);
    // (100,0) to (100,1000) goes round by x=0 instead.
    const l = graph.route(at(100, 0), at(100, 1000));
    expect(l.lengthM).toBeLessThan(1205);
    expect(l.points.some((p) => distanceM(p, at(0, 1000)) < 1)).toBe(true);
  });

  it('snaps a point to the nearest street and routes via the snapped points', () => {
    const s = graph.snap(at(700, 30));
    expect(s.distanceM).toBeGreaterThan(29);
    expect(s.distanceM).toBeLessThan(31);
    near(s.point, at(700, 0));
    // Off-street ends: 30 m to the street, 250 m along it, 40 m from it.
    const r = graph.route(at(700, 30), at(950, 40));
    expect(r.lengthM).toBeGreaterThan(320 - 1);
    expect(r.lengthM).toBeLessThan(320 + 1);
    near(r.points[1]!, at(700, 0));
    near(r.points.at(-2)!, at(950, 0));
    // 60 m above the bottom street but 50 m from the right one: that one is nearer.
    near(graph.snap(at(950, 60)).point, at(1000, 60));
  });

  it('joins a dead end near a street, and links a piece that is apart', () => {
    const g = StreetGraph.fromPaths([
      [at(0, 0), at(1000, 0)],
      [at(400, 10), at(400, 300)], // ends 10 m short of the main street
      [at(3000, 0), at(3500, 0)], // a village road far away
    ]);
    expect(g.links).toBe(1);
    const r = g.route(at(400, 300), at(0, 0));
    expect(r.lengthM).toBeLessThan(290 + 10 + 400 + 5);
    expect(Number.isFinite(g.route(at(0, 0), at(3500, 0)).lengthM)).toBe(true);
  });

  it('makes one connected network of the reference district', () => {
    const d = generateDistrict();
    const g = StreetGraph.fromPaths(d.basemap.streets.map((s) => s.path.map(([lon, lat]) => ({ lat, lon }))));
    expect(g.links).toBeLessThan(5);
    const [a, b] = [d.stations[0]!, d.stations[6]!];
    const r = g.route(a, b);
    // Along streets it is longer than as the crow flies, but not absurdly so.
    expect(r.lengthM).toBeGreaterThan(distanceM(a, b));
    expect(r.lengthM).toBeLessThan(distanceM(a, b) * 2);
  });
});
