import type { Camera, CameraSetView } from '@onpatrol/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distanceM } from '../src/ops/geo.js';
import { UNIT_RADIUS_M } from '../src/types.js';
import { createTestGateway, getAs, type TestGateway } from './helpers.js';

// Least privilege for a street unit (README, roles): its own orders, and the registry and live
// video only within UNIT_RADIUS_M of its open orders' places, without owners' contacts.
describe("a street unit's view of the registry", () => {
  let gw: TestGateway;
  let all: Camera[];
  let target: Camera;
  let orderId: number;
  const call = async (user: string, method: 'POST' | 'PUT', url: string, payload: object) =>
    gw.app.inject({ method, url, payload, headers: { cookie: await gw.login(user) } });
  const unit = (url: string) => getAs(gw, 'unit', url);

  beforeAll(async () => {
    gw = await createTestGateway('pglite');
    all = (await getAs(gw, 'admin', '/api/cameras?limit=10000')).json().items;
    // A camera in a dense place of another station than the unit's own car: station 3.
    const inStation3 = (await getAs(gw, 'admin', '/api/cameras?station=3&siteKind=key_site&limit=1')).json();
    target = inStation3.items[0];
  });
  afterAll(() => gw?.close());

  const near = (c: Camera) => distanceM(target.lat, target.lon, c.lat, c.lon) <= UNIT_RADIUS_M;

  it('sees no camera, set, site or alarm device while it has no open order', async () => {
    for (const list of ['cameras', 'camera-sets', 'sites', 'alarm-devices']) {
      expect((await unit(`/api/${list}?limit=10000`)).json().total, list).toBe(0);
    }
    expect((await unit('/api/cameras/bulk')).json().count).toBe(0);
    expect((await unit(`/api/cameras/${target.id}`)).statusCode).toBe(404);
    expect((await unit(`/api/cameras/${target.id}/live`)).statusCode).toBe(404);
    // What its own page needs still loads.
    for (const url of ['/api/stations', '/api/basemap', '/api/config', '/api/units/me/orders'])
      expect((await unit(url)).statusCode, url).toBe(200);
  });

  it('sees exactly the cameras within the radius of its order, and their sets without contacts', async () => {
    const report = await call('duty', 'POST', '/api/reports', {
      cameraId: target.id,
      kind: 'fight',
      note: '斗殴',
    });
    expect(report.statusCode).toBe(200);
    const send = await call('leader', 'POST', '/api/dispatch', {
      incidentId: report.json().id,
      unitIds: ['YH01-1'],
      task: 'check',
    });
    expect(send.statusCode).toBe(200);
    orderId = send.json()[0].id;

    const expected = all
      .filter(near)
      .map((c) => c.id)
      .sort();
    expect(expected.length).toBeGreaterThan(1);
    expect(expected.length).toBeLessThan(200);
    const seen = (await unit('/api/cameras?limit=10000')).json();
    expect(seen.items.map((c: Camera) => c.id).sort()).toEqual(expected);
    const bulk = (await unit('/api/cameras/bulk')).json();
    expect(bulk.rows.map((r: unknown[]) => r[0]).sort()).toEqual(expected);
    const devices = (await unit('/api/alarm-devices?limit=10000')).json().items as Camera[];
    expect(devices.every((d) => near(d))).toBe(true);

    const sets = (await unit('/api/camera-sets?limit=10000')).json().items as CameraSetView[];
    const setIds = new Set(all.filter(near).map((c) => c.setId));
    expect(new Set(sets.map((s) => s.id))).toEqual(setIds);
    const detail = await unit(`/api/cameras/${target.id}`);
    expect(detail.statusCode).toBe(200);
    const full = (await getAs(gw, 'admin', `/api/cameras/${target.id}`)).json().set as CameraSetView;
    expect(full.ownerPhone).toMatch(/^1\d{10}$/);
    for (const body of [detail.body, (await unit('/api/camera-sets?limit=10000')).body]) {
      expect(body).not.toContain(full.ownerPhone);
      expect(body).not.toContain(full.maintainerPhone);
      expect(body).not.toMatch(/ownerPhone|maintainerPhone|"owner"|"maintainer"/);
    }
    expect((await unit(`/api/cameras/${target.id}/live`)).statusCode).toBe(200);
  });

  it('refuses every camera beyond the radius: detail, live video, wall layouts', async () => {
    const far = all.find((c) => distanceM(target.lat, target.lon, c.lat, c.lon) > UNIT_RADIUS_M * 1.5)!;
    const justOutside = all
      .filter((c) => !near(c))
      .sort(
        (a, b) =>
          distanceM(target.lat, target.lon, a.lat, a.lon) - distanceM(target.lat, target.lon, b.lat, b.lon),
      )[0]!;
    for (const c of [far, justOutside]) {
      expect((await unit(`/api/cameras/${c.id}`)).statusCode, c.id).toBe(404);
      expect((await unit(`/api/cameras/${c.id}/live`)).statusCode, c.id).toBe(404);
    }
    const layout = await call('unit', 'PUT', '/api/me/layouts/far', {
      layout: 4,
      cameras: [target.id, far.id],
    });
    expect(layout.statusCode).toBe(400);
    expect(
      (await call('unit', 'PUT', '/api/me/layouts/near', { layout: 1, cameras: [target.id] })).statusCode,
    ).toBe(200);
    // No exports, no statistics.
    for (const url of ['/api/export/cameras.csv', '/api/export/registry.geojson', '/api/stats'])
      expect((await unit(url)).statusCode, url).toBe(403);
  });

  it('sees only its own orders and its own unit', async () => {
    const other = await call('duty', 'POST', '/api/reports', {
      cameraId: all[0]!.id,
      kind: 'theft',
      note: '',
    });
    await call('leader', 'POST', '/api/dispatch', {
      incidentId: other.json().id,
      unitIds: ['YH05-2'],
      task: 'check',
    });
    const orders = (await unit('/api/orders')).json();
    expect(orders.map((o: { unitId: string }) => o.unitId)).toEqual(['YH01-1']);
    expect((await unit('/api/units')).json().map((u: { id: string }) => u.id)).toEqual(['YH01-1']);
    expect((await getAs(gw, 'leader', '/api/orders')).json().length).toBeGreaterThan(1);
  });

  it('loses the view when its order is done', async () => {
    for (const status of ['accepted', 'en_route', 'on_scene'] as const) {
      expect((await call('unit', 'POST', `/api/orders/${orderId}`, { status })).statusCode).toBe(200);
    }
    const done = await call('unit', 'POST', `/api/orders/${orderId}`, {
      status: 'done',
      outcome: 'clue_found',
    });
    expect(done.statusCode).toBe(200);
    expect((await unit('/api/cameras?limit=1')).json().total).toBe(0);
    expect((await unit(`/api/cameras/${target.id}`)).statusCode).toBe(404);
    // The command centre still sees the whole district.
    expect((await getAs(gw, 'duty', '/api/cameras?limit=1')).json().total).toBe(5999);
  });
});
