import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Camera, type Permission, type Role, roleHas } from '@onpatrol/contracts';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { RouteEntry } from '../src/auth/access.js';
import { createTestGateway, getAs, TEST_PASSWORD, type TestGateway } from './helpers.js';

// Shared by the generated authorization suites (authz-matrix, authz-spelling): one gateway with
// a built web app, one sample request per route in the gateway's own route table, and the
// status each caller must get from the access rules. A route without a sample fails both suites.

/** The demo account of each role. */
export const USERS: Record<Role, string> = {
  admin: 'admin',
  shift_leader: 'leader',
  duty_officer: 'duty',
  street_unit: 'unit',
  station_chief: 'chief1',
  community_officer: 'community1',
};
export const ROLES = Object.keys(USERS) as Role[];
/** null: no session at all. */
export type Caller = Role | null;
export const CALLERS: Caller[] = [null, ...ROLES];

export interface Sample {
  /** The request for IDs of station `no`. */
  request(no: 1 | 2): InjectOptions;
  /** True when the route reads a record of one station (so another station's ID must 404). */
  stationBound?: boolean;
}

export const routeKey = (r: Pick<RouteEntry, 'method' | 'url'>) => `${r.method} ${r.url}`;

/** The files of the stand-in web build: the gateway registers one route per file. */
const WEB_FILES = { 'index.html': '<!doctype html><title>网上巡控</title>', 'assets/app.js': 'void 0;' };

/**
 * A gateway with a built web app, so its static routes are in the route table too. `small`: the
 * registry cut to a few cameras and alarm devices per station (nothing the access rules decide
 * depends on its size; exports of the whole district, sent in dozens of spellings, would cost
 * minutes).
 */
export async function createAuthzGateway(
  beforeReady?: (app: FastifyInstance) => void,
  small = false,
): Promise<TestGateway> {
  const web = mkdtempSync(path.join(tmpdir(), 'onpatrol-web-'));
  for (const [file, text] of Object.entries(WEB_FILES)) {
    mkdirSync(path.dirname(path.join(web, file)), { recursive: true });
    writeFileSync(path.join(web, file), text);
  }
  const gw = await createTestGateway('pglite', { WEB_DIST: web }, { beforeReady });
  if (small) {
    for (const table of ['cameras', 'alarm_devices']) {
      await gw.db.query(
        `DELETE FROM ${table} t WHERE (SELECT count(*) FROM ${table} o WHERE o.station_id = t.station_id AND o.id < t.id) >= 5`,
      );
    }
    await gw.db.query('UPDATE registry_meta SET version = version + 1');
  }
  return {
    ...gw,
    async close() {
      await gw.close();
      rmSync(web, { recursive: true, force: true });
    },
  };
}

/**
 * The status the access rules alone give `caller` on `route`, or null when the caller passes
 * them and the handler decides. Device samples carry no signature and media samples a forged
 * one, so those routes refuse every caller.
 */
export function expectedDenial(route: RouteEntry, caller: Caller): number | null {
  switch (route.access) {
    case 'public':
      return null;
    case 'device':
      return 401;
    case 'media':
      return caller === null ? 401 : 403;
    case 'permission':
      if (caller === null) return 401;
      return roleHas(caller, route.permission as Permission) ? null : 403;
  }
}

/** Sessions per role, reused; sign-out gets a session of its own each time. */
export class Callers {
  private readonly cookies = new Map<Role, string>();
  constructor(private readonly gw: TestGateway) {}

  private async signIn(role: Role): Promise<string> {
    const res = await this.gw.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: USERS[role], password: TEST_PASSWORD },
    });
    const c = res.cookies.find((x) => x.name === 'op_session');
    if (!c) throw new Error(`sign-in of ${role} failed: ${res.statusCode} ${res.body}`);
    return `op_session=${c.value}`;
  }

  /** The session cookie header of a role (fresh: a new session, not kept). */
  async cookie(role: Role, fresh = false): Promise<string> {
    let cookie = fresh ? undefined : this.cookies.get(role);
    if (!cookie) {
      cookie = await this.signIn(role);
      if (!fresh) this.cookies.set(role, cookie);
    }
    return cookie;
  }

  async send(caller: Caller, opts: InjectOptions, fresh = false): Promise<LightMyRequestResponse> {
    const headers = { ...(opts.headers ?? {}) } as Record<string, string>;
    if (caller) headers.cookie = await this.cookie(caller, fresh);
    return this.gw.app.inject({ ...opts, headers });
  }
}

/** Whether a request to this route ends the caller's session (it then needs a fresh one). */
export const endsSession = (route: RouteEntry) => route.url === '/api/auth/logout';

/** The sample of a route; HEAD routes use their GET route's sample. */
export function sampleOf(samples: Map<string, Sample>, route: RouteEntry): Sample | undefined {
  const own = samples.get(routeKey(route));
  if (own || route.method !== 'HEAD') return own;
  const get = samples.get(routeKey({ method: 'GET', url: route.url }));
  return get && { ...get, request: (no) => ({ ...get.request(no), method: 'HEAD' }) };
}

/** One sample request per route of the gateway (with fixtures: an alarm, incidents, an order). */
export async function buildSamples(gw: TestGateway): Promise<Map<string, Sample>> {
  const samples = new Map<string, Sample>();
  const cam = {} as Record<1 | 2, Camera>;
  for (const no of [1, 2] as const)
    cam[no] = (await getAs(gw, 'admin', `/api/cameras?station=${no}&limit=1`)).json().items[0];
  const get = (url: string): Sample => ({ request: () => ({ method: 'GET', url }) });
  const post = (url: string, payload?: object): Sample => ({
    request: () => ({ method: 'POST', url, payload }),
  });

  // The web app's files and the API docs: public pages without parameters.
  for (const r of gw.app.routeTable) {
    if (r.access === 'public' && !r.url.startsWith('/api/') && !/[:*]/.test(r.url))
      samples.set(routeKey(r), { request: () => ({ method: r.method as 'GET' | 'HEAD', url: r.url }) });
  }
  samples.set('GET /docs/static/*', get('/docs/static/index.css'));

  samples.set('GET /api/health', get('/api/health'));
  samples.set('GET /api/config', get('/api/config'));
  samples.set('GET /api/auth/me', get('/api/auth/me'));
  samples.set('POST /api/auth/login', post('/api/auth/login', { username: 'duty', password: TEST_PASSWORD }));
  samples.set('POST /api/auth/logout', post('/api/auth/logout'));
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
  // A forged signature: the route must refuse it to everyone (401 without a session, else 403).
  samples.set(
    'GET /media/hls/:cameraId/:stream/:file',
    get(`/media/hls/${cam[1].id}/sub/index.m3u8?exp=9999999999&sig=${'0'.repeat(43)}`),
  );
  samples.set('GET /api/export/cameras.csv', get('/api/export/cameras.csv'));
  samples.set('GET /api/export/registry.geojson', get('/api/export/registry.geojson'));
  samples.set('GET /api/audit/export.csv', get('/api/audit/export.csv'));
  samples.set('GET /api/audit/verify', get('/api/audit/verify'));
  samples.set('GET /api/users', get('/api/users'));
  samples.set('POST /api/users', post('/api/users', { username: 'x' }));
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
    samples.set(`POST ${url}`, post(url.replace(':id', '1'), { kind: 'intrusion' }));
  }
  samples.set('GET /api/device/units/orders', get('/api/device/units/orders'));
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
  return samples;
}
