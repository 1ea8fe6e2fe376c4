import { type Alarm, type NamedOpsEvent, OpsBatch, type Order } from '@onpatrol/contracts';
import { Value } from '@sinclair/typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAs, type TestGateway } from '../helpers.js';
import type { OpsClient } from './client.js';
import { type OpsFixture, opsFixture } from './fixture.js';

// Clients that opt in at the handshake get operational events as `ops:batch`; the others keep
// getting the named events. Both must see the same events, in the same order, scoped the same.
describe('batched operational events', () => {
  let fx: OpsFixture;
  let gw: TestGateway;
  let devices: OpsFixture['devices'];
  let stations: string[];

  beforeAll(async () => {
    fx = await opsFixture(60);
    ({ gw, devices } = fx);
    stations = (await getAs(gw, 'admin', '/api/stations')).json().map((s: { id: string }) => s.id);
  });
  afterAll(async () => {
    await fx?.close();
  });

  const client = (user: string, batch: boolean) => fx.client(user, { batch });
  const raise = (deviceId: string, kind?: string) => fx.raise(deviceId, kind);
  const alarmId = (e: NamedOpsEvent) => (e.data as Alarm).id;
  const inBatches = (c: OpsClient) => c.batches.flat();

  it('sends a burst to an opted-in client as batches, in order, and named events to the others', async () => {
    const [batched, plain] = await Promise.all([client('duty', true), client('duty', false)]);
    // Reports arriving together are stored in one transaction and broadcast as one flush.
    const burst = devices[1]!.slice(0, 10).concat(devices[2]!.slice(0, 10));
    const ids = await Promise.all(burst.map((d) => raise(d)));
    const last = Math.max(...ids);
    await batched.waitFor((e) => alarmId(e) === last);
    await plain.waitFor((e) => alarmId(e) === last);

    const sent = inBatches(batched).filter((e) => ids.includes(alarmId(e)));
    expect(sent.map(alarmId).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    // Fewer messages than events: batches carry several events each.
    const carrying = batched.batches.filter((b) => b.some((e) => ids.includes(alarmId(e))));
    expect(carrying.length).toBeLessThan(ids.length);
    // Each batch is in sequence order, and batches follow each other in order.
    const seqs = inBatches(batched).map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    for (const b of batched.batches) expect(Value.Check(OpsBatch, b)).toBe(true);
    // The opted-in client got no named operational events; the plain one no batches.
    expect(batched.named).toEqual([]);
    expect(plain.batches).toEqual([]);
    expect(plain.named.filter((n) => n === 'alarm:raised')).toHaveLength(ids.length);
    // Both applied the same events in the same order.
    const appliedIds = (c: OpsClient) => c.applied.filter((e) => ids.includes(alarmId(e))).map((e) => e.seq);
    expect(appliedIds(batched)).toEqual(appliedIds(plain));
  });

  it('scopes batches exactly: station staff their station, a unit only its own, the command centre all', async () => {
    const [chief1, chief2, duty, unit] = await Promise.all([
      client('chief1', true),
      client('chief2', true),
      client('duty', true),
      client('unit', true),
    ]);
    const ids1 = await Promise.all(devices[1]!.slice(20, 26).map((d) => raise(d)));
    const ids2 = await Promise.all(devices[2]!.slice(20, 26).map((d) => raise(d)));
    // A marker after both bursts, so "did not arrive" is checked after everything was sent.
    const marker = await raise(devices[1]!.at(-1)!);
    await chief1.waitFor((e) => alarmId(e) === marker);
    await duty.waitFor((e) => alarmId(e) === marker);
    await chief2.waitFor((e) => ids2.includes(alarmId(e)));

    const alarmsOf = (c: OpsClient) =>
      inBatches(c)
        .filter((e) => e.name.startsWith('alarm:'))
        .map((e) => e.data as Alarm);
    expect(alarmsOf(chief1).every((a) => a.stationId === stations[0])).toBe(true);
    expect(alarmsOf(chief2).every((a) => a.stationId === stations[1])).toBe(true);
    for (const id of ids1) expect(alarmsOf(chief1).some((a) => a.id === id)).toBe(true);
    for (const id of [...ids1, ...ids2, marker]) expect(alarmsOf(duty).some((a) => a.id === id)).toBe(true);
    expect(alarmsOf(unit)).toEqual([]);

    // A dispatch reaches the unit it is for in a batch, and no other unit.
    const leader = await client('leader', true);
    const cam = (await getAs(gw, 'admin', '/api/cameras?station=3&limit=1')).json().items[0];
    const report = await leader.socket.emitWithAck('report:create', {
      cameraId: cam.id,
      kind: 'fight',
      note: '',
    });
    if (!report.ok) throw new Error(report.error.message);
    const sent = await leader.socket.emitWithAck('dispatch:send', {
      incidentId: report.data.id,
      unitIds: ['YH01-1'],
      task: 'check',
    });
    if (!sent.ok) throw new Error(sent.error.message);
    const assigned = await unit.waitFor((e) => e.name === 'dispatch:assigned');
    expect((assigned.data as { order: Order }).order.id).toBe(sent.data[0]!.id);
    expect(inBatches(unit).some((e) => e.name === 'dispatch:assigned')).toBe(true);
    // Everything the unit got is about itself.
    const unitOf = (e: NamedOpsEvent) =>
      e.name === 'dispatch:assigned'
        ? e.data.order.unitId
        : e.name === 'order:updated'
          ? e.data.unitId
          : e.name === 'unit:updated'
            ? e.data.id
            : null;
    expect(
      inBatches(unit)
        .map(unitOf)
        .every((u) => u === 'YH01-1'),
    ).toBe(true);
    expect(unit.named).toEqual([]);
  });

  it('replays what a batched client missed while disconnected, then batches again, once and in order', async () => {
    const duty = await client('duty', true);
    const before = await raise(devices[2]![30]!);
    await duty.waitFor((e) => alarmId(e) === before);
    duty.socket.disconnect();
    const missed = await Promise.all(devices[1]!.slice(30, 38).map((d) => raise(d)));
    const resynced = duty.synced();
    duty.socket.connect();
    await resynced;
    for (const id of missed) await duty.waitFor((e) => alarmId(e) === id);
    // Not through a batch: the missed events came with the catch-up.
    expect(inBatches(duty).some((e) => missed.includes(alarmId(e)))).toBe(false);
    const after = await Promise.all(devices[2]!.slice(31, 35).map((d) => raise(d)));
    for (const id of after) await duty.waitFor((e) => alarmId(e) === id);
    expect(inBatches(duty).some((e) => after.includes(alarmId(e)))).toBe(true);
    const seqs = duty.applied.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    const got = duty.applied.map(alarmId);
    for (const id of [before, ...missed, ...after]) expect(got.filter((x) => x === id)).toHaveLength(1);
  });

  it('broadcasts what a change stored without reading it back from the log', async () => {
    const duty = await client('duty', true);
    const reads = gw.app.ops.ctx.broadcaster.reads;
    const id = await raise(devices[2]![40]!);
    const ack = await duty.socket.emitWithAck('alarm:ack', { alarmId: id });
    expect(ack.ok).toBe(true);
    await duty.waitFor((e) => alarmId(e) === id && (e.data as Alarm).status === 'acknowledged');
    expect(gw.app.ops.ctx.broadcaster.reads).toBe(reads);
  });
});
