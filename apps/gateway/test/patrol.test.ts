import type { Camera } from '@onpatrol/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestGateway, getAs, type TestGateway } from './helpers.js';

describe('patrol log and the audit of live views', () => {
  let gw: TestGateway;
  let cam1: Camera;
  let cam2: Camera;
  let cam8: Camera;
  beforeAll(async () => {
    gw = await createTestGateway('pglite');
    cam1 = (await getAs(gw, 'admin', '/api/cameras?station=1&limit=1')).json().items[0];
    cam2 = (await getAs(gw, 'admin', '/api/cameras?station=2&limit=1')).json().items[0];
    cam8 = (await getAs(gw, 'admin', '/api/cameras?station=8&limit=1')).json().items[0];
  });
  afterAll(() => gw?.close());

  const report = async (user: string, body: object) =>
    gw.app.inject({
      method: 'POST',
      url: '/api/patrol-log',
      payload: body,
      headers: { cookie: await gw.login(user) },
    });
  const audit = async (q: string) => (await getAs(gw, 'admin', `/api/audit?${q}`)).json();
  const auditTotal = async () => (await audit('limit=1')).total as number;

  /** The gateway relays the camera's video to `user` from `from` to `to` (a WS-FLV socket held open). */
  function delivered(user: string, cameraId: string, from: number, to: number) {
    vi.useFakeTimers({ toFake: ['Date'], now: from });
    try {
      const release = gw.app.viewings.hold(user, cameraId, 'sub');
      vi.setSystemTime(to);
      release();
    } finally {
      vi.useRealTimers();
    }
  }

  it('records who watched which camera from when to when, in the log and as one audit record', async () => {
    const start = Date.now() - 60_000;
    const startedAt = new Date(start).toISOString();
    const endedAt = new Date(start + 60_000).toISOString();
    delivered('duty', cam1.id, start - 5000, start + 65_000);
    const res = await report('duty', {
      entries: [{ cameraId: cam1.id, stream: 'sub', startedAt, endedAt, tour: '夜间重点' }],
      events: [{ at: endedAt, action: 'tour.start', details: { name: '夜间重点', cameras: 9 } }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ stored: 1, seconds: 60, clamped: 0, unseen: [] });
    const log = (await getAs(gw, 'leader', `/api/patrol-log?user=duty&camera=${cam1.id}`)).json();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ username: 'duty', cameraId: cam1.id, tour: '夜间重点' });
    expect(log[0].seconds).toBeCloseTo(60, 0);
    const views = await audit(`action=patrol.report&target=${cam1.id}`);
    expect(views.total).toBe(1);
    expect(views.items[0]).toMatchObject({ actor: 'duty', stationId: cam1.stationId, targetKind: 'camera' });
    expect(JSON.parse(views.items[0].details)).toMatchObject({
      entries: 1,
      rows: 1,
      cameras: [cam1.id],
      seconds: 60,
      reportedSeconds: 60,
      unseen: 0,
      wallEvents: { recorded: 1, notRecorded: {} },
    });
    const tour = await audit('action=wall.tour.start');
    expect(tour.total).toBe(1);
    expect(JSON.parse(tour.items[0].details)).toEqual({
      clientAt: endedAt,
      client: { name: '夜间重点', cameras: '9' }, // the schema's union coerces to its first type
    });
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

  it('refuses a street unit report about a camera far from its orders', async () => {
    const res = await report('unit', {
      entries: [
        {
          cameraId: cam8.id,
          stream: 'main',
          startedAt: new Date(Date.now() - 60_000).toISOString(),
          endedAt: new Date().toISOString(),
        },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('entries.0.cameraId');
  });

  it('stores nothing of ten years "watched" on a camera the gateway never showed the user', async () => {
    const year = 365 * 24 * 3600_000;
    // The admin sees every station, reported nothing before and was shown no video.
    const res = await report('admin', {
      entries: [
        {
          cameraId: cam8.id,
          stream: 'main',
          startedAt: new Date(Date.now() - 10 * year).toISOString(),
          endedAt: new Date().toISOString(),
        },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ stored: 0, seconds: 0, clamped: 0, unseen: [0] });
    const rows = await gw.db.query("SELECT * FROM patrol_log WHERE username = 'admin'");
    expect(rows).toEqual([]);
    const rec = (await audit('actor=admin&action=patrol.report')).items[0];
    expect(JSON.parse(rec.details)).toMatchObject({ entries: 1, rows: 0, seconds: 0, unseen: 1 });
    expect(JSON.parse(rec.details).reportedSeconds).toBeGreaterThan((9 * year) / 1000);
  });

  it('cuts a session to the stretches in which the gateway delivered the camera', async () => {
    const t = Date.now() - 600_000; // a 10-minute claim; video reached the user twice, 30 s and 20 s
    delivered('chief1', cam1.id, t + 60_000, t + 90_000);
    delivered('chief1', cam1.id, t + 300_000, t + 320_000);
    const res = await report('chief1', {
      entries: [
        {
          cameraId: cam1.id,
          stream: 'sub',
          startedAt: new Date(t).toISOString(),
          endedAt: new Date(t + 600_000).toISOString(),
        },
      ],
    });
    expect(res.json()).toEqual({ stored: 2, seconds: 50, clamped: 1, unseen: [] });
    const log = (await getAs(gw, 'leader', `/api/patrol-log?user=chief1`)).json();
    expect(log.map((r: { startedAt: string; seconds: number }) => [r.startedAt, r.seconds])).toEqual([
      [new Date(t + 300_000).toISOString(), 20],
      [new Date(t + 60_000).toISOString(), 30],
    ]);
  });

  it('writes one audit record for a report of 500 entries, and at most 20 of its 200 wall events', async () => {
    const cams = (await getAs(gw, 'admin', '/api/cameras?station=3&limit=50')).json().items as Camera[];
    const now = Date.now();
    const entries = Array.from({ length: 500 }, (_, i) => ({
      cameraId: cams[i % cams.length]!.id,
      stream: 'sub',
      startedAt: new Date(now - 1000 * (i + 2)).toISOString(),
      endedAt: new Date(now - 1000 * (i + 1)).toISOString(),
    }));
    const events = Array.from({ length: 200 }, (_, i) => ({
      at: new Date(now).toISOString(),
      action: i % 2 ? 'layout.change' : 'tour.start',
      details: { tile: i },
    }));
    const before = await auditTotal();
    const res = await report('leader', { entries, events });
    expect(res.statusCode).toBe(200);
    expect(await auditTotal()).toBe(before + 21);
    const rec = (await audit('actor=leader&action=patrol.report')).items[0];
    expect(rec).toMatchObject({ targetId: null, stationId: cams[0]!.stationId });
    const details = JSON.parse(rec.details);
    expect(details).toMatchObject({ entries: 500, unseen: 500, camerasNotNamed: 30 });
    expect(details.cameras).toHaveLength(20);
    expect(details.wallEvents).toEqual({
      recorded: 20,
      notRecorded: { 'layout.change': 90, 'tour.start': 90 },
    });
  });

  it("keeps a wall event's own time and actor from passing for the record's", async () => {
    const res = await report('duty', {
      entries: [],
      events: [
        {
          at: '2000-01-01T00:00:00.000Z',
          action: 'layout.change',
          details: { at: '2000-01-01T00:00:00.000Z', actor: 'admin', layout: 4 },
        },
      ],
    });
    expect(res.statusCode).toBe(200);
    const rec = (await audit('action=wall.layout.change&actor=duty')).items[0];
    expect(rec.actor).toBe('duty');
    expect(Math.abs(Date.parse(rec.at) - Date.now())).toBeLessThan(60_000);
    const details = JSON.parse(rec.details);
    expect(details).not.toHaveProperty('at');
    expect(details).not.toHaveProperty('actor');
    expect(details).toEqual({
      clientAt: '2000-01-01T00:00:00.000Z',
      client: { at: '2000-01-01T00:00:00.000Z', actor: 'admin', layout: '4' },
    });
  });

  it('limits audit records per caller and counts the rest in one summary record', async () => {
    const events = Array.from({ length: 20 }, () => ({ at: new Date().toISOString(), action: 'tour.pause' }));
    const count = async () => (await audit('actor=community2&action=wall.tour.pause')).total as number;
    for (let i = 0; i < 4; i++)
      expect((await report('community2', { entries: [], events })).statusCode).toBe(200);
    expect(await count()).toBe(60);
    // Another action of the same caller is not held back by the flood.
    await report('community2', {
      entries: [],
      events: [{ at: new Date().toISOString(), action: 'tour.stop' }],
    });
    expect((await audit('actor=community2&action=wall.tour.stop')).total).toBe(1);
    await gw.app.auditLimiter.flush();
    const summary = (await audit('actor=community2&action=audit.rate_limited')).items;
    expect(summary).toHaveLength(1);
    expect(JSON.parse(summary[0].details)).toMatchObject({
      caller: 'user:community2',
      suppressed: 20,
      actions: { 'wall.tour.pause': 20 },
    });
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
