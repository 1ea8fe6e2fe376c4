import { describe, expect, it } from 'vitest';
import { HIT_ALARM, HIT_CAMERA, HIT_CLUSTER_CAMERA, HitGrid } from './hitGrid';

describe('HitGrid', () => {
  it('finds the nearest point within the tolerance', () => {
    const g = new HitGrid(16);
    g.add(100, 100, 4, HIT_CAMERA, 7);
    g.add(110, 100, 4, HIT_ALARM, 3);
    expect(g.query(102, 100)).toMatchObject({ kind: HIT_CAMERA, ref: 7 });
    expect(g.query(108, 101)).toMatchObject({ kind: HIT_ALARM, ref: 3 });
    expect(g.query(100, 107)).toMatchObject({ ref: 7 });
    expect(g.query(100, 109)).toBeNull();
    expect(g.query(300, 300)).toBeNull();
  });

  it('hits a cluster anywhere on its disc, across cell borders', () => {
    const g = new HitGrid(16);
    g.add(40, 40, 22, HIT_CLUSTER_CAMERA, 5);
    expect(g.query(58, 40)).toMatchObject({ kind: HIT_CLUSTER_CAMERA, ref: 5 });
    expect(g.query(40, 63)).toBeNull();
  });

  it('prefers the later-drawn item on an exact tie and survives reset and growth', () => {
    const g = new HitGrid(8);
    g.add(50, 50, 4, HIT_CAMERA, 1);
    g.add(50, 50, 4, HIT_ALARM, 2);
    expect(g.query(50, 50)).toMatchObject({ ref: 2 });
    g.reset();
    expect(g.query(50, 50)).toBeNull();
    for (let i = 0; i < 5000; i++) g.add((i % 100) * 10, Math.floor(i / 100) * 10, 3, HIT_CAMERA, i);
    expect(g.size).toBe(5000);
    expect(g.query(231, 119)).toMatchObject({ ref: 1223 });
    expect(g.query(-2, -2)).toMatchObject({ ref: 0 });
  });

  it('agrees with a brute-force search on random data', () => {
    const g = new HitGrid(32);
    const pts: Array<[number, number]> = [];
    let seed = 42;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 2000; i++) {
      const p: [number, number] = [rnd() * 800, rnd() * 600];
      pts.push(p);
      g.add(p[0], p[1], 3, HIT_CAMERA, i);
    }
    for (let q = 0; q < 200; q++) {
      const x = rnd() * 800;
      const y = rnd() * 600;
      let best = -1;
      let bestD = 8;
      pts.forEach(([px, py], i) => {
        const d = Math.hypot(px - x, py - y);
        if (d <= bestD) {
          bestD = d;
          best = i;
        }
      });
      expect(g.query(x, y)?.ref ?? -1).toBe(best);
    }
  });
});

describe('HitGrid kind filter', () => {
  it('can look for one kind only', () => {
    const g = new HitGrid(16);
    g.add(50, 50, 20, HIT_CLUSTER_CAMERA, 1);
    g.add(52, 50, 4, HIT_CAMERA, 2);
    expect(g.query(52, 50)).toMatchObject({ kind: HIT_CLUSTER_CAMERA, ref: 1, r: 20 }); // deepest inside wins
    expect(g.query(52, 50, 8, HIT_CAMERA)).toMatchObject({ kind: HIT_CAMERA, ref: 2 });
    expect(g.query(52, 50, 8, HIT_ALARM)).toBeNull();
  });
});
