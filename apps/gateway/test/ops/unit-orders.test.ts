import { type Camera, UnitOrder } from '@onpatrol/contracts';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, getAs, type TestGateway } from '../helpers.js';

// GET /api/units/me/orders: what the street unit's page loads on start and after a reconnect.
describe('a unit’s own orders over REST', () => {
  let gw: TestGateway;
  let cam: Camera;
  const leader = { username: 'leader', role: 'shift_leader', stationId: null, unitId: null };
  const terminal = (id: string) => ({
    username: `terminal:${id}`,
    role: 'street_unit',
    stationId: null,
    unitId: id,
  });
  const mine = () => getAs(gw, 'unit', '/api/units/me/orders');

  beforeAll(async () => {
    gw = await createTestGateway('pglite');
    cam = (await getAs(gw, 'admin', '/api/cameras?station=1&limit=1')).json().items[0];
  });
  afterAll(() => gw?.close());

  it('lists only the signed-in unit’s open orders, each with its incident', async () => {
    expect((await mine()).json()).toEqual([]);
    const incident = await gw.app.ops.incidents.report(
      { username: 'duty', role: 'duty_officer', stationId: null, unitId: null },
      { cameraId: cam.id, kind: 'fight', note: '两人斗殴' },
    );
    const other = await gw.app.ops.incidents.report(
      { username: 'duty', role: 'duty_officer', stationId: null, unitId: null },
      { cameraId: cam.id, kind: 'theft', note: '' },
    );
    const [order] = await gw.app.ops.dispatch.send(leader, {
      incidentId: incident.id,
      unitIds: ['YH01-1'],
      task: 'intercept',
    });
    // Another unit's order, on another incident: not in this unit's list.
    await gw.app.ops.dispatch.send(leader, { incidentId: other.id, unitIds: ['YH01-2'], task: 'check' });

    const res = await mine();
    expect(res.statusCode).toBe(200);
    const list = res.json();
    expect(Value.Check(Type.Array(UnitOrder), list)).toBe(true);
    expect(list).toHaveLength(1);
    expect(list[0].order).toMatchObject({ id: order!.id, unitId: 'YH01-1', status: 'sent' });
    expect(list[0].incident).toMatchObject({
      id: incident.id,
      kind: 'fight',
      place: incident.place,
      cameraId: cam.id,
      status: 'dispatched',
    });
    expect(list[0].incident.timeline.map((t: { action: string }) => t.action)).toContain('reported');

    // The list follows the order: its incident's new state shows, and a finished order leaves.
    for (const status of ['accepted', 'en_route', 'on_scene'] as const)
      await gw.app.ops.dispatch.updateOrder(terminal('YH01-1'), { orderId: order!.id, status });
    expect((await mine()).json()[0]).toMatchObject({
      order: { status: 'on_scene' },
      incident: { status: 'on_scene' },
    });
    await gw.app.ops.dispatch.updateOrder(terminal('YH01-1'), {
      orderId: order!.id,
      status: 'done',
      outcome: 'suspects_caught',
      suspectsCaught: 2,
    });
    expect((await mine()).json()).toEqual([]);
  });

  it('is refused to every role without unit:act, and without a session', async () => {
    for (const user of ['admin', 'leader', 'duty', 'chief1', 'community1']) {
      const res = await getAs(gw, user, '/api/units/me/orders');
      expect(res.statusCode, user).toBe(403);
      expect(res.json().rule, user).toBe('unit:act');
    }
    expect((await gw.app.inject({ method: 'GET', url: '/api/units/me/orders' })).statusCode).toBe(401);
  });
});
