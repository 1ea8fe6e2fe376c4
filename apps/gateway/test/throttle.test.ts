import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS } from '../src/auth/service.js';
import { AddressThrottle } from '../src/auth/throttle.js';
import { createTestGateway, getAs, TEST_PASSWORD, type TestGateway } from './helpers.js';

// Lockout by (name, client address): a stranger cannot lock a user out of their own
// workstation, and a name that exists is answered, counted and locked like one that does not.
describe('sign-in throttling and lockout', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await createTestGateway('pglite');
  });
  afterAll(() => gw?.close());

  const login = (username: string, password: string, remoteAddress: string) =>
    gw.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
  /** What a caller can observe of an answer (the minutes of a lock may differ by a tick). */
  const seen = (res: LightMyRequestResponse) => ({
    status: res.statusCode,
    body: res.body.replace(/in \d+ min/, 'in N min'),
    retryAfter: res.headers['retry-after'] ? 'set' : 'unset',
    cookie: res.cookies.length,
  });

  it("locks a name for the failing address only, never for the user's own workstation", async () => {
    expect((await login('chief6', TEST_PASSWORD, '10.0.6.50')).statusCode).toBe(200);
    for (let i = 0; i < LOGIN_LIMITS.accountFailures; i++) {
      expect((await login('chief6', `guess-${i}`, '10.0.6.1')).statusCode).toBe(401);
    }
    const locked = await login('chief6', TEST_PASSWORD, '10.0.6.1');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().rule).toBe('login-lockout');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(60);
    // The user at their workstation, and at one they never used, still signs in.
    expect((await login('chief6', TEST_PASSWORD, '10.0.6.50')).statusCode).toBe(200);
    expect((await login('chief6', TEST_PASSWORD, '10.0.6.51')).statusCode).toBe(200);
  });

  it('answers and locks an unknown name exactly like a known one', async () => {
    const known: ReturnType<typeof seen>[] = [];
    const unknown: ReturnType<typeof seen>[] = [];
    for (let i = 0; i <= LOGIN_LIMITS.accountFailures + 1; i++) {
      known.push(seen(await login('chief7', `guess-${i}`, '10.0.7.1')));
      unknown.push(seen(await login('chief77', `guess-${i}`, '10.0.7.2')));
    }
    expect(unknown).toEqual(known);
    expect(known.map((k) => k.status)).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const state = await gw.db.query<{ username: string; failures: number; locked: boolean }>(
      `SELECT username, failures, locked_until > now() AS locked FROM login_failures
       WHERE username IN ('chief7', 'chief77') ORDER BY username`,
    );
    expect(state.map(({ failures, locked }) => ({ failures, locked }))).toEqual([
      { failures: 5, locked: true },
      { failures: 5, locked: true },
    ]);
  });

  it('closes a name attacked from many addresses to new addresses, not to its own workstation', async () => {
    expect((await login('community5', TEST_PASSWORD, '10.5.0.1')).statusCode).toBe(200);
    for (const name of ['community5', 'ghost5']) {
      for (let i = 0; i < LOGIN_LIMITS.accountWideFailures; i++) {
        const res = await login(name, `guess-${i}`, `10.55.${i >> 8}.${i & 255}`);
        expect(res.statusCode, `${name} ${i}`).toBe(401);
      }
    }
    const stranger = await login('community5', TEST_PASSWORD, '10.56.0.1');
    expect(stranger.statusCode).toBe(429);
    expect(stranger.json().rule).toBe('login-lockout');
    expect(seen(await login('ghost5', 'anything', '10.56.0.2'))).toEqual(seen(stranger));
    expect((await login('community5', TEST_PASSWORD, '10.5.0.1')).statusCode).toBe(200);
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

  it('shows administrators the locks per address and lifts them all at once', async () => {
    for (let i = 0; i < LOGIN_LIMITS.accountFailures; i++) await login('chief8', `guess-${i}`, '10.0.8.1');
    const user = (await getAs(gw, 'admin', '/api/users'))
      .json()
      .find((u: { username: string }) => u.username === 'chief8');
    expect(user.locks).toEqual([{ address: '10.0.8.1', until: expect.any(String) }]);
    expect(user.lockedUntil).toBe(user.locks[0].until);
    expect(new Date(user.lockedUntil).getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);
    const res = await gw.app.inject({
      method: 'PATCH',
      url: '/api/users/chief8',
      headers: { cookie: await gw.login('admin') },
      payload: { unlock: true },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ locks: [], lockedUntil: null });
    expect((await login('chief8', TEST_PASSWORD, '10.0.8.1')).statusCode).toBe(200);
  });

  it('audits a flood of failures from one address as one record per window, never as the name typed', async () => {
    const before = await gw.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login_failed' AND address = '10.4.4.4'",
    );
    expect(before[0]?.n).toBe(0);
    for (let i = 0; i < 100; i++) {
      const res = await login(i % 2 ? 'admin' : `forged-${i}`, 'x', '10.4.4.4');
      expect([401, 429]).toContain(res.statusCode);
    }
    const rows = await gw.db.query<{ actor: string | null; target_id: string | null; details: string }>(
      "SELECT actor, target_id, details FROM audit_log WHERE action = 'auth.login_failed' AND address = '10.4.4.4'",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: null, target_id: 'forged-0' });
    expect(await gw.db.query("SELECT 1 FROM audit_log WHERE actor LIKE 'forged-%'")).toHaveLength(0);
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
