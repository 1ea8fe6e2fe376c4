import type { Camera, Unit } from '@onpatrol/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, getAs, type TestGateway } from '../helpers.js';

describe('dispatch loop', () => {
  let gw: TestGateway;
  let cam: Camera;
  const leader = { username: 'leader', role: 'shift_leader', stationId: null, unitId: null };
  const unit = (id: string) => ({
    username: `terminal:${id}`,
    role: 'street_unit',
    stationId: null,
    unitId: id,
  });
  beforeAll(async () => {
    gw = await createTestGateway('pglite');
    cam = (await getAs(gw, 'admin', '/api/cameras?station=4&limit=1')).json().items[0];
  });
  afterAll(() => gw?.close());

  it('ranks units for an incident, runs an order to the end and stands the other units down', async () => {
    const incident = await gw.app.ops.incidents.report(
      { username: 'duty', role: 'duty_officer', stationId: null, unitId: null },
      {
        cameraId: cam.id,
        kind: 'theft',
        note: '撬锁',
      },
    );
    const ranked = (await getAs(gw, 'leader', `/api/incidents/${incident.id}/units`)).json() as Array<{
      unit: Unit;
      etaSeconds: number;
    }>;
    expect(ranked.length).toBe(24);
    expect(ranked.map((r) => r.etaSeconds)).toEqual(
      [...ranked.map((r) => r.etaSeconds)].sort((a, b) => a - b),
    );
    const [a, b] = [ranked[0]!.unit.id, ranked[1]!.unit.id];
    const orders = await gw.app.ops.dispatch.send(leader, {
      incidentId: incident.id,
      unitIds: [a, b],
      task: 'intercept',
    });
    // A unit that is already busy cannot be sent again.
    await expect(
      gw.app.ops.dispatch.send(leader, { incidentId: incident.id, unitIds: [a], task: 'check' }),
    ).rejects.toThrow(/not available/);
    const first = orders[0]!;
    // Illegal: done before accepting; and without an outcome.
    await expect(
      gw.app.ops.dispatch.updateOrder(unit(a), { orderId: first.id, status: 'done', outcome: 'clue_found' }),
    ).rejects.toThrow(/cannot go from sent to done/);
    // Another unit's order is not found, whatever its ID.
    await expect(
      gw.app.ops.dispatch.updateOrder(unit(b), { orderId: first.id, status: 'accepted' }),
    ).rejects.toThrow(/not found/);
    for (const status of ['accepted', 'en_route', 'on_scene'] as const) {
      await gw.app.ops.dispatch.updateOrder(unit(a), { orderId: first.id, status });
    }
    await expect(
      gw.app.ops.dispatch.updateOrder(unit(a), { orderId: first.id, status: 'done' }),
    ).rejects.toThrow(/outcome/);
    await gw.app.ops.dispatch.updateOrder(unit(a), {
      orderId: first.id,
      status: 'done',
      outcome: 'suspects_caught',
      suspectsCaught: 2,
    });

    const after = (await getAs(gw, 'admin', `/api/incidents/${incident.id}`)).json();
    expect(after).toMatchObject({ status: 'resolved', outcome: 'suspects_caught', suspectsCaught: 2 });
    expect(after.timeline.map((t: { action: string }) => t.action)).toEqual([
      'reported',
      'dispatched',
      'order_accepted',
      'order_en_route',
      'order_on_scene',
      'order_done',
    ]);
    const units = (await getAs(gw, 'admin', '/api/units')).json() as Unit[];
    expect(units.find((u) => u.id === a)?.status).toBe('available');
    expect(units.find((u) => u.id === b)).toMatchObject({ status: 'available', orderId: null });
    const [other] = await gw.db.query<{ status: string }>('SELECT status FROM orders WHERE id = $1', [
      orders[1]!.id,
    ]);
    expect(other!.status).toBe('cancelled');
    const stats = (await getAs(gw, 'leader', '/api/stats?group=station')).json();
    const row = stats.find((r: { key: string }) => r.key === cam.stationId);
    expect(row).toMatchObject({ suspectsCaught: 2, incidents: 1 });
  });
});
