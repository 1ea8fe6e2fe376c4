import type { AlarmDevice, CameraBulk, SiteKind } from '@onpatrol/contracts';
import { describe, expect, it } from 'vitest';
import {
  alarmsFromDevices,
  camerasFromBulk,
  countByStatus,
  mercatorX,
  mercatorY,
  passesSiteKind,
  setPointStatus,
  siteKindMask,
  UNKNOWN_SITE_KIND,
} from './points';

const bulk: CameraBulk = {
  version: 'v1',
  count: 3,
  kinds: ['bullet', 'dome', 'ptz'],
  statuses: ['online', 'offline', 'fault', 'maintenance'],
  stations: ['13090300002160000001'],
  sites: ['S1', 'S2', 'S9'],
  sets: ['13090300001180000001'],
  rows: [
    ['13090300011310000001', '南湖广场-01', 38.3, 116.82, 90, 60, 40, 0, 0, 0, 0, 0],
    ['13090300011310000002', '南湖广场-02', 38.31, 116.83, 180, 90, 30, 2, 2, 0, 1, 0],
    ['13090300011310000003', '未知场所-01', 38.32, 116.84, 0, 360, 20, 1, 3, 0, 2, 0],
  ],
};
const kinds: Record<string, SiteKind> = { S1: 'key_site', S2: 'shop' };
const siteKindOf = (id: string) => kinds[id];

describe('camerasFromBulk', () => {
  const cams = camerasFromBulk(bulk, siteKindOf);

  it('decodes every row into parallel typed arrays', () => {
    expect(cams.count).toBe(3);
    expect(cams.ids[1]).toBe('13090300011310000002');
    expect(cams.names[0]).toBe('南湖广场-01');
    expect(Array.from(cams.lat)).toEqual([38.3, 38.31, 38.32]);
    expect(Array.from(cams.status)).toEqual([0, 2, 3]);
    expect(Array.from(cams.deviceKind)).toEqual([0, 2, 1]);
    expect(Array.from(cams.bearing)).toEqual([90, 180, 0]);
    expect(Array.from(cams.fov)).toEqual([60, 90, 360]);
    expect(cams.siteIds[1]).toBe('S2');
    expect(cams.indexOf.get('13090300011310000003')).toBe(2);
  });

  it('maps site kinds, with unknown sites marked', () => {
    expect(Array.from(cams.siteKind)).toEqual([0, 3, UNKNOWN_SITE_KIND]);
  });

  it('projects to Web Mercator like Leaflet', () => {
    expect(mercatorX(0)).toBe(0.5);
    expect(mercatorY(0)).toBeCloseTo(0.5, 12);
    expect(mercatorY(85.0511287798)).toBeCloseTo(0, 9);
    expect(cams.wx[0]).toBeCloseTo((116.82 + 180) / 360, 12);
    expect(cams.wy[0]).toBeLessThan(0.5);
  });

  it('patches status in place and reports real changes only', () => {
    const c = camerasFromBulk(bulk, siteKindOf);
    expect(setPointStatus(c, '13090300011310000001', 'fault')).toBe(true);
    expect(c.status[0]).toBe(2);
    expect(setPointStatus(c, '13090300011310000001', 'fault')).toBe(false);
    expect(setPointStatus(c, 'nope', 'online')).toBe(false);
  });

  it('filters by site kind and counts by status', () => {
    const mask = siteKindMask({ key_site: true, compound: false, village: false, shop: false });
    expect(mask).toBe(1);
    expect(passesSiteKind(cams, 0, mask)).toBe(true);
    expect(passesSiteKind(cams, 1, mask)).toBe(false);
    expect(passesSiteKind(cams, 2, mask)).toBe(true);
    expect(countByStatus(cams, mask)).toEqual([1, 0, 0, 1]);
    expect(countByStatus(cams, 0b1111)).toEqual([1, 0, 1, 1]);
  });
});

describe('alarmsFromDevices', () => {
  it('keeps zone-less points with no camera geometry', () => {
    const items: AlarmDevice[] = [
      {
        id: '13090300011340000001',
        name: '门店-报警',
        siteId: 'S2',
        stationId: '13090300002160000001',
        lat: 38.3,
        lon: 116.8,
        zone: '前门',
        status: 'offline',
      },
    ];
    const a = alarmsFromDevices(items, siteKindOf);
    expect(a.layer).toBe('alarm');
    expect(a.status[0]).toBe(1);
    expect(a.siteKind[0]).toBe(3);
    expect(a.range[0]).toBe(0);
  });
});
