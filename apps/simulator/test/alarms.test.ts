import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeGateway } from './fakeGateway.js';
import type { TestSim } from './helpers.js';
import { sleep, until } from './helpers.js';
import { startOpsSim, testDistrict } from './opsHelpers.js';

const ALARMS = '/api/device/alarms';
let sim: TestSim;
let gw: FakeGateway;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ sim, gw, close } = await startOpsSim());
});
afterAll(async () => {
  await close?.();
});

describe('alarm control API', () => {
  it('triggers one alarm at a named device, signed, with its zone', async () => {
    const device = testDistrict().alarmDevices[5]!;
    const r = await sim.control('POST', '/alarms/trigger', { deviceId: device.id, kind: 'tamper' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      deviceId: device.id,
      kind: 'tamper',
      zone: device.zone,
      status: 202,
      merged: false,
    });
    expect(typeof r.body.alarmId).toBe('number');
    const req = gw.of(ALARMS).at(-1)!;
    expect(req).toMatchObject({
      deviceId: device.id,
      status: 202,
      body: { kind: 'tamper', zone: device.zone },
    });
  });

  it('picks a random device when none is named', async () => {
    const before = gw.of(ALARMS).length;
    const r = await sim.control('POST', '/alarms/trigger', {});
    expect(r.body.status).toBe(202);
    expect(gw.of(ALARMS)).toHaveLength(before + 1);
    expect(testDistrict().alarmDevices.some((d) => d.id === r.body.deviceId)).toBe(true);
  });

  it('bursts N alarms from N different devices', async () => {
    const before = gw.of(ALARMS).length;
    const r = await sim.control('POST', '/alarms/burst', { count: 40 });
    expect(r.body).toMatchObject({ sent: 40, byStatus: { 202: 40 } });
    const sent = gw.of(ALARMS).slice(before);
    expect(sent).toHaveLength(40);
    expect(new Set(sent.map((s) => s.deviceId)).size).toBe(40);
    // One alarm per device (a device that alarmed in an earlier test may be merged into that alarm).
    expect(new Set(r.body.alarmIds).size).toBe(40);
    const ids = testDistrict()
      .alarmDevices.slice(100, 103)
      .map((d) => d.id);
    const named = await sim.control('POST', '/alarms/burst', { deviceIds: ids });
    expect(named.body.sent).toBe(3);
    expect(
      gw.requests
        .slice(-3)
        .map((s) => s.deviceId)
        .sort(),
    ).toEqual([...ids].sort());
  });

  it('keeps up a storm at the asked rate', async () => {
    const before = gw.of(ALARMS).length;
    const r = await sim.control('POST', '/alarms/storm', { perSecond: 40, seconds: 1 });
    expect(r.body).toMatchObject({ sent: 40, skipped: 0, byStatus: { 202: 40 } });
    const sent = gw.of(ALARMS).slice(before);
    expect(sent).toHaveLength(40);
    // Paced over the second, not all at once.
    const span = sent.at(-1)!.at - sent[0]!.at;
    expect(span).toBeGreaterThan(800);
    expect(span).toBeLessThan(5000);
  });

  it('misbehaves on request, and the gateway refuses each report for the intended reason', async () => {
    const device = testDistrict().alarmDevices[7]!;
    const modes = [
      ['bad_signature', 'bad_signature'],
      ['stale', 'stale_timestamp'],
      ['malformed', 'malformed'],
      ['unknown_device', 'unknown_device'],
    ] as const;
    for (const [mode, rule] of modes) {
      const before = gw.of(ALARMS).length;
      const r = await sim.control('POST', '/alarms/faulty', { deviceId: device.id, mode, count: 3 });
      expect(r.body, mode).toMatchObject({
        sent: 3,
        byStatus: { 401: 3 },
        rules: { [rule]: 3 },
        alarmIds: [],
      });
      const sent = gw.of(ALARMS).slice(before);
      expect(sent.map((s) => s.rule)).toEqual([rule, rule, rule]);
      if (mode === 'unknown_device') expect(sent[0]!.deviceId).not.toBe(device.id);
      else expect(sent[0]!.deviceId).toBe(device.id);
    }
    // A device that has not alarmed yet in this file, so the first report is not merged.
    const fresh = testDistrict().alarmDevices.find((d) => !gw.requests.some((r) => r.deviceId === d.id))!;
    const repeat = await sim.control('POST', '/alarms/faulty', {
      deviceId: fresh.id,
      mode: 'repeat',
      count: 4,
    });
    expect(repeat.body).toMatchObject({ sent: 4, byStatus: { 202: 4 }, merged: 3 });
    expect(new Set(repeat.body.alarmIds).size).toBe(1);
  });

  it('rejects bad input with 400 naming the field, unknown devices with 404', async () => {
    const bad = [
      ['/alarms/trigger', { kind: 'fire' }, 'kind'],
      ['/alarms/trigger', { deviceId: '123' }, 'deviceId'],
      ['/alarms/trigger', { zone: 'x'.repeat(41) }, 'zone'],
      ['/alarms/burst', { count: 0 }, 'count'],
      ['/alarms/burst', {}, 'count'],
      ['/alarms/burst', { count: 5, deviceIds: [testDistrict().alarmDevices[0]!.id] }, 'count'],
      ['/alarms/storm', { perSecond: 1000, seconds: 1 }, 'perSecond'],
      ['/alarms/storm', { perSecond: 1 }, 'seconds'],
      ['/alarms/faulty', { deviceId: testDistrict().alarmDevices[0]!.id, mode: 'loud' }, 'mode'],
      ['/alarms/faulty', { deviceId: testDistrict().alarmDevices[0]!.id, mode: 'stale', extra: 1 }, 'extra'],
      ['/alarms/trigger', '{not json', 'body'],
    ] as const;
    const before = gw.requests.length;
    for (const [route, body, field] of bad) {
      const r = await sim.control('POST', route, body);
      expect(r.status, `${route} ${JSON.stringify(body)}`).toBe(400);
      expect(r.body.field).toBe(field);
    }
    const unknown = '13090303021349999999';
    expect((await sim.control('POST', '/alarms/trigger', { deviceId: unknown })).status).toBe(404);
    expect((await sim.control('POST', '/alarms/faulty', { deviceId: unknown, mode: 'stale' })).status).toBe(
      404,
    );
    expect((await sim.control('GET', '/alarms/trigger')).status).toBe(405);
    expect(gw.requests.length).toBe(before);
  });

  it('has no background traffic when the rate is 0', async () => {
    const r = await sim.control('GET', '/alarms');
    expect(r.body.background).toMatchObject({ ratePerHour: 0, sent: 0, nextAt: null });
    const before = gw.of(ALARMS).length;
    await sleep(300);
    expect(gw.of(ALARMS)).toHaveLength(before);
  });
});

describe('background alarms and a gateway that is down', () => {
  it('sends at the configured rate and retries what the gateway did not take', async () => {
    // 36,000 an hour: one every 100 ms on average.
    const t = await startOpsSim({ alarms: { ratePerHour: 36_000 } });
    try {
      await until('background alarms', () => t.gw.of(ALARMS).length >= 3);
      t.gw.failWith = 503;
      const failed = await until('a refused report', () => t.gw.requests.find((r) => r.status === 503));
      const stats = (await t.sim.control('GET', '/alarms')).body.background;
      expect(stats.retrying).toMatchObject({ deviceId: failed.deviceId });
      t.gw.failWith = null;
      // The same report comes again and is taken; then the Poisson process resumes.
      await until(
        'the retried report',
        () =>
          t.gw.requests.find((r) => r.at > failed.at && r.deviceId === failed.deviceId && r.status === 202),
        10_000,
      );
      await until(
        'the retry to clear',
        async () => (await t.sim.control('GET', '/alarms')).body.background.retrying === null,
      );
    } finally {
      await t.close();
    }
  });

  it('answers control calls with what happened when nothing listens', async () => {
    const t = await startOpsSim({ gatewayUrl: 'http://127.0.0.1:9' });
    try {
      const r = await t.sim.control('POST', '/alarms/trigger', {});
      expect(r.status).toBe(200);
      expect(r.body.status).toBe('unreachable');
      expect(r.body.message).toMatch(/unreachable/);
      const b = await t.sim.control('POST', '/alarms/burst', { count: 3 });
      expect(b.body).toMatchObject({ sent: 3, byStatus: { unreachable: 3 } });
    } finally {
      await t.close();
    }
  });
});
