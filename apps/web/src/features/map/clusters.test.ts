import type { CameraBulk } from '@onpatrol/contracts';
import { describe, expect, it } from 'vitest';
import { camerasFromBulk, passesSiteKind } from '../registry/points';
import { ClusterIndex, statusCountsPerNode, worstStatusPerNode } from './clusters';

function grid(n: number): CameraBulk {
  const rows: CameraBulk['rows'] = [];
  for (let i = 0; i < n; i++) {
    const id = `1309030001131${String(i).padStart(7, '0')}`;
    rows.push([
      id,
      `cam${i}`,
      38.28 + (i % 40) * 0.001,
      116.8 + Math.floor(i / 40) * 0.001,
      0,
      90,
      30,
      0,
      0,
      0,
      i % 2,
      0,
    ]);
  }
  return {
    version: '1',
    count: n,
    kinds: ['dome'],
    statuses: ['online', 'offline', 'fault', 'maintenance'],
    stations: ['13090300002160000001'],
    sites: ['A', 'B'],
    sets: ['13090300001180000001'],
    rows,
  };
}

describe('ClusterIndex', () => {
  const set = camerasFromBulk(grid(400), (id) => (id === 'A' ? 'compound' : 'shop'));

  it('assigns every included point to exactly one node whose counts add up', () => {
    const index = new ClusterIndex(set, () => true);
    for (const z of [10, 12, 14]) {
      const level = index.level(z);
      const counts = new Int32Array(level.n);
      for (let i = 0; i < set.count; i++) {
        expect(level.memberOf[i]).toBeGreaterThanOrEqual(0);
        counts[level.memberOf[i]!]! += 1;
      }
      for (let k = 0; k < level.n; k++) expect(counts[k]).toBe(level.count[k]);
    }
    expect(index.level(10).n).toBeLessThan(index.level(14).n);
    expect(index.level(10.9)).toBe(index.level(10)); // cached per integer level
  });

  it('leaves filtered-out points without a node', () => {
    const mask = 0b0010; // compounds only
    const index = new ClusterIndex(set, (i) => passesSiteKind(set, i, mask));
    const level = index.level(12);
    let members = 0;
    for (let i = 0; i < set.count; i++) {
      const inNode = level.memberOf[i]! >= 0;
      expect(inNode).toBe(set.siteIds[i] === 'A');
      if (inNode) members++;
    }
    expect(members).toBe(200);
  });

  it('colours a node by its worst member, reflecting in-place status changes without a rebuild', () => {
    const index = new ClusterIndex(set, () => true);
    const level = index.level(8);
    expect(level.n).toBe(1);
    expect(Array.from(worstStatusPerNode(level, set.status))).toEqual([0]);
    set.status[5] = 3; // maintenance
    expect(worstStatusPerNode(level, set.status)[0]).toBe(3);
    set.status[6] = 1; // offline beats maintenance
    expect(worstStatusPerNode(level, set.status)[0]).toBe(1);
    set.status[7] = 2; // fault is worst
    expect(worstStatusPerNode(level, set.status)[0]).toBe(2);
    const id = level.clusterId[0]!;
    expect(index.expansionZoom(id)).toBeGreaterThan(8);
  });
});

describe('statusCountsPerNode', () => {
  it('counts members per status for every node', () => {
    const set = camerasFromBulk(grid(100), () => 'shop');
    const index = new ClusterIndex(set, () => true);
    const level = index.level(8);
    set.status[0] = 2;
    set.status[1] = 2;
    set.status[2] = 1;
    const counts = statusCountsPerNode(level, set.status);
    expect(Array.from(counts.slice(0, 4))).toEqual([97, 1, 2, 0]);
  });
});
