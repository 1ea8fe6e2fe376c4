import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS } from '../src/auth/service.js';
import { AddressThrottle } from '../src/auth/throttle.js';
import { createTestGateway, TEST_PASSWORD, type TestGateway } from './helpers.js';

describe('sign-in throttling', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await createTestGateway('pglite');
  });
  afterAll(() => gw?.close());

  const login = (username: string, password: string, remoteAddress: string) =>
    gw.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

  it('locks an account after repeated failures, even for the right password', async () => {
    for (let i = 0; i < LOGIN_LIMITS.accountFailures; i++) {
      // Each failure from its own address, so only the account limit is in play.
      expect((await login('chief6', `guess-${i}`, `10.0.6.${i}`)).statusCode).toBe(401);
    }
    const locked = await login('chief6', TEST_PASSWORD, '10.0.6.200');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().rule).toBe('login-lockout');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(60);
    // Other accounts are not affected.
    expect((await login('chief7', TEST_PASSWORD, '10.0.6.201')).statusCode).toBe(200);
  });

  it('throttles an address that keeps failing, across usernames', async () => {
    for (let i = 0; i < LOGIN_LIMITS.addressFailures; i++) {
      expect((await login(`nobody${i}`, 'x', '10.9.9.9')).statusCode).toBe(401);
    }
    const throttled = await login('duty', TEST_PASSWORD, '10.9.9.9');
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().rule).toBe('login-throttle');
    expect((await login('duty', TEST_PASSWORD, '10.9.9.10')).statusCode).toBe(200);
  });

  it('forgets failures once the window has passed', () => {
    let now = 0;
    const t = new AddressThrottle(3, 1000, () => now);
    for (let i = 0; i < 3; i++) t.fail('a');
    expect(t.retryAfterMs('a')).toBe(1000);
    now = 600;
    expect(t.retryAfterMs('a')).toBe(400);
    now = 1001;
    expect(t.retryAfterMs('a')).toBe(0);
  });
});
