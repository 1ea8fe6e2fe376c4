import { gunzipSync } from 'node:zlib';
import {
  type Camera,
  type CameraBulk,
  type CameraDetail,
  decodeCameraBulk,
  type PageOf,
  type Station,
} from '@onpatrol/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type DbKind, getAs, TEST_PASSWORD, type TestGateway } from './helpers.js';

// The same route suite runs on the embedded default and on the real PostgreSQL server.
describe.each<DbKind>(['pglite', 'postgres'])('gateway routes on %s', (kind) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await createTestGateway(kind);
  });
  afterAll(() => gw?.close());

  it('answers health without a session', async () => {
    const res = await gw.app.inject('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: kind });
  });

  it('refuses the registry without a session', async () => {
    const res = await gw.app.inject('/api/cameras');
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toMatch(/sign-in/);
  });

  it('signs in with the demo password and refuses a wrong one', async () => {
    const ok = await gw.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'leader', password: TEST_PASSWORD },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ username: 'leader', role: 'shift_leader', stationId: null });
    const cookie = ok.cookies.find((c) => c.name === 'op_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const bad = await gw.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'leader', password: 'nope' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().rule).toBe('login-failed');
    const unknown = await gw.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'ghost', password: 'x' },
    });
    expect(unknown.statusCode).toBe(401);
  });

  it('names the field when a body is invalid', async () => {
    const res = await gw.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'leader' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'password' });
    expect(res.json().message).toContain('password');
  });

  it('lists the 8 stations with jurisdiction polygons', async () => {
    const res = await getAs(gw, 'duty', '/api/stations');
    const stations = res.json() as Station[];
    expect(stations.map((s) => s.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const s of stations) expect(s.polygon.length).toBeGreaterThanOrEqual(3);
  });

  it('counts sites by kind with the customer figures', async () => {
    const counts: Record<string, number> = {};
    for (const k of ['key_site', 'compound', 'village', 'shop']) {
      counts[k] = (await getAs(gw, 'duty', `/api/sites?kind=${k}&limit=1`)).json().total;
    }
    expect(counts).toEqual({ key_site: 25, compound: 167, village: 80, shop: 981 });
  });

  it('lists camera sets with owner contact and camera count', async () => {
    const res = await getAs(gw, 'duty', '/api/camera-sets?limit=10000');
    const page = res.json();
    expect(page.total).toBe(439);
    const sum = page.items.reduce((n: number, s: { cameraCount: number }) => n + s.cameraCount, 0);
    expect(sum).toBe(5999);
    expect(page.items[0].owner).toBeTruthy();
    expect(page.items[0].maintainerPhone).toMatch(/^1[0-9]{10}$/);
  });

  it('filters and pages cameras', async () => {
    const all = (await getAs(gw, 'duty', '/api/cameras?limit=2')).json() as PageOf<Camera>;
    expect(all.total).toBe(5999);
    expect(all.items).toHaveLength(2);
    const ptz = (await getAs(gw, 'duty', '/api/cameras?kind=ptz&limit=10000')).json() as PageOf<Camera>;
    expect(ptz.total).toBeGreaterThan(0);
    expect(ptz.items.every((c) => c.kind === 'ptz')).toBe(true);
    const st3 = (await getAs(gw, 'duty', '/api/cameras?station=3&limit=10000')).json() as PageOf<Camera>;
    expect(st3.items.every((c) => c.stationId === st3.items[0]!.stationId)).toBe(true);
    const byId = (await getAs(gw, 'duty', `/api/cameras?station=${st3.items[0]!.stationId}&limit=1`)).json();
    expect(byId.total).toBe(st3.total);
    const next = (await getAs(gw, 'duty', '/api/cameras?limit=2&offset=2')).json() as PageOf<Camera>;
    expect(next.items[0]!.id > all.items[1]!.id).toBe(true);
    const shops = (await getAs(gw, 'duty', '/api/cameras?siteKind=shop&limit=1')).json();
    expect(shops.total).toBeGreaterThan(900);
  });

  it('searches cameras by name and by ID', async () => {
    const byName = (
      await getAs(gw, 'duty', `/api/cameras?q=${encodeURIComponent('南湖广场')}`)
    ).json() as PageOf<Camera>;
    expect(byName.total).toBeGreaterThan(0);
    expect(byName.items.every((c) => c.name.includes('南湖广场'))).toBe(true);
    const one = byName.items[0]!;
    const byId = (await getAs(gw, 'duty', `/api/cameras?q=${one.id}`)).json() as PageOf<Camera>;
    expect(byId.items.map((c) => c.id)).toEqual([one.id]);
    const wild = (await getAs(gw, 'duty', `/api/cameras?q=${encodeURIComponent('%')}`)).json();
    expect(wild.total).toBe(0);
  });

  it('returns all 5,999 cameras in one compact, gzip-able bulk response with an ETag', async () => {
    const cookie = await gw.login('duty');
    const res = await gw.app.inject({
      url: '/api/cameras/bulk',
      headers: { cookie, 'accept-encoding': 'gzip' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    const bulk = JSON.parse(gunzipSync(res.rawPayload).toString()) as CameraBulk;
    expect(bulk.count).toBe(5999);
    const cams = decodeCameraBulk(bulk);
    expect(new Set(cams.map((c) => c.id)).size).toBe(5999);
    expect(cams[0]).toMatchObject({
      kind: expect.stringMatching(/bullet|dome|ptz/),
      stationId: expect.stringMatching(/^\d{20}$/),
    });
    const again = await gw.app.inject({
      url: '/api/cameras/bulk',
      headers: { cookie, 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    const plain = await gw.app.inject({ url: '/api/cameras/bulk', headers: { cookie } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.json().count).toBe(5999);
  });

  it('shows camera detail with its set, site and station', async () => {
    const first = (await getAs(gw, 'duty', '/api/cameras?limit=1')).json().items[0] as Camera;
    const res = await getAs(gw, 'duty', `/api/cameras/${first.id}`);
    expect(res.statusCode).toBe(200);
    const d = res.json() as CameraDetail;
    expect(d.camera.id).toBe(first.id);
    expect(d.set.id).toBe(first.setId);
    expect(d.site.id).toBe(first.siteId);
    expect(d.station.id).toBe(first.stationId);
    expect(d.camera.mainUrl).toMatch(/^rtsp:\/\//);
    expect((await getAs(gw, 'duty', '/api/cameras/13090399132099999999')).statusCode).toBe(404);
    const malformed = await getAs(gw, 'duty', '/api/cameras/constructor');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().field).toBe('id');
  });

  it('lists the 1,186 alarm devices and serves the offline basemap', async () => {
    const alarms = (await getAs(gw, 'duty', '/api/alarm-devices?limit=10000')).json();
    expect(alarms.total).toBe(1186);
    expect(alarms.items).toHaveLength(1186);
    const basemap = (await getAs(gw, 'duty', '/api/basemap')).json();
    expect(basemap.outline.length).toBeGreaterThan(3);
    expect(basemap.streets.length).toBeGreaterThan(10);
  });

  it('rejects unknown query parameters and bad enum values by name', async () => {
    const res = await getAs(gw, 'duty', '/api/cameras?kind=tank');
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('kind');
    const extra = await getAs(gw, 'duty', '/api/cameras?evil=1');
    expect(extra.statusCode).toBe(400);
    expect(extra.json().field).toBe('evil');
  });

  it('publishes OpenAPI docs', async () => {
    const res = await gw.app.inject('/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/cameras', '/api/cameras/{id}', '/api/stations']),
    );
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await getAs(gw, 'duty', '/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toContain('/api/nothing-here');
  });
});
