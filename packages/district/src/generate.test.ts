import { GB_TYPE, parseGbId } from '@onpatrol/contracts';
import { describe, expect, it } from 'vitest';
import { DISTRICT_FACTS, generateDistrict, rtspUrls } from './index.js';

const d = generateDistrict();

describe('generateDistrict: the customer figures', () => {
  it('has the exact counts', () => {
    const kinds = (k: string) => d.sites.filter((s) => s.kind === k).length;
    expect(d.stations).toHaveLength(8);
    expect([kinds('key_site'), kinds('compound'), kinds('village'), kinds('shop')]).toEqual([
      25, 167, 80, 981,
    ]);
    expect(d.cameraSets).toHaveLength(439);
    expect(d.cameras).toHaveLength(5999);
    expect(d.alarmDevices).toHaveLength(1186);
    expect(d.stations.map((s) => s.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('publishes the same figures in DISTRICT_FACTS', () => {
    expect(DISTRICT_FACTS).toEqual({
      stations: 8,
      keySites: 25,
      compounds: 167,
      villages: 80,
      shops: 981,
      cameraSets: 439,
      cameras: 5999,
      alarmDevices: 1186,
      areaKm2: 117.7,
    });
  });

  it('names the key sites of the report', () => {
    const names = d.sites.filter((s) => s.kind === 'key_site').map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['南湖广场', '中心医院', '同天商厦']));
  });
});

describe('generateDistrict: determinism', () => {
  it('returns deep-equal registries for the same options', () => {
    expect(generateDistrict()).toEqual(d);
    expect(generateDistrict({ seed: 'yunhe', rtspHost: '127.0.0.1', rtspPort: 8554 })).toEqual(d);
  });

  it('differs for another seed', () => {
    const other = generateDistrict({ seed: 'another' });
    expect(other.cameras.map((c) => [c.lon, c.lat])).not.toEqual(d.cameras.map((c) => [c.lon, c.lat]));
    expect(other.sites.map((s) => s.name)).not.toEqual(d.sites.map((s) => s.name));
  });

  it('runs well under a second', () => {
    const t0 = performance.now();
    generateDistrict({ seed: 'timing' });
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('puts the RTSP host and port on every set and stream URL', () => {
    const o = generateDistrict({ rtspHost: 'media.local', rtspPort: 9554 });
    expect(o.cameraSets.every((s) => s.host === 'media.local' && s.rtspPort === 9554)).toBe(true);
    expect(o.cameras[0]!.mainUrl).toBe(`rtsp://media.local:9554/${o.cameras[0]!.id}/main`);
  });
});

describe('generateDistrict: identifiers', () => {
  const station = new Map(d.stations.map((s) => [s.id, s]));
  const site = new Map(d.sites.map((s) => [s.id, s]));
  const industry = { key_site: '02', compound: '01', village: '03', shop: '00' } as const;

  it('are unique across all entities', () => {
    const ids = [d.stations, d.sites, d.cameraSets, d.cameras, d.alarmDevices].flatMap((l) =>
      l.map((e) => e.id),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('are well-formed GB/T 28181 codes with the station number as unit', () => {
    const check = (id: string, type: string, stationId: string, kind?: keyof typeof industry) => {
      const p = parseGbId(id);
      expect(p, id).not.toBeNull();
      expect(p!.area).toBe('130903');
      expect(p!.type).toBe(type);
      expect(p!.unit).toBe(String(station.get(stationId)!.no).padStart(2, '0'));
      if (kind) expect(p!.industry).toBe(industry[kind]);
    };
    for (const s of d.stations) check(s.id, GB_TYPE.organisation, s.id);
    for (const s of d.cameraSets) check(s.id, GB_TYPE.nvr, s.stationId, site.get(s.siteId)!.kind);
    for (const c of d.cameras) check(c.id, GB_TYPE.ipc, c.stationId, site.get(c.siteId)!.kind);
    for (const a of d.alarmDevices) check(a.id, GB_TYPE.alarmInput, a.stationId, site.get(a.siteId)!.kind);
  });

  it('gives sites readable ids by kind', () => {
    expect(d.sites.find((s) => s.kind === 'key_site')!.id).toBe('S-K-001');
    expect(d.sites.find((s) => s.kind === 'shop')!.id).toBe('S-S-0001');
    expect(d.sites.every((s) => /^S-[KCVS]-\d{3,4}$/.test(s.id))).toBe(true);
  });
});

describe('generateDistrict: references', () => {
  const sets = new Map(d.cameraSets.map((s) => [s.id, s]));
  const sites = new Map(d.sites.map((s) => [s.id, s]));
  const stations = new Set(d.stations.map((s) => s.id));

  it('points every device at an existing set, site and station', () => {
    for (const c of d.cameras) {
      const set = sets.get(c.setId);
      expect(set, c.id).toBeDefined();
      expect(sites.get(c.siteId)?.stationId).toBe(c.stationId);
      expect(set!.stationId).toBe(c.stationId);
    }
    for (const s of d.cameraSets) expect(sites.get(s.siteId)?.stationId).toBe(s.stationId);
    for (const a of d.alarmDevices) expect(sites.get(a.siteId)?.stationId).toBe(a.stationId);
    for (const s of d.sites) expect(stations.has(s.stationId)).toBe(true);
  });

  it('numbers channels 1..n within each set, n = cameraCount', () => {
    const channels = new Map<string, number[]>();
    for (const c of d.cameras) channels.set(c.setId, [...(channels.get(c.setId) ?? []), c.channel]);
    expect(channels.size).toBe(439);
    for (const s of d.cameraSets) {
      const list = channels.get(s.id)!;
      expect(list.length).toBe(s.cameraCount);
      expect([...list].sort((a, b) => a - b)).toEqual(Array.from({ length: list.length }, (_, i) => i + 1));
    }
  });

  it('allocates one set per key site, compound and village, the rest to shop runs', () => {
    const bySite = (k: string) => d.cameraSets.filter((s) => sites.get(s.siteId)!.kind === k).length;
    expect([bySite('key_site'), bySite('compound'), bySite('village'), bySite('shop')]).toEqual([
      25, 167, 80, 167,
    ]);
    const camerasAt = new Set(d.cameras.map((c) => c.siteId));
    expect(d.sites.every((s) => camerasAt.has(s.id))).toBe(true);
  });

  it('fills the set contacts and builds stream URLs from the set', () => {
    for (const s of d.cameraSets) {
      expect(s.ownerPhone).toMatch(/^1[358]\d{9}$/);
      expect(s.owner.length).toBeGreaterThan(1);
      expect(s.maintainer.length).toBeGreaterThan(1);
      expect(s.vendor.length).toBeGreaterThan(1);
    }
    for (const c of d.cameras.slice(0, 500)) {
      const s = sets.get(c.setId)!;
      expect({ mainUrl: c.mainUrl, subUrl: c.subUrl }).toEqual(rtspUrls(s.host, s.rtspPort, c.id));
    }
  });

  it('keeps camera parameters believable', () => {
    for (const c of d.cameras) {
      expect(c.bearing).toBeGreaterThanOrEqual(0);
      expect(c.bearing).toBeLessThan(360);
      if (c.kind !== 'ptz') {
        expect(c.fov).toBeGreaterThanOrEqual(40);
        expect(c.fov).toBeLessThanOrEqual(110);
        expect(c.range).toBeGreaterThanOrEqual(20);
        expect(c.range).toBeLessThanOrEqual(120);
      }
    }
    const share = (f: (c: (typeof d.cameras)[number]) => boolean) =>
      d.cameras.filter(f).length / d.cameras.length;
    expect(share((c) => c.kind === 'bullet')).toBeGreaterThan(0.6);
    expect(share((c) => c.kind === 'ptz')).toBeGreaterThan(0.005);
    const down = share((c) => c.status !== 'online');
    expect(down).toBeGreaterThan(0.01);
    expect(down).toBeLessThan(0.06);
    expect(new Set(d.cameras.map((c) => c.name)).size).toBe(d.cameras.length);
  });
});

describe('rtspUrls', () => {
  it('builds main and sub URLs', () => {
    expect(rtspUrls('10.0.0.5', 554, '13090301011320000001')).toEqual({
      mainUrl: 'rtsp://10.0.0.5:554/13090301011320000001/main',
      subUrl: 'rtsp://10.0.0.5:554/13090301011320000001/sub',
    });
  });
});
