import type { Site, Station } from '@onpatrol/contracts';
import { describe, expect, it } from 'vitest';
import { camerasFromBulk } from '../registry/points';
import { buildSearchIndex, matchRank, search } from './searchIndex';

const station: Station = {
  id: '13090300002160000001',
  no: 1,
  name: '南湖派出所',
  nameEn: 'Nanhu Police Station',
  address: '',
  phone: '0317-1',
  lat: 38.3,
  lon: 116.8,
  polygon: [],
};
const sites: Site[] = [
  {
    id: 'K01',
    kind: 'key_site',
    name: '南湖广场',
    stationId: station.id,
    address: '',
    lat: 38.3,
    lon: 116.81,
  },
  {
    id: 'C01',
    kind: 'compound',
    name: '湖畔小区',
    stationId: station.id,
    address: '',
    lat: 38.31,
    lon: 116.82,
  },
];
const cameras = camerasFromBulk(
  {
    version: '1',
    count: 3,
    kinds: ['dome'],
    statuses: ['online'],
    stations: [station.id],
    sites: ['K01', 'C01'],
    sets: ['13090300001180000001'],
    rows: [
      ['13090300011310000001', '南湖广场-东门', 38.3, 116.81, 0, 90, 30, 0, 0, 0, 0, 0],
      ['13090300011310000002', '南湖广场', 38.3, 116.81, 0, 90, 30, 0, 0, 0, 0, 0],
      ['13090300011310000003', '湖畔小区-南湖路口', 38.31, 116.82, 0, 90, 30, 0, 0, 0, 1, 0],
    ],
  },
  () => undefined,
);
const index = buildSearchIndex({ stations: [station], sites, cameras, alarms: null });

describe('search ranking', () => {
  it('ranks exact ID, exact name, prefix, then substring', () => {
    expect(matchRank('abc\u0000', '123', '123')).toBe(0);
    expect(matchRank('abc\u0000', '999', 'abc')).toBe(1);
    expect(matchRank('abcd\u0000', '999', 'ab')).toBe(2);
    expect(matchRank('xyz\u0000', '12345', '123')).toBe(3);
    expect(matchRank('xabcx\u0000', '999', 'abc')).toBe(4);
    expect(matchRank('x\u0000', '912345', '123')).toBe(5);
    expect(matchRank('x\u0000', '912345', 'zz')).toBeNull();
  });

  it('puts the site before equally-named cameras and prefixes before substrings', () => {
    const names = search(index, '南湖').map((e) => `${e.kind}:${e.name}`);
    expect(names).toEqual([
      'station:南湖派出所',
      'site:南湖广场',
      'camera:南湖广场',
      'camera:南湖广场-东门',
      'camera:湖畔小区-南湖路口',
    ]);
    expect(search(index, '南湖广场')[0]).toMatchObject({ kind: 'site', name: '南湖广场' });
  });

  it('finds by full or partial ID and English station name, case-insensitively', () => {
    expect(search(index, '13090300011310000003')[0]?.name).toBe('湖畔小区-南湖路口');
    expect(search(index, '0000002').map((e) => e.id)).toContain('13090300011310000002');
    expect(search(index, 'nanhu police')[0]?.kind).toBe('station');
    expect(search(index, '  ')).toEqual([]);
  });

  it('returns at most the limit', () => {
    expect(search(index, '湖', 2)).toHaveLength(2);
  });
});
