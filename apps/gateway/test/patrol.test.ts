import type { Camera } from '@onpatrol/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestGateway, getAs, type TestGateway } from './helpers.js';

describe('patrol log and the audit of live views', () => {
  let gw: TestGateway;
  let cam1: Camera;
  let cam2: Camera;
  beforeAll(async () => {
    gw = await createTestGateway('pglite');
    cam1 = (await getAs(gw, 'admin', '/api/cameras?station=1&limit=1')).json().items[0];
    cam2 = (await getAs(gw, 'admin', '/api/cameras?station=2&limit=1')).json().items[0];
  });
  afterAll(() => gw?.close());

  const report = async (user: string, body: object) =>
    gw.app.inject({
      method: 'POST',
      url: '/api/patrol-log',
      payload: body,
      headers: { cookie: await gw.login(user) },
    });

  it('records who watched which camera from when to when, in the log and the audit', async () => {
    const startedAt = new Date(Date.now() - 60_000).toISOString();
    const endedAt = new Date().toISOString();
    const res = await report('duty', {
      entries: [{ cameraId: cam1.id, stream: 'sub', startedAt, endedAt, tour: '夜间重点' }],
      events: [{ at: endedAt, action: 'tour.start', details: { name: '夜间重点', cameras: 9 } }],
    });
    expect(res.statusCode).toBe(204);
    const log = (await getAs(gw, 'leader', `/api/patrol-log?user=duty&camera=${cam1.id}`)).json();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ username: 'duty', cameraId: cam1.id, tour: '夜间重点' });
    expect(log[0].seconds).toBeCloseTo(60, 0);
    const views = (await getAs(gw, 'admin', `/api/audit?action=live.view&target=${cam1.id}`)).json();
    expect(views.items[0]).toMatchObject({ actor: 'duty', stationId: cam1.stationId });
    expect(JSON.parse(views.items[0].details)).toMatchObject({ from: startedAt, to: endedAt });
    expect((await getAs(gw, 'admin', '/api/audit?action=wall.tour.start')).json().total).toBe(1);
  });

  it("refuses another station's camera and bad times, naming the entry, and stores nothing", async () => {
    const now = new Date().toISOString();
    const other = await report('chief1', {
      entries: [{ cameraId: cam2.id, stream: 'sub', startedAt: now, endedAt: now }],
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().field).toBe('entries.0.cameraId');
    const backwards = await report('duty', {
      entries: [
        {
          cameraId: cam1.id,
          stream: 'main',
          startedAt: now,
          endedAt: new Date(Date.now() - 5000).toISOString(),
        },
      ],
    });
    expect(backwards.json().field).toBe('entries.0.endedAt');
    const [row] = await gw.db.query<{ n: number }>('SELECT count(*)::int AS n FROM patrol_log');
    expect(row!.n).toBe(1);
  });

  it('audits opening a live stream', async () => {
    const res = await getAs(gw, 'duty', `/api/cameras/${cam1.id}/live?stream=sub`);
    expect(res.statusCode).toBe(200);
    expect(res.json().hls).toMatch(/^\/media\/hls\/.*sig=/);
    const opened = (await getAs(gw, 'admin', `/api/audit?action=live.open&target=${cam1.id}`)).json();
    expect(opened.items[0]).toMatchObject({ actor: 'duty' });
  });

  it('audits a renewal of the URLs as the same opening, and a request after a pause as a new one', async () => {
    const count = async (stream: string) =>
      (await getAs(gw, 'admin', `/api/audit?action=live.open&target=${cam1.id}&actor=duty&limit=100`))
        .json()
        .items.filter((i: { details: string }) => JSON.parse(i.details).stream === stream).length;
    const before = await count('sub');
    expect((await getAs(gw, 'duty', `/api/cameras/${cam1.id}/live?stream=sub`)).statusCode).toBe(200);
    expect(await count('sub')).toBe(before);
    // Another stream of the camera is another opening.
    expect((await getAs(gw, 'duty', `/api/cameras/${cam1.id}/live?stream=main`)).statusCode).toBe(200);
    expect(await count('main')).toBe(1);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 11 * 60_000 });
    try {
      expect((await getAs(gw, 'duty', `/api/cameras/${cam1.id}/live?stream=sub`)).statusCode).toBe(200);
    } finally {
      vi.useRealTimers();
    }
    expect(await count('sub')).toBe(before + 1);
  });
});
