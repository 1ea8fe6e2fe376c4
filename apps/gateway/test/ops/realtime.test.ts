import type { Alarm, Order } from '@onpatrol/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAs, type TestGateway } from '../helpers.js';
import { type OpsFixture, opsFixture } from './fixture.js';

describe('operational realtime', () => {
  let fx: OpsFixture;
  let gw: TestGateway;
  let devices: OpsFixture['devices'];

  beforeAll(async () => {
    fx = await opsFixture(20);
    ({ gw, devices } = fx);
  });
  afterAll(async () => {
    await fx?.close();
  });

  const client = (user: string) => fx.client(user);
  const raise = (deviceId: string, kind?: string) => fx.raise(deviceId, kind);

  it("scopes rooms by station: a station's staff get their jurisdiction, the command centre all", async () => {
    const [chief1, chief2, duty, unit] = await Promise.all([
      client('chief1'),
      client('chief2'),
      client('duty'),
      client('unit'),
    ]);
    const a1 = await raise(devices[1]![0]!);
    const a2 = await raise(devices[2]![0]!);
    await duty.waitFor((e) => e.name === 'alarm:raised' && (e.data as Alarm).id === a2);
    await duty.waitFor((e) => e.name === 'alarm:raised' && (e.data as Alarm).id === a1);
    await chief1.waitFor((e) => e.name === 'alarm:raised' && (e.data as Alarm).id === a1);
    await chief2.waitFor((e) => e.name === 'alarm:raised' && (e.data as Alarm).id === a2);
    // A marker event after both, so "did not arrive" is checked after everything was sent.
    const marker = await raise(devices[1]![1]!);
    await chief1.waitFor((e) => (e.data as Alarm).id === marker);
    expect(chief1.applied.some((e) => (e.data as Alarm).id === a2)).toBe(false);
    expect(chief2.applied.some((e) => (e.data as Alarm).id === a1)).toBe(false);
    expect(unit.applied.filter((e) => e.name.startsWith('alarm:'))).toEqual([]);
    // The same scoping holds for what a reconnecting client is replayed.
    const replay = await chief2.socket.emitWithAck('ops:sync', { lastSeq: 0 });
    if (!replay.ok || replay.data.kind !== 'replay') throw new Error('expected a replay');
    const station2 = (await getAs(gw, 'admin', '/api/stations')).json()[1].id;
    expect(replay.data.events.length).toBeGreaterThan(0);
    expect(replay.data.events.every((e) => (e.data as Alarm).stationId === station2)).toBe(true);
  });

  it('refuses a bad command with an error acknowledgement and changes nothing', async () => {
    const duty = await client('duty');
    const before = (await gw.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events'))[0]!.n;
    const bad = await duty.socket.emitWithAck('alarm:ack', { alarmId: 'x' } as never);
    expect(bad).toMatchObject({ ok: false, error: { field: 'alarmId', rule: 'schema' } });
    const proto = await duty.socket.emitWithAck(
      'alarm:dismiss',
      JSON.parse('{"alarmId":1,"reason":"ab","__proto__":{"x":1}}'),
    );
    expect(proto.ok).toBe(false);
    const forbidden = await duty.socket.emitWithAck('dispatch:send', {
      incidentId: 1,
      unitIds: ['YH01-1'],
      task: 'check',
    });
    expect(forbidden).toMatchObject({ ok: false, error: { rule: 'dispatch:send' } });
    const missing = await duty.socket.emitWithAck('alarm:ack', { alarmId: 999999 });
    expect(missing).toMatchObject({ ok: false, error: { message: 'alarm 999999 not found' } });
    const after = (await gw.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events'))[0]!.n;
    expect(after).toBe(before);
  });

  it('delivers every event missed while disconnected, once and in order', async () => {
    const duty = await client('duty');
    await raise(devices[1]![2]!);
    await duty.waitFor(() => duty.applied.length > 0);
    duty.socket.disconnect();
    const missed: number[] = [];
    for (let i = 0; i < 8; i++) missed.push(await raise(devices[2]![3 + i]!));
    const resynced = duty.synced();
    duty.socket.connect();
    await resynced;
    await duty.waitFor((e) => (e.data as Alarm).id === missed.at(-1));
    const got = duty.applied
      .filter((e) => missed.includes((e.data as Alarm).id))
      .map((e) => (e.data as Alarm).id);
    expect(got).toEqual(missed);
    const seqs = duty.applied.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('keeps events in order when live events race a catch-up', async () => {
    const duty = await client('duty');
    duty.socket.disconnect();
    await raise(devices[1]![12]!);
    const resynced = duty.synced();
    duty.socket.connect();
    // These arrive while the catch-up may still be in flight.
    const during = await Promise.all([
      raise(devices[1]![13]!),
      raise(devices[2]![14]!),
      raise(devices[1]![15]!),
    ]);
    await resynced;
    for (const id of during) await duty.waitFor((e) => (e.data as Alarm).id === id);
    const seqs = duty.applied.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('sends a dispatch only to the unit it is for', async () => {
    const [unit, leader] = await Promise.all([client('unit'), client('leader')]);
    const cam = (await getAs(gw, 'admin', '/api/cameras?station=3&limit=1')).json().items[0];
    const report = await leader.socket.emitWithAck('report:create', {
      cameraId: cam.id,
      kind: 'theft',
      note: '有人撬车',
    });
    expect(report.ok).toBe(true);
    const incidentId = report.ok ? report.data.id : 0;
    const sent = await leader.socket.emitWithAck('dispatch:send', {
      incidentId,
      unitIds: ['YH03-2'],
      task: 'intercept',
    });
    expect(sent.ok).toBe(true);
    await leader.waitFor((e) => e.name === 'dispatch:assigned');
    const mine = await leader.socket.emitWithAck('dispatch:send', {
      incidentId,
      unitIds: ['YH01-1'],
      task: 'check',
    });
    const order = (mine.ok ? mine.data[0] : null) as Order;
    const assigned = await unit.waitFor((e) => e.name === 'dispatch:assigned');
    expect((assigned.data as { order: Order }).order.id).toBe(order.id);
    expect(unit.applied.filter((e) => e.name === 'dispatch:assigned')).toHaveLength(1);
  });
});
