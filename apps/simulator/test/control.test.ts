import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtspTestClient } from '../src/index.js';
import { CAMERAS, frameHashes, probe, sleep, startTestSim, type TestSim, UNKNOWN, until } from './helpers.js';

let sim: TestSim;
const [, , cam3, cam4, cam5] = CAMERAS;

beforeAll(async () => {
  sim = await startTestSim();
});
afterAll(async () => {
  await sim?.close();
});

describe('control API', () => {
  it('reports health and camera state', async () => {
    expect(await sim.control('GET', '/health')).toEqual({ status: 200, body: { status: 'ok' } });
    const r = await sim.control('GET', `/cameras/${cam3!.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      id: cam3!.id,
      name: cam3!.name,
      fault: { mode: 'normal' },
      streams: { main: { active: false } },
    });
    expect(r.body.streams.sub.url).toBe(sim.url(cam3!.id, 'sub'));
  });

  it('rejects bad input with 400 naming the field, unknown cameras with 404', async () => {
    const bad = [
      [{ mode: 'explode' }, 'mode'],
      [{}, 'mode'],
      [{ mode: 'drop' }, 'seconds'],
      [{ mode: 'drop', seconds: 'ten' }, 'seconds'],
      [{ mode: 'freeze', extra: 1 }, 'extra'],
      ['{not json', 'body'],
    ] as const;
    for (const [body, field] of bad) {
      const r = await sim.control('POST', `/cameras/${cam3!.id}/fault`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.field).toBe(field);
      expect(r.body.message).toContain(field);
    }
    expect((await sim.control('POST', '/cameras/123/fault', { mode: 'offline' })).body.field).toBe('id');
    for (const [method, route] of [
      ['GET', `/cameras/${UNKNOWN}`],
      ['POST', `/cameras/${UNKNOWN}/restore`],
      ['POST', `/cameras/${UNKNOWN}/fault`],
    ] as const) {
      expect(
        (await sim.control(method, route, method === 'POST' ? { mode: 'offline' } : undefined)).status,
      ).toBe(404);
    }
    expect((await sim.control('GET', `/cameras/${cam3!.id}/fault`)).status).toBe(405);
  });

  it('offline closes playing sessions and refuses DESCRIBE with 503 until restored', async () => {
    const viewer = await RtspTestClient.connect('127.0.0.1', sim.rtspPort);
    await viewer.play(sim.url(cam3!.id, 'sub'));
    await until('packets', () => viewer.stats.packets > 0);
    const r = await sim.control('POST', `/cameras/${cam3!.id}/fault`, { mode: 'offline' });
    expect(r.body.fault.mode).toBe('offline');
    await viewer.closed;
    const c = await RtspTestClient.connect('127.0.0.1', sim.rtspPort);
    expect((await c.request('DESCRIBE', sim.url(cam3!.id, 'sub'))).status).toBe(503);
    expect(
      (
        await c.request('SETUP', `${sim.url(cam3!.id, 'sub')}/trackID=0`, {
          Transport: 'RTP/AVP/TCP;interleaved=0-1',
        })
      ).status,
    ).toBe(503);
    await c.close();
    expect((await probe(sim.url(cam3!.id, 'sub'), 'tcp')).ok).toBe(false);
    expect((await sim.control('POST', `/cameras/${cam3!.id}/restore`)).body.fault.mode).toBe('normal');
    expect(await probe(sim.url(cam3!.id, 'sub'), 'tcp')).toMatchObject({ ok: true, width: 640 });
  });

  it('freeze sends the same picture over and over; restore moves it again', async () => {
    const url = sim.url(cam4!.id, 'sub');
    expect(new Set(await frameHashes(url, 8)).size).toBe(8);
    await sim.control('POST', `/cameras/${cam4!.id}/fault`, { mode: 'freeze' });
    const frozen = await frameHashes(url, 8);
    expect(frozen).toHaveLength(8);
    expect(new Set(frozen).size).toBe(1);
    await sim.control('POST', `/cameras/${cam4!.id}/restore`);
    expect(new Set(await frameHashes(url, 8)).size).toBe(8);
  });

  it('drop stops every packet for N seconds on an open connection, then resumes at a keyframe', async () => {
    const viewer = await RtspTestClient.connect('127.0.0.1', sim.rtspPort);
    await viewer.play(sim.url(cam5!.id, 'sub'));
    await until('packets', () => viewer.stats.packets > 0);
    const set = await sim.control('POST', `/cameras/${cam5!.id}/fault`, { mode: 'drop', seconds: 2 });
    expect(Date.parse(set.body.fault.until) - Date.parse(set.body.fault.since)).toBe(2000);
    const before = set.body.streams.sub.packetsSent;
    await sleep(400);
    const mid = (await sim.control('GET', `/cameras/${cam5!.id}`)).body;
    // Counters, not the clock: while the fault is reported in force, nothing was sent.
    if (mid.fault.mode === 'drop') expect(mid.streams.sub.packetsSent).toBe(before);
    const received = viewer.stats.packets;
    const keyframes = viewer.stats.keyframes;
    await until(
      'the drop to end',
      async () => (await sim.control('GET', `/cameras/${cam5!.id}`)).body.fault.mode === 'normal',
    );
    await until('packets again', () => viewer.stats.packets > received);
    await until('a keyframe after the drop', () => viewer.stats.keyframes > keyframes);
    expect(viewer.stats.seqGaps).toBe(0);
    expect((await sim.control('GET', '/stats')).body.sessions).toBe(1);
    await viewer.close();
  });
});
