import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, getAs, sessionCookie, type TestGateway } from './helpers.js';

describe('user administration', () => {
  let gw: TestGateway;
  let admin: string;
  beforeAll(async () => {
    gw = await createTestGateway('pglite');
    admin = await gw.login('admin');
  });
  afterAll(() => gw?.close());

  const call = (method: 'POST' | 'PATCH', url: string, payload: object, cookie = admin) =>
    gw.app.inject({ method, url, payload, headers: { cookie } });
  const login = (username: string, password: string) =>
    gw.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

  it('creates a station chief bound to a station, who then sees only that station', async () => {
    const res = await call('POST', '/api/users', {
      username: 'wang.chief',
      displayName: '王所长',
      role: 'station_chief',
      stationNo: 3,
      password: 'a-long-password-3',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'wang.chief', stationNo: 3, disabled: false });
    const cookie = sessionCookie(await login('wang.chief', 'a-long-password-3'));
    const stations = (await gw.app.inject({ url: '/api/stations', headers: { cookie } })).json();
    expect(stations.map((s: { no: number }) => s.no)).toEqual([3]);
    const audit = (await getAs(gw, 'admin', '/api/audit?action=user.create&target=wang.chief')).json();
    expect(audit.total).toBe(1);
    expect(audit.items[0].details).not.toContain('a-long-password-3');
  });

  it('names the field or rule of a bad request', async () => {
    const noStation = await call('POST', '/api/users', {
      username: 'li.c',
      displayName: 'x',
      role: 'community_officer',
      password: 'a-long-password-1',
    });
    expect(noStation.statusCode).toBe(400);
    expect(noStation.json().field).toBe('stationNo');
    const shortPw = await call('POST', '/api/users', {
      username: 'li.d',
      displayName: 'x',
      role: 'duty_officer',
      password: 'short',
    });
    expect(shortPw.json().field).toBe('password');
    const dup = await call('POST', '/api/users', {
      username: 'duty',
      displayName: 'x',
      role: 'duty_officer',
      password: 'a-long-password-1',
    });
    expect(dup.statusCode).toBe(409);
    const badName = await call('POST', '/api/users', {
      username: '__proto__',
      displayName: 'x',
      role: 'duty_officer',
      password: 'a-long-password-1',
    });
    expect(badName.statusCode).toBe(400);
    expect(badName.json().field).toBe('username');
  });

  it('ends a grant at its expiry and a disabled account at once', async () => {
    await call('POST', '/api/users', {
      username: 'temp.duty',
      displayName: '临时值班',
      role: 'duty_officer',
      password: 'a-long-password-2',
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    const expired = await login('temp.duty', 'a-long-password-2');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().message).toMatch(/expired/);

    const cookie = sessionCookie(await login('community8', 'test-password-1'));
    expect((await gw.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    expect((await call('PATCH', '/api/users/community8', { disabled: true })).statusCode).toBe(200);
    expect((await gw.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await login('community8', 'test-password-1')).statusCode).toBe(401);
  });

  it('moves a community officer to another station', async () => {
    const res = await call('PATCH', '/api/users/community7', { stationNo: 2 });
    expect(res.json().stationNo).toBe(2);
    const cookie = sessionCookie(await login('community7', 'test-password-1'));
    expect((await gw.app.inject({ url: '/api/auth/me', headers: { cookie } })).json().stationNo).toBe(2);
  });

  it('keeps an administrator from locking themselves out, and non-admins out of user management', async () => {
    const self = await call('PATCH', '/api/users/admin', { role: 'duty_officer' });
    expect(self.statusCode).toBe(409);
    const leader = await gw.login('leader');
    expect((await gw.app.inject({ url: '/api/users', headers: { cookie: leader } })).statusCode).toBe(403);
  });
});
