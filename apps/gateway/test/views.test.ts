import type { Camera } from '@onpatrol/contracts';
import { MAX_SAVED_VIEWS } from '@onpatrol/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type DbKind, getAs, type TestGateway } from './helpers.js';

describe.each<DbKind>(['pglite', 'postgres'])('saved layouts and tours on %s', (kind) => {
  let gw: TestGateway;
  let cams1: Camera[];
  let cam2: Camera;
  beforeAll(async () => {
    gw = await createTestGateway(kind);
    cams1 = (await getAs(gw, 'admin', '/api/cameras?station=1&limit=4')).json().items;
    cam2 = (await getAs(gw, 'admin', '/api/cameras?station=2&limit=1')).json().items[0];
  });
  afterAll(() => gw?.close());

  const send = async (user: string, method: 'PUT' | 'DELETE' | 'GET', url: string, payload?: object) =>
    gw.app.inject({ method, url, payload, headers: { cookie: await gw.login(user) } });

  it('saves, replaces, lists (sorted) and deletes layouts per user, and audits each change', async () => {
    const a = { layout: 4, cameras: [cams1[0]!.id, null, cams1[1]!.id] };
    expect(
      (await send('duty', 'PUT', `/api/me/layouts/${encodeURIComponent('B 夜班北区')}`, a)).statusCode,
    ).toBe(200);
    const b = { layout: 1, cameras: [cams1[2]!.id] };
    const saved = await send('duty', 'PUT', '/api/me/layouts/A-gate', b);
    expect(saved.json().map((l: { name: string }) => l.name)).toEqual(['A-gate', 'B 夜班北区']);
    // Same name again replaces it.
    await send('duty', 'PUT', '/api/me/layouts/A-gate', { layout: 9, cameras: [] });
    const listed = (await send('duty', 'GET', '/api/me/layouts')).json();
    expect(listed).toHaveLength(2);
    expect(listed[0]).toMatchObject({ name: 'A-gate', layout: 9, cameras: [] });
    expect(listed[1]).toMatchObject({ name: 'B 夜班北区', ...a });
    expect(Date.parse(listed[1].updatedAt)).not.toBeNaN();
    // Another user sees none of them.
    expect((await send('leader', 'GET', '/api/me/layouts')).json()).toEqual([]);
    const del = await send('duty', 'DELETE', '/api/me/layouts/A-gate');
    expect(del.json().map((l: { name: string }) => l.name)).toEqual(['B 夜班北区']);
    expect((await send('duty', 'DELETE', '/api/me/layouts/A-gate')).statusCode).toBe(404);
    const audit = (await getAs(gw, 'admin', '/api/audit?actor=duty&action=wall.layout.save')).json();
    expect(audit.total).toBe(3);
    expect((await getAs(gw, 'admin', '/api/audit?actor=duty&action=wall.layout.delete')).json().total).toBe(
      1,
    );
  });

  it('saves tours and refuses bad ones, naming the field, without touching what is stored', async () => {
    const tour = { cameraIds: cams1.map((c) => c.id), dwellSec: 20 };
    expect((await send('chief1', 'PUT', '/api/me/tours/night', tour)).statusCode).toBe(200);
    const bad: Array<[object, string]> = [
      [{ cameraIds: [], dwellSec: 20 }, 'cameraIds'],
      [{ cameraIds: [cams1[0]!.id], dwellSec: 2 }, 'dwellSec'],
      [{ cameraIds: ['123'], dwellSec: 20 }, 'cameraIds.0'],
      [{ cameraIds: [cams1[0]!.id, cams1[0]!.id], dwellSec: 20 }, 'cameraIds.1'],
      // A station chief may not save another station's camera.
      [{ cameraIds: [cams1[0]!.id, cam2.id], dwellSec: 20 }, 'cameraIds.1'],
      [{ cameraIds: [cams1[0]!.id], dwellSec: 20, extra: 1 }, 'extra'],
    ];
    for (const [body, field] of bad) {
      const res = await send('chief1', 'PUT', '/api/me/tours/night', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(`${res.json().field ?? ''} ${res.json().message}`).toContain(field);
    }
    const layout = await send('chief1', 'PUT', '/api/me/layouts/x', {
      layout: 1,
      cameras: [cams1[0]!.id, cams1[1]!.id],
    });
    expect(layout.statusCode).toBe(400);
    expect(layout.json().field).toBe('cameras');
    expect((await send('chief1', 'PUT', '/api/me/layouts/x', { layout: 6, cameras: [] })).statusCode).toBe(
      400,
    );
    for (const name of ['%20%20', 'a%2Fb', 'x'.repeat(41), 'tab%09name']) {
      const res = await send('chief1', 'PUT', `/api/me/tours/${name}`, tour);
      expect(res.statusCode, name).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, name).toBeLessThan(500);
    }
    const stored = (await send('chief1', 'GET', '/api/me/tours')).json();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ name: 'night', ...tour });
  });

  it(`keeps at most ${MAX_SAVED_VIEWS} per user and kind, but lets one be replaced at the limit`, async () => {
    await gw.db.query(
      `INSERT INTO saved_views (username, kind, name, body)
       SELECT 'leader', 'layout', 'L' || g, '{"layout":1,"cameras":[]}'::jsonb FROM generate_series(1, $1::int) g`,
      [MAX_SAVED_VIEWS],
    );
    const over = await send('leader', 'PUT', '/api/me/layouts/one-more', { layout: 1, cameras: [] });
    expect(over.statusCode).toBe(409);
    expect(over.json().rule).toBe('saved-views-limit');
    const replace = await send('leader', 'PUT', '/api/me/layouts/L7', { layout: 4, cameras: [] });
    expect(replace.statusCode).toBe(200);
    expect(replace.json()).toHaveLength(MAX_SAVED_VIEWS);
    // Tours have their own allowance.
    expect(
      (await send('leader', 'PUT', '/api/me/tours/t', { cameraIds: [cams1[0]!.id], dwellSec: 30 }))
        .statusCode,
    ).toBe(200);
  });
});
