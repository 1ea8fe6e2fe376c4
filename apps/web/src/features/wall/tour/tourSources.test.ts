import { describe, expect, it } from 'vitest';
import type { PointSet } from '../../registry/points';
import { appendUnique, camerasOf } from './tourSources';

const cameras = {
  count: 4,
  ids: ['c1', 'c2', 'c3', 'c4'],
  siteIds: ['s1', 's2', 's1', 's3'],
  stationIds: ['p1', 'p1', 'p2', 'p2'],
} as unknown as PointSet;

describe('tour sources', () => {
  it('lists the cameras of a site and of a station', () => {
    expect(camerasOf(cameras, 'site', 's1')).toEqual(['c1', 'c3']);
    expect(camerasOf(cameras, 'station', 'p2')).toEqual(['c3', 'c4']);
    expect(camerasOf(null, 'site', 's1')).toEqual([]);
  });

  it('appends without duplicates, keeping order', () => {
    expect(appendUnique(['a', 'b'], ['b', 'c', 'a', 'd', 'c'])).toEqual(['a', 'b', 'c', 'd']);
  });
});
