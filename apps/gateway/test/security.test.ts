import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, getAs, type TestGateway } from './helpers.js';

describe('security headers and error bodies', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await createTestGateway('pglite');
  });
  afterAll(() => gw?.close());

  it('sets security headers on API responses', async () => {
    const res = await getAs(gw, 'duty', '/api/stations');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
  });

  it('lets pages open WebSockets to their own host only', async () => {
    const res = await gw.app.inject({ url: '/api/health', headers: { host: 'patrol.example:8443' } });
    const connect = /connect-src ([^;]*)/.exec(String(res.headers['content-security-policy']))?.[1];
    expect(connect?.split(' ')).toEqual(["'self'", 'ws://patrol.example:8443', 'wss://patrol.example:8443']);
    // A Host header that would inject policy text is left out.
    const odd = await gw.app.inject({
      url: '/api/health',
      headers: { host: "x; script-src 'unsafe-inline'" },
    });
    expect(/connect-src ([^;]*)/.exec(String(odd.headers['content-security-policy']))?.[1]).toBe("'self'");
  });

  it('does not serve files outside the web folder', async () => {
    for (const url of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd']) {
      const res = await gw.app.inject(url);
      expect(res.body, url).not.toContain('root:');
    }
  });

  it('answers a failure with a generic 500 that leaks no stack or SQL', async () => {
    const cookie = await gw.login('duty');
    // Break the registry underneath the running gateway.
    await gw.db.query('ALTER TABLE stations RENAME TO stations_gone');
    try {
      const res = await gw.app.inject({ url: '/api/stations', headers: { cookie } });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'internal error',
      });
      expect(res.body).not.toMatch(/stations|at |\.ts/);
    } finally {
      await gw.db.query('ALTER TABLE stations_gone RENAME TO stations');
    }
  });
});
