import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildSamples,
  Callers,
  createAuthzGateway,
  endsSession,
  expectedDenial,
  ROLES,
  routeKey,
  type Sample,
  sampleOf,
} from './authz-fixtures.js';
import type { TestGateway } from './helpers.js';

// The authorization matrix is generated from the gateway's own route table (every route the
// router can reach: API, media, docs, the web app's files): every caller × every route, with IDs
// from the user's own station and from another one. A new route without a sample in
// authz-fixtures.ts fails this test, so nothing is added unchecked.
describe('authorization matrix', () => {
  let gw: TestGateway;
  let samples: Map<string, Sample>;
  let callers: Callers;

  beforeAll(async () => {
    gw = await createAuthzGateway();
    samples = await buildSamples(gw);
    callers = new Callers(gw);
  });
  afterAll(() => gw?.close());

  it('has a sample request for every route, and the route table covers the whole app', () => {
    const missing = gw.app.routeTable.filter((r) => !sampleOf(samples, r)).map(routeKey);
    expect(missing).toEqual([]);
    const urls = new Set(gw.app.routeTable.map((r) => r.url));
    for (const url of [
      '/api/users',
      '/media/hls/:cameraId/:stream/:file',
      '/docs',
      '/',
      '/unit',
      '/assets/app.js',
    ])
      expect(urls, url).toContain(url);
  });

  it('refuses every non-public route without a session', async () => {
    for (const route of gw.app.routeTable) {
      const res = await callers.send(null, sampleOf(samples, route)!.request(1));
      const label = `${routeKey(route)} -> ${res.statusCode} ${res.body.slice(0, 120)}`;
      const denial = expectedDenial(route, null);
      if (denial) expect(res.statusCode, label).toBe(denial);
      else expect(res.statusCode, label).toBeLessThan(400);
    }
  });

  for (const role of ROLES) {
    it(`gives ${role} exactly what its permissions and jurisdiction allow`, async () => {
      // Station staff see their station; a street unit what is near its open orders (the
      // fixtures send it to station 1's camera): another station's record is "not found".
      const stationScoped =
        role === 'station_chief' || role === 'community_officer' || role === 'street_unit';
      for (const route of gw.app.routeTable) {
        const sample = sampleOf(samples, route)!;
        const label = `${role} ${routeKey(route)}`;
        const own = await callers.send(role, sample.request(1), endsSession(route));
        const denial = expectedDenial(route, role);
        if (denial) {
          expect(own.statusCode, `${label} -> ${own.body.slice(0, 120)}`).toBe(denial);
          continue;
        }
        expect([401, 403, 404, 500], `${label} -> ${own.statusCode} ${own.body.slice(0, 200)}`).not.toContain(
          own.statusCode,
        );
        if (sample.stationBound) {
          const other = await callers.send(role, sample.request(2));
          if (stationScoped) expect(other.statusCode, `${label} (other station)`).toBe(404);
          else expect([401, 403, 404, 500], `${label} (other station)`).not.toContain(other.statusCode);
        }
      }
    });
  }
});
