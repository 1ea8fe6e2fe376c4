import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from './helpers.js';

// Property-based fuzzing of bodies and query strings: never a 5xx, never a crash, and nothing
// stored from a rejected request.
const nasty = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    '../../etc/passwd',
    '%2e%2e%2f',
    '-i',
    '',
    ' ',
    '\u0000',
    '1e309',
    'NaN',
  ),
  fc.integer().map(String),
  fc.double().map(String),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
);
const LIST_ROUTES = ['/api/sites', '/api/camera-sets', '/api/cameras', '/api/alarm-devices', '/api/audit'];
const KEYS = [
  'q',
  'limit',
  'offset',
  'station',
  'site',
  'set',
  'kind',
  'siteKind',
  'status',
  'actor',
  'target',
  'from',
  '__proto__',
  'constructor',
];

describe('fuzzing inputs', () => {
  let gw: TestGateway;
  let cookie: string;
  const counts = async () => {
    const [row] = await gw.db.query<{ c: number; u: number; s: number }>(
      'SELECT (SELECT count(*)::int FROM cameras) AS c, (SELECT count(*)::int FROM users) AS u, (SELECT version::int FROM registry_meta) AS s',
    );
    return row;
  };
  beforeAll(async () => {
    gw = await createTestGateway('pglite');
    cookie = await gw.login('admin');
  });
  afterAll(() => gw?.close());

  it('answers random query strings on list routes without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...LIST_ROUTES),
        fc.dictionary(fc.constantFrom(...KEYS), nasty, { maxKeys: 4 }),
        async (route, query) => {
          const qs = Object.entries(query)
            .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
            .join('&');
          const res = await gw.app.inject({ url: `${route}?${qs}`, headers: { cookie } });
          expect(res.statusCode, `${route}?${qs} -> ${res.body.slice(0, 200)}`).toBeLessThan(500);
          if (res.statusCode >= 400) expect(res.json().message).toBeTruthy();
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses numbers that overflow to Infinity (a case the fuzzer found)', async () => {
    for (const url of ['/api/sites?offset=1e309', '/api/cameras?limit=1e309', '/api/alarms/1e309/ack']) {
      const res = await gw.app.inject({
        method: url.endsWith('/ack') ? 'POST' : 'GET',
        url,
        headers: { cookie },
      });
      expect(res.statusCode, url).toBe(400);
    }
  });

  it('answers random IDs in paths without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(nasty, fc.constant('1309030100132\u000012345')), async (id) => {
        const res = await gw.app.inject({
          url: `/api/cameras/${encodeURIComponent(id)}`,
          headers: { cookie },
        });
        expect([400, 404]).toContain(res.statusCode);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses random sign-in bodies without a 5xx and creates no session or user', async () => {
    const before = await counts();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.jsonValue(), fc.record({ username: nasty, password: nasty })),
        async (body) => {
          const res = await gw.app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: JSON.stringify(body),
            headers: { 'content-type': 'application/json' },
            // A fresh address each time, so the address throttle does not answer for the handler.
            remoteAddress: `10.1.${Math.floor(n / 250) % 250}.${n++ % 250}`,
          });
          expect(res.statusCode).toBeGreaterThanOrEqual(400);
          expect(res.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
    expect(await counts()).toEqual(before);
  });

  it('rejects random spreadsheet bytes without a 5xx and stores nothing', async () => {
    const before = await counts();
    const header = 'id,name,set_id,channel,kind,lat,lon,bearing,fov,range,main_url,sub_url\n';
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)),
          fc
            .array(fc.array(nasty, { minLength: 12, maxLength: 12 }), { minLength: 1, maxLength: 5 })
            .map((rows) =>
              Buffer.from(
                header + rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n'),
              ),
            ),
        ),
        async (bytes) => {
          const res = await gw.app.inject({
            method: 'POST',
            url: '/api/import/cameras',
            payload: bytes,
            headers: { cookie, 'content-type': 'text/csv' },
          });
          expect(res.statusCode, res.body.slice(0, 300)).toBeGreaterThanOrEqual(400);
          expect(res.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 80 },
    );
    expect(await counts()).toEqual(before);
  });
});
