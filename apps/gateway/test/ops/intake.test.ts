import type { Alarm } from '@onpatrol/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DEVICE_SECRET } from '../../src/config.js';
import { createTestGateway, getAs, type TestGateway } from '../helpers.js';
import { signed } from './device.js';

describe('alarm intake from devices', () => {
  let gw: TestGateway;
  let deviceId: string;
  let other: string;
  beforeAll(async () => {
    gw = await createTestGateway('pglite', { ALARM_MERGE_SECONDS: '60' });
    const devices = (await getAs(gw, 'admin', '/api/alarm-devices?limit=2')).json().items;
    deviceId = devices[0].id;
    other = devices[1].id;
  });
  afterAll(() => gw?.close());

  const refusals = async () => (await getAs(gw, 'duty', '/api/device/refusals')).json();
  const send = (id: string, body: object, secret = DEMO_DEVICE_SECRET, at?: number) =>
    gw.app.inject(signed(secret, id, '/api/device/alarms', body, 'POST', at));

  it('stores a good report before acknowledging it, with the cameras that see the point', async () => {
    const res = await send(deviceId, { kind: 'intrusion', zone: '前门', at: new Date().toISOString() });
    expect(res.statusCode).toBe(202);
    const { alarmId, merged } = res.json();
    expect(merged).toBe(false);
    const [row] = await gw.db.query<{ status: string; count: number }>(
      'SELECT status, count FROM alarms WHERE id = $1',
      [alarmId],
    );
    expect(row).toEqual({ status: 'new', count: 1 });
    const alarm = (await getAs(gw, 'duty', '/api/alarms?status=new'))
      .json()
      .find((a: Alarm) => a.id === alarmId) as Alarm;
    expect(alarm.deviceId).toBe(deviceId);
    expect(alarm.cameraIds.length).toBeGreaterThan(0);
    const stored = await gw.db.query("SELECT name FROM events WHERE data->>'id' = $1", [String(alarmId)]);
    expect(stored.map((e) => (e as { name: string }).name)).toContain('alarm:raised');
  });

  it('merges a repeat from the same device into one alarm with a count', async () => {
    const first = (await send(other, { kind: 'intrusion' })).json();
    const again = await send(other, { kind: 'intrusion' });
    expect(again.json()).toEqual({ alarmId: first.alarmId, merged: true });
    const tamper = (await send(other, { kind: 'tamper' })).json();
    expect(tamper.alarmId).not.toBe(first.alarmId);
    const [row] = await gw.db.query<{ count: number }>('SELECT count FROM alarms WHERE id = $1', [
      first.alarmId,
    ]);
    expect(row!.count).toBe(2);
  });

  it('refuses and counts an unknown device, a bad signature and a stale timestamp', async () => {
    const before = await refusals();
    expect((await send('13090301001349999999', { kind: 'intrusion' })).statusCode).toBe(401);
    const bad = await send(deviceId, { kind: 'intrusion' }, 'not-the-secret');
    expect(bad.statusCode).toBe(401);
    expect(bad.json().rule).toBe('bad_signature');
    const stale = await send(deviceId, { kind: 'intrusion' }, DEMO_DEVICE_SECRET, Date.now() - 10 * 60_000);
    expect(stale.json().rule).toBe('stale_timestamp');
    const forged = signed(DEMO_DEVICE_SECRET, deviceId, '/api/device/alarms', { kind: 'fault' });
    forged.payload = JSON.stringify({ kind: 'intrusion' });
    expect((await gw.app.inject(forged)).statusCode).toBe(401);
    const after = await refusals();
    expect(after.unknown_device - before.unknown_device).toBe(1);
    expect(after.bad_signature - before.bad_signature).toBe(2);
    expect(after.stale_timestamp - before.stale_timestamp).toBe(1);
  });

  it('rejects a malformed body by field and stores nothing', async () => {
    const before = (await gw.db.query<{ n: number }>('SELECT count(*)::int AS n FROM alarms'))[0]!.n;
    const res = await send(deviceId, { kind: 'earthquake' });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('kind');
    const extra = await send(deviceId, { kind: 'intrusion', __proto__: { x: 1 }, constructor: 'x' });
    expect(extra.statusCode).toBe(400);
    const after = (await gw.db.query<{ n: number }>('SELECT count(*)::int AS n FROM alarms'))[0]!.n;
    expect(after).toBe(before);
  });

  it('stores every report of a burst from many devices', async () => {
    const devices = (await getAs(gw, 'admin', '/api/alarm-devices?limit=60&offset=10')).json()
      .items as Array<{ id: string }>;
    const results = await Promise.all(devices.map((d) => send(d.id, { kind: 'intrusion' })));
    expect(results.every((r) => r.statusCode === 202)).toBe(true);
    const ids = new Set(results.map((r) => r.json().alarmId));
    expect(ids.size).toBe(60);
    const n = (
      await gw.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM alarms WHERE id = ANY($1::int[])`, [
        [...ids],
      ])
    )[0]!.n;
    expect(n).toBe(60);
  });
});
