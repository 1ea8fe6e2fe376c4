import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot } from '../../src/ops/socket.js';
import { createTestGateway, getAs, type TestGateway } from '../helpers.js';

describe('operational snapshot', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await createTestGateway('pglite');
  });
  afterAll(() => gw?.close());

  it('holds every open alarm even when hundreds of closed ones are newer', async () => {
    const devices = (await getAs(gw, 'admin', '/api/alarm-devices?limit=400'))
      .json()
      .items.map((d: { id: string }) => d.id);
    const open = await gw.app.ops.intake.submit(devices[0], { kind: 'intrusion' });
    await Promise.all(
      devices.slice(1, 301).map((id: string) => gw.app.ops.intake.submit(id, { kind: 'intrusion' })),
    );
    await gw.db.query(`UPDATE alarms SET status = 'dismissed' WHERE id <> $1`, [open.alarmId]);
    const snap = await snapshot(gw.app.ops, { stationId: null, unitId: null, unitOnly: false });
    expect(snap.alarms.map((a) => a.id)).toEqual([open.alarmId]);
  });
});
