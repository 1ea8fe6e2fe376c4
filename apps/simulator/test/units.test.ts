import { describe, expect, it } from 'vitest';
import { unitSpecs } from '../src/ops/district.js';
import { type DeviceRequest, GatewayUnreachable } from '../src/ops/gatewayClient.js';
import { distanceM } from '../src/ops/geo.js';
import { sleep, until } from './helpers.js';
import { startOpsSim, testDistrict } from './opsHelpers.js';

const POSITION = '/api/device/units/position';

describe('street units against a gateway', () => {
  it('drives every unit but the excluded one, each signed as its own terminal', async () => {
    const t = await startOpsSim({ units: { enabled: true, positionSeconds: 1 } });
    try {
      const all = unitSpecs(testDistrict().stations).map((u) => u.id);
      await until(
        'a position from every driven unit',
        () => new Set(t.gw.of(POSITION).map((r) => r.deviceId)).size >= 23,
      );
      const seen = new Set(t.gw.requests.map((r) => r.deviceId));
      expect(seen.has('YH01-1')).toBe(false);
      expect([...seen].sort()).toEqual(all.filter((id) => id !== 'YH01-1').sort());
      expect(t.gw.requests.every((r) => r.status < 400)).toBe(true);
      const units = (await t.sim.control('GET', '/units')).body;
      expect(units.excluded).toEqual(['YH01-1']);
      expect(units.units).toHaveLength(23);
      expect((await t.sim.control('POST', '/units/YH01-1/pause')).status).toBe(409);
      expect((await t.sim.control('GET', '/units/YH09-1')).status).toBe(404);
      expect((await t.sim.control('GET', '/units/yh 1')).status).toBe(400);
    } finally {
      await t.close();
    }
  });

  it('takes an order through accepted, en route, on scene and done, then patrols on', async () => {
    // 100x: a 3-10 s acceptance takes 30-100 ms, a 20-60 s stay 0.2-0.6 s.
    const t = await startOpsSim({
      units: { enabled: true, only: ['YH01-1', 'YH03-1'], timeScale: 100, tickMs: 20 },
    });
    try {
      const d = testDistrict();
      const station = d.stations[2]!;
      // An alarm point of the station roughly a kilometre away.
      const device = d.alarmDevices
        .filter((a) => a.stationId === station.id)
        .sort((a, b) => Math.abs(distanceM(a, station) - 1000) - Math.abs(distanceM(b, station) - 1000))[0]!;
      await until('a first position', () => t.gw.of(POSITION).some((r) => r.deviceId === 'YH03-1'));
      const order = t.gw.addOrder('YH03-1', {
        lat: device.lat,
        lon: device.lon,
        place: device.name,
        kind: 'alarm',
        note: '',
      });
      await until('the order to be done', () => order.status === 'done', 30_000);
      expect(order.answers.map((a) => a.status)).toEqual(['accepted', 'en_route', 'on_scene', 'done']);
      const [, enRoute, onScene, done] = order.answers;
      // The last position before on scene is at the alarm point (off the street by at most its setback).
      const before = t.gw
        .of(POSITION)
        .filter((r) => r.deviceId === 'YH03-1' && r.at <= onScene!.at)
        .at(-1)!.body as { lat: number; lon: number };
      expect(distanceM(before, device)).toBeLessThan(100);
      expect(onScene!.at).toBeGreaterThan(enRoute!.at);
      expect(done!.body.outcome).toBeTypeOf('string');
      expect(t.gw.requests.some((r) => r.deviceId === 'YH01-1')).toBe(false);
      const state = (await t.sim.control('GET', '/units/YH03-1')).body;
      expect(state).toMatchObject({ id: 'YH03-1', phase: 'patrol', order: null, counts: { ordersDone: 1 } });
    } finally {
      await t.close();
    }
  });

  it('pause stops a unit where it is; resume moves it again', async () => {
    const t = await startOpsSim({ units: { enabled: true, only: ['YH04-2'], timeScale: 20, tickMs: 20 } });
    try {
      await until('a position', () => t.gw.of(POSITION).length > 0);
      const paused = (await t.sim.control('POST', '/units/YH04-2/pause')).body;
      expect(paused).toMatchObject({ id: 'YH04-2', paused: true });
      await sleep(100); // a report sent before the pause may still be on its way
      const n = t.gw.of(POSITION).length;
      await sleep(400);
      const during = t.gw.of(POSITION).slice(n);
      // Still reporting (the terminal is on), always the same point.
      expect(during.length).toBeGreaterThan(1);
      expect(new Set(during.map((r) => JSON.stringify(r.body))).size).toBe(1);
      expect((await t.sim.control('POST', '/units/YH04-2/resume')).body.paused).toBe(false);
      await until('a new position', () => {
        const last = t.gw.of(POSITION).at(-1)!;
        return JSON.stringify(last.body) !== JSON.stringify(during[0]!.body);
      });
    } finally {
      await t.close();
    }
  });

  it('keeps moving and backs off while the gateway is down', async () => {
    const tried: DeviceRequest[] = [];
    const transport = {
      async send(req: DeviceRequest): Promise<never> {
        tried.push(req);
        throw new GatewayUnreachable('gateway http://127.0.0.1:9 unreachable: ECONNREFUSED');
      },
    };
    const t = await startOpsSim({
      transport,
      units: { enabled: true, only: ['YH05-1'], timeScale: 10, tickMs: 20 },
    });
    try {
      await until('a first attempt', () => tried.length > 0);
      const first = (await t.sim.control('GET', '/units/YH05-1')).body;
      await sleep(1500);
      const later = (await t.sim.control('GET', '/units/YH05-1')).body;
      // Without backoff: a position every 0.3 s and a poll every 0.2 s; with it: 1 s, then 2 s.
      expect(tried.length).toBeLessThanOrEqual(3);
      expect(later.lastError.message).toMatch(/unreachable/);
      expect(distanceM(first, later)).toBeGreaterThan(10);
    } finally {
      await t.close();
    }
  });
});
