import type { Camera, PageOf, Station } from '@onpatrol/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, getAs, type TestGateway } from './helpers.js';

// Station staff see their own jurisdiction; the command centre sees all. Checked on the server.
describe('role and jurisdiction scoping', () => {
  let gw: TestGateway;
  let stations: Station[];
  beforeAll(async () => {
    gw = await createTestGateway('pglite');
    stations = (await getAs(gw, 'admin', '/api/stations')).json();
  });
  afterAll(() => gw?.close());

  const station = (no: number) => stations.find((s) => s.no === no)!;

  it('gives a station chief only their station', async () => {
    const mine = (await getAs(gw, 'chief1', '/api/stations')).json() as Station[];
    expect(mine.map((s) => s.no)).toEqual([1]);
    const cams = (await getAs(gw, 'chief1', '/api/cameras?limit=10000')).json() as PageOf<Camera>;
    expect(cams.total).toBeGreaterThan(0);
    expect(cams.total).toBeLessThan(5999);
    expect(cams.items.every((c) => c.stationId === station(1).id)).toBe(true);
    const bulk = (await getAs(gw, 'chief1', '/api/cameras/bulk')).json();
    expect(bulk.count).toBe(cams.total);
    const alarms = (await getAs(gw, 'community1', '/api/alarm-devices?limit=10000')).json();
    expect(alarms.items.every((a: { stationId: string }) => a.stationId === station(1).id)).toBe(true);
  });

  it("does not let a station chief read another station's camera by ID", async () => {
    const other = (await getAs(gw, 'admin', `/api/cameras?station=2&limit=1`)).json().items[0] as Camera;
    expect((await getAs(gw, 'chief2', `/api/cameras/${other.id}`)).statusCode).toBe(200);
    const res = await getAs(gw, 'chief1', `/api/cameras/${other.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(other.name);
    const filtered = (await getAs(gw, 'chief1', '/api/cameras?station=2')).json();
    expect(filtered.total).toBe(0);
    const sets = (await getAs(gw, 'chief1', `/api/camera-sets?q=${other.setId}`)).json();
    expect(sets.total).toBe(0);
  });

  it('lets the command centre see every station', async () => {
    for (const user of ['admin', 'leader', 'duty']) {
      expect((await getAs(gw, user, '/api/cameras?limit=1')).json().total).toBe(5999);
    }
  });

  it('refuses the registry export to a street unit but not to a shift leader', async () => {
    const unitCsv = await getAs(gw, 'unit', '/api/export/cameras.csv');
    expect(unitCsv.statusCode).toBe(403);
    expect(unitCsv.json().rule).toBe('registry:export');
    expect((await getAs(gw, 'unit', '/api/export/registry.geojson')).statusCode).toBe(403);
    const leaderCsv = await getAs(gw, 'leader', '/api/export/cameras.csv');
    expect(leaderCsv.statusCode).toBe(200);
    expect(leaderCsv.body.split('\r\n').filter(Boolean)).toHaveLength(6000);
  });

  it('exports only the jurisdiction of a station chief', async () => {
    const geo = (await getAs(gw, 'chief3', '/api/export/registry.geojson')).json();
    const props = geo.features.map(
      (f: { properties: { stationId?: string; id: string; layer: string } }) => f.properties,
    );
    expect(props.filter((p: { layer: string }) => p.layer === 'station')).toHaveLength(1);
    for (const p of props.filter((x: { layer: string }) => x.layer !== 'station'))
      expect(p.stationId).toBe(station(3).id);
  });

  it('refuses import to roles without the permission', async () => {
    const cookie = await gw.login('duty');
    const res = await gw.app.inject({
      method: 'POST',
      url: '/api/import/cameras',
      headers: { cookie, 'content-type': 'text/csv' },
      payload: 'id\n',
    });
    expect(res.statusCode).toBe(403);
  });

  it('ends the session on the server at sign-out', async () => {
    const login = await gw.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'chief4', password: 'test-password-1' },
    });
    const cookie = `op_session=${login.cookies.find((c) => c.name === 'op_session')!.value}`;
    expect((await gw.app.inject({ url: '/api/auth/me', headers: { cookie } })).json().stationNo).toBe(4);
    expect(
      (await gw.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode,
    ).toBe(204);
    expect((await gw.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('refuses a forged session cookie', async () => {
    const res = await gw.app.inject({ url: '/api/stations', headers: { cookie: 'op_session=forged' } });
    expect(res.statusCode).toBe(401);
  });
});
