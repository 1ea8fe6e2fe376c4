import { type Camera, type Permission, type Role, roleHas } from '@onpatrol/contracts';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, getAs, TEST_PASSWORD, type TestGateway } from './helpers.js';

// The authorization matrix is generated from the gateway's own route table: every role × every
// /api route, with IDs from the user's own station and from another one. A new route without a
// sample request below fails this test, so nothing is added unchecked.
const USERS: Record<Role, string> = {
  admin: 'admin',
  shift_leader: 'leader',
  duty_officer: 'duty',
  street_unit: 'unit',
  station_chief: 'chief1',
  community_officer: 'community1',
};

interface Sample {
  /** The request for IDs of station `no`. */
  request(no: 1 | 2): InjectOptions;
  /** True when the route reads a record of one station (so another station's ID must 404). */
  stationBound?: boolean;
  /** A device endpoint: public to the session guard, but refused without a device signature. */
  device?: boolean;
}

describe('authorization matrix', () => {
  let gw: TestGateway;
  const cam: Record<1 | 2, Camera> = {} as Record<1 | 2, Camera>;
  const samples = new Map<string, Sample>();

  beforeAll(async () => {
    gw = await createTestGateway('pglite');
    for (const no of [1, 2] as const)
      cam[no] = (await getAs(gw, 'admin', `/api/cameras?station=${no}&limit=1`)).json().items[0];
    const get = (url: string) => ({ request: () => ({ method: 'GET' as const, url }) });
    samples.set('GET /api/health', get('/api/health'));
    samples.set('GET /api/config', get('/api/config'));
    samples.set('GET /api/auth/me', get('/api/auth/me'));
    samples.set('POST /api/auth/login', {
      request: () => ({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'duty', password: TEST_PASSWORD },
      }),
    });
    samples.set('POST /api/auth/logout', { request: () => ({ method: 'POST', url: '/api/auth/logout' }) });
    for (const list of [
      'stations',
      'sites',
      'camera-sets',
      'cameras',
      'alarm-devices',
      'basemap',
      'cameras/bulk',
      'audit',
    ]) {
      samples.set(`GET /api/${list}`, get(`/api/${list}`));
    }
    samples.set('GET /api/cameras/:id', {
      request: (no) => ({ method: 'GET', url: `/api/cameras/${cam[no].id}` }),
      stationBound: true,
    });
    samples.set('GET /api/cameras/:id/live', {
      request: (no) => ({ method: 'GET', url: `/api/cameras/${cam[no].id}/live` }),
      stationBound: true,
    });
    samples.set('GET /api/export/cameras.csv', get('/api/export/cameras.csv'));
    samples.set('GET /api/export/registry.geojson', get('/api/export/registry.geojson'));
    samples.set('GET /api/audit/export.csv', get('/api/audit/export.csv'));
    samples.set('GET /api/audit/verify', get('/api/audit/verify'));
    samples.set('GET /api/users', get('/api/users'));
    samples.set('POST /api/users', {
      request: () => ({ method: 'POST', url: '/api/users', payload: { username: 'x' } }),
    });
    samples.set('PATCH /api/users/:username', {
      request: () => ({
        method: 'PATCH',
        url: '/api/users/community6',
        payload: { displayName: '社区民警（6所）' },
      }),
    });
    // Operational fixtures: an alarm, an incident per station and an order for the demo unit.
    const devices = (await getAs(gw, 'admin', '/api/alarm-devices?station=1&limit=1')).json().items;
    const alarm = await gw.app.ops.intake.submit(devices[0].id, { kind: 'intrusion' });
    const duty = { username: 'duty', role: 'duty_officer', stationId: null, unitId: null };
    const incident: Record<1 | 2, number> = { 1: 0, 2: 0 };
    for (const no of [1, 2] as const) {
      incident[no] = (
        await gw.app.ops.incidents.report(duty, { cameraId: cam[no].id, kind: 'other', note: 'matrix' })
      ).id;
    }
    const leader = { username: 'leader', role: 'shift_leader', stationId: null, unitId: null };
    const [order] = await gw.app.ops.dispatch.send(leader, {
      incidentId: incident[1],
      unitIds: ['YH01-1'],
      task: 'check',
    });
    const post = (url: string, payload?: object) => ({
      request: () => ({ method: 'POST' as const, url, payload }),
    });
    samples.set('POST /api/alarms/:id/ack', post(`/api/alarms/${alarm.alarmId}/ack`));
    samples.set(
      'POST /api/alarms/:id/dismiss',
      post(`/api/alarms/${alarm.alarmId}/dismiss`, { reason: 'matrix test' }),
    );
    samples.set('POST /api/alarms/:id/escalate', post(`/api/alarms/${alarm.alarmId}/escalate`, {}));
    samples.set('GET /api/alarms', get('/api/alarms'));
    samples.set('GET /api/incidents', get('/api/incidents'));
    for (const url of ['/api/incidents/:id', '/api/incidents/:id/units']) {
      samples.set(`GET ${url}`, {
        request: (no) => ({ method: 'GET', url: url.replace(':id', String(incident[no])) }),
        stationBound: true,
      });
    }
    samples.set('GET /api/units', get('/api/units'));
    samples.set('GET /api/orders', get('/api/orders'));
    samples.set(
      'POST /api/reports',
      post('/api/reports', { cameraId: cam[1].id, kind: 'fight', note: 'matrix' }),
    );
    samples.set(
      'POST /api/dispatch',
      post('/api/dispatch', { incidentId: incident[1], unitIds: ['YH05-2'], task: 'check' }),
    );
    samples.set('POST /api/orders/:id', post(`/api/orders/${order!.id}`, { status: 'accepted' }));
    samples.set('GET /api/units/me/orders', get('/api/units/me/orders'));
    samples.set('POST /api/units/me/position', post('/api/units/me/position', { lat: 38.3, lon: 116.85 }));
    samples.set('GET /api/stats', get('/api/stats'));
    samples.set('GET /api/stats.csv', get('/api/stats.csv'));
    samples.set('GET /api/device/refusals', get('/api/device/refusals'));
    for (const url of ['/api/device/alarms', '/api/device/units/position', '/api/device/units/orders/:id']) {
      samples.set(`POST ${url}`, { ...post(url.replace(':id', '1'), { kind: 'intrusion' }), device: true });
    }
    samples.set('GET /api/device/units/orders', { ...get('/api/device/units/orders'), device: true });
    samples.set('POST /api/patrol-log', post('/api/patrol-log', { entries: [] }));
    samples.set('GET /api/patrol-log', get('/api/patrol-log'));
    // Saved views: each role's PUT runs before its DELETE (route order), so the DELETE finds the view.
    samples.set('GET /api/me/layouts', get('/api/me/layouts'));
    samples.set('PUT /api/me/layouts/:name', {
      request: () => ({
        method: 'PUT',
        url: '/api/me/layouts/matrix',
        payload: { layout: 4, cameras: [cam[1].id] },
      }),
    });
    samples.set('DELETE /api/me/layouts/:name', {
      request: () => ({ method: 'DELETE', url: '/api/me/layouts/matrix' }),
    });
    samples.set('GET /api/me/tours', get('/api/me/tours'));
    samples.set('PUT /api/me/tours/:name', {
      request: () => ({
        method: 'PUT',
        url: '/api/me/tours/matrix',
        payload: { cameraIds: [cam[1].id], dwellSec: 10 },
      }),
    });
    samples.set('DELETE /api/me/tours/:name', {
      request: () => ({ method: 'DELETE', url: '/api/me/tours/matrix' }),
    });
    samples.set('POST /api/import/cameras', {
      request: () => ({
        method: 'POST',
        url: '/api/import/cameras',
        headers: { 'content-type': 'text/csv' },
        payload: 'id\n',
      }),
    });
  });
  afterAll(() => gw?.close());

  async function send(user: string | null, opts: InjectOptions) {
    const headers = { ...(opts.headers ?? {}) } as Record<string, string>;
    if (user) {
      // Sign-out ends the session, so it gets a session of its own.
      const res = await gw.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: user, password: TEST_PASSWORD },
      });
      headers.cookie = `op_session=${res.cookies.find((c) => c.name === 'op_session')!.value}`;
    }
    return gw.app.inject({ ...opts, headers });
  }

  it('has a sample request for every route', () => {
    const missing = gw.app.apiRoutes.map((r) => `${r.method} ${r.url}`).filter((k) => !samples.has(k));
    expect(missing).toEqual([]);
    expect(gw.app.apiRoutes.length).toBeGreaterThan(15);
  });

  it('refuses every non-public route without a session', async () => {
    for (const route of gw.app.apiRoutes) {
      const sample = samples.get(`${route.method} ${route.url}`)!;
      const res = await send(null, sample.request(1));
      if (sample.device) expect(res.statusCode, `${route.url} unsigned`).toBe(401);
      else if (route.public) expect(res.statusCode, route.url).toBeLessThan(400);
      else expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  for (const role of Object.keys(USERS) as Role[]) {
    it(`gives ${role} exactly what its permissions and jurisdiction allow`, async () => {
      const user = USERS[role];
      const stationScoped = role === 'station_chief' || role === 'community_officer';
      for (const route of gw.app.apiRoutes) {
        const sample = samples.get(`${route.method} ${route.url}`)!;
        const label = `${role} ${route.method} ${route.url}`;
        const own = await send(user, sample.request(1));
        if (sample.device) {
          // A session is no device signature.
          expect(own.statusCode, label).toBe(401);
          continue;
        }
        if (route.permission && !roleHas(role, route.permission as Permission)) {
          expect(own.statusCode, label).toBe(403);
          continue;
        }
        expect([401, 403, 404, 500], `${label} -> ${own.statusCode} ${own.body.slice(0, 200)}`).not.toContain(
          own.statusCode,
        );
        if (sample.stationBound) {
          const other = await send(user, sample.request(2));
          if (stationScoped) expect(other.statusCode, `${label} (other station)`).toBe(404);
          else expect([401, 403, 404, 500], `${label} (other station)`).not.toContain(other.statusCode);
        }
      }
    });
  }
});
