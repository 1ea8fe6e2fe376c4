import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, getAs, TEST_PASSWORD, type TestGateway } from './helpers.js';
import { signed } from './ops/device.js';

// A page on another site can make the browser send a "simple" request (form or text/plain body,
// no preflight) with the user's cookie. Changes must come from our own pages, with the body type
// the route takes; devices (HMAC, no cookies) and scripts without Origin keep working.
describe('cross-site request refusal', () => {
  let gw: TestGateway;
  let cookie: string;
  let alarmId: number;
  let deviceId: string;
  const HOST = 'patrol.example:8080';

  beforeAll(async () => {
    gw = await createTestGateway('pglite');
    cookie = await gw.login('duty');
    deviceId = (await getAs(gw, 'admin', '/api/alarm-devices?station=1&limit=1')).json().items[0].id;
    alarmId = (await gw.app.ops.intake.submit(deviceId, { kind: 'intrusion' })).alarmId;
  });
  afterAll(() => gw?.close());

  const ack = (headers: Record<string, string>, payload?: string) =>
    gw.app.inject({
      method: 'POST',
      url: `/api/alarms/${alarmId}/ack`,
      headers: { cookie, host: HOST, ...headers },
      payload,
    } as InjectOptions);
  const alarmStatus = async () =>
    (await getAs(gw, 'duty', '/api/alarms')).json().find((a: { id: number }) => a.id === alarmId)?.status;

  it('refuses a text/plain change from a foreign Origin, naming the rule, and changes nothing', async () => {
    const res = await ack({ origin: 'https://evil.example', 'content-type': 'text/plain' }, '{}');
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ rule: 'same-origin' });
    expect(res.json().message).toMatch(/another site.*evil\.example/);
    expect(await alarmStatus()).toBe('new');
  });

  it('refuses by Sec-Fetch-Site, by Referer when Origin is absent, and an opaque Origin', async () => {
    const cases: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'cross-site', origin: `http://${HOST}` },
      { referer: 'https://evil.example/page' },
      { origin: 'null' },
      { origin: `http://${HOST}.evil.example` },
      { origin: 'http://patrol.example:8081' },
    ];
    for (const headers of cases) {
      const res = await ack(headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json().rule).toBe('same-origin');
    }
    expect(await alarmStatus()).toBe('new');
  });

  it('refuses a body of a type the route does not take, before reading it', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const res = await gw.app.inject({
        method: 'POST',
        url: '/api/reports',
        headers: { cookie, 'content-type': type },
        payload: '{"cameraId":"x","kind":"fight","note":"n"}',
      });
      expect(res.statusCode, type).toBe(415);
      expect(res.json()).toMatchObject({ rule: 'content-type' });
    }
    const csvAsJson = await gw.app.inject({
      method: 'POST',
      url: '/api/import/cameras',
      headers: { cookie: await gw.login('community1'), 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(csvAsJson.statusCode).toBe(415);
    expect(csvAsJson.json().message).toMatch(/text\/csv/);
  });

  it('accepts changes from its own pages and from clients that send no Origin', async () => {
    expect((await ack({ origin: `http://${HOST}`, 'sec-fetch-site': 'same-origin' })).statusCode).toBe(200);
    expect(await alarmStatus()).toBe('acknowledged');
    const other = await gw.app.ops.intake.submit(deviceId, { kind: 'tamper' });
    const noOrigin = await gw.app.inject({
      method: 'POST',
      url: `/api/alarms/${other.alarmId}/dismiss`,
      headers: { cookie, referer: `http://localhost:80/alarms` },
      payload: { reason: 'no origin' },
    });
    expect(noOrigin.statusCode).toBe(200);
    // Reads are not changes: a foreign page's GET is left to SameSite cookies and the absent CORS.
    const read = await gw.app.inject({
      url: '/api/alarms',
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(read.statusCode).toBe(200);
  });

  it('refuses sign-in from a foreign page but not from ours or a script', async () => {
    const login = (headers: Record<string, string>) =>
      gw.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { host: HOST, ...headers },
        payload: { username: 'leader', password: TEST_PASSWORD },
      });
    const foreign = await login({ origin: 'https://evil.example' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.cookies).toHaveLength(0);
    expect((await login({ origin: `http://${HOST}` })).statusCode).toBe(200);
    expect((await login({})).statusCode).toBe(200);
  });

  it('leaves signed device reports to their signature, whatever their Origin', async () => {
    const secret = gw.config.deviceKeySecret!;
    const req = signed(secret, deviceId, '/api/device/alarms', { kind: 'intrusion' });
    const res = await gw.app.inject({
      ...req,
      headers: { ...req.headers, origin: 'https://elsewhere.example' },
    });
    expect(res.statusCode).toBe(202);
    const plain = signed(secret, deviceId, '/api/device/alarms', { kind: 'intrusion' });
    const asText = await gw.app.inject({
      ...plain,
      headers: { ...plain.headers, 'content-type': 'text/plain' },
    });
    expect(asText.statusCode).toBe(415);
  });
});
