import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS } from '../src/auth/service.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { createTestGateway, TEST_PASSWORD, type TestGateway } from './helpers.js';

// Behind a reverse proxy every connection comes from the proxy: only X-Forwarded-For from a
// configured proxy names the client, so throttling and the audit log see real clients.
describe('TRUST_PROXY', () => {
  it('is a list of addresses or CIDRs, none by default, and a bad entry is named', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1,fd00::/8,loopback' }).trustProxy).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    for (const bad of ['proxy.intra', '10.0.0.0/33', '10.0.0.1/8/1', '*', 'true']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });

  describe('on a gateway behind 10.0.0.1', () => {
    let gw: TestGateway;
    beforeAll(async () => {
      gw = await createTestGateway('pglite', { TRUST_PROXY: '10.0.0.1,192.168.7.0/24' });
    });
    afterAll(() => gw?.close());

    const login = (username: string, password: string, remoteAddress: string, forwarded?: string) =>
      gw.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password },
        remoteAddress,
        headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
      });
    const lastLoginAddress = async () =>
      (
        await gw.db.query<{ address: string }>(
          "SELECT address FROM audit_log WHERE action = 'auth.login' ORDER BY seq DESC LIMIT 1",
        )
      )[0]?.address;

    it('takes the client from X-Forwarded-For only when a trusted proxy sends it', async () => {
      expect((await login('duty', TEST_PASSWORD, '10.0.0.1', '203.0.113.7')).statusCode).toBe(200);
      expect(await lastLoginAddress()).toBe('203.0.113.7');
      expect((await login('duty', TEST_PASSWORD, '192.168.7.20', '203.0.113.8')).statusCode).toBe(200);
      expect(await lastLoginAddress()).toBe('203.0.113.8');
      // A client cannot name itself: an untrusted peer's header is ignored…
      expect((await login('duty', TEST_PASSWORD, '10.0.0.2', '203.0.113.9')).statusCode).toBe(200);
      expect(await lastLoginAddress()).toBe('10.0.0.2');
      // …and what it puts in front of the proxy's entry is not believed either.
      expect((await login('duty', TEST_PASSWORD, '10.0.0.1', '198.51.100.1, 203.0.113.10')).statusCode).toBe(
        200,
      );
      expect(await lastLoginAddress()).toBe('203.0.113.10');
    });

    it('throttles the failing client behind the proxy, not everyone who comes through it', async () => {
      for (let i = 0; i < LOGIN_LIMITS.addressFailures; i++) {
        expect((await login(`nobody${i}`, 'x', '10.0.0.1', '203.0.113.66')).statusCode).toBe(401);
      }
      expect((await login('duty', TEST_PASSWORD, '10.0.0.1', '203.0.113.66')).statusCode).toBe(429);
      expect((await login('duty', TEST_PASSWORD, '10.0.0.1', '203.0.113.67')).statusCode).toBe(200);
    });
  });

  it('ignores X-Forwarded-For when no proxy is configured', async () => {
    const gw = await createTestGateway('pglite');
    try {
      const res = await gw.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'duty', password: TEST_PASSWORD },
        remoteAddress: '10.0.0.1',
        headers: { 'x-forwarded-for': '203.0.113.7' },
      });
      expect(res.statusCode).toBe(200);
      const [row] = await gw.db.query<{ address: string }>(
        "SELECT address FROM audit_log WHERE action = 'auth.login' ORDER BY seq DESC LIMIT 1",
      );
      expect(row?.address).toBe('10.0.0.1');
    } finally {
      await gw.close();
    }
  });
});
