import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { type Database, openPglite } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrations.js';
import { MediaService } from '../../src/media/service.js';
import { Viewings } from '../../src/media/viewings.js';
import { cookie, mediaTestApp } from './app.js';
import { CAM_A, CAM_B, fakeLookup, fakeSpawner } from './fakes.js';

const T0 = Date.parse('2026-05-01T08:00:00.000Z');
const at = (s: number) => T0 + s * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('viewing records', () => {
  let db: Database;
  let clock: number;
  let viewings: Viewings;
  beforeAll(async () => {
    db = await openPglite(null);
    await migrate(db);
  });
  afterAll(() => db?.close());
  beforeEach(async () => {
    await db.query('DELETE FROM media_views');
    clock = at(0);
    viewings = new Viewings(db, { gapMs: 5000, coverMs: 1000, flushMs: 60_000, now: () => clock });
  });
  afterEach(() => viewings.close());

  /** One HLS segment delivered to `user` every second from `from` to `to` (seconds after T0). */
  const segments = (user: string, cam: string, from: number, to: number, stream: 'main' | 'sub' = 'sub') => {
    for (let s = from; s <= to; s++) {
      clock = at(s);
      viewings.delivered(user, cam, stream);
    }
  };

  it('opens at the first delivery, grows while they continue and closes after a gap', async () => {
    segments('duty', CAM_A, 0, 29);
    segments('duty', CAM_A, 40, 49); // 10 s after the video ran out: a new viewing
    segments('duty', CAM_A, 53, 55); // 3 s gap: the same viewing goes on
    const got = await viewings.intervals('duty', [CAM_A, CAM_B], at(-60), at(600));
    expect(got.get(CAM_A)).toEqual([
      { from: at(0), to: at(30) },
      { from: at(40), to: at(56) },
    ]);
    expect(got.has(CAM_B)).toBe(false);
    expect(await viewings.viewedSeconds('duty', CAM_A, at(-60), at(600))).toBe(46);
    // Clipped to the range asked, and nothing for another user.
    expect(await viewings.viewedSeconds('duty', CAM_A, at(10), at(45))).toBe(25);
    expect(await viewings.viewedSeconds('chief1', CAM_A, at(-60), at(600))).toBe(0);
  });

  it('counts a camera watched in two streams at once once', async () => {
    segments('duty', CAM_A, 0, 19, 'sub');
    segments('duty', CAM_A, 10, 29, 'main');
    expect(await viewings.viewedSeconds('duty', CAM_A, at(0), at(100))).toBe(30);
  });

  it('keeps a held delivery open until it is released, and persists what it saw', async () => {
    const release = viewings.hold('duty', CAM_B, 'sub');
    clock = at(120); // two minutes of WS-FLV, no other request in between
    expect(await viewings.viewedSeconds('duty', CAM_B, at(-10), at(1000))).toBe(120);
    clock = at(300);
    release();
    clock = at(900);
    expect(await viewings.viewedSeconds('duty', CAM_B, at(-10), at(1000))).toBe(300);
    // Written to the table: another instance (a restarted gateway) reads the same.
    const after = new Viewings(db, { now: () => clock });
    expect(await after.viewedSeconds('duty', CAM_B, at(-10), at(1000))).toBe(300);
    await after.close();
    const rows = await db.query<{ username: string; camera_id: string; stream: string }>(
      'SELECT username, camera_id, stream FROM media_views',
    );
    expect(rows).toEqual([{ username: 'duty', camera_id: CAM_B, stream: 'sub' }]);
  });

  it('writes open viewings on close, up to the end of what was delivered', async () => {
    segments('duty', CAM_A, 0, 9);
    await viewings.close();
    const [row] = await db.query<{ started_at: Date; ended_at: Date }>(
      'SELECT started_at, ended_at FROM media_views',
    );
    expect([iso(new Date(row!.started_at).getTime()), iso(new Date(row!.ended_at).getTime())]).toEqual([
      iso(at(0)),
      iso(at(10)),
    ]);
  });
});

// The media routes tell the recorder what they actually delivered, and only that.
describe('media routes record deliveries', () => {
  let dir: string;
  let media: MediaService;
  let app: FastifyInstance;
  let upstream: http.Server;
  const calls: string[] = [];
  const recorder = {
    delivered: (u: string, c: string, s: string) => void calls.push(`delivered ${u} ${c} ${s}`),
    hold: (u: string, c: string, s: string) => {
      calls.push(`hold ${u} ${c} ${s}`);
      return () => void calls.push(`release ${u} ${c} ${s}`);
    },
  };

  beforeAll(async () => {
    upstream = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'video/x-flv' });
      res.write(Buffer.from('FLV\x01\x01\x00\x00\x00\x09\x00\x00\x00\x00', 'latin1'));
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    upstream.closeAllConnections();
    await new Promise((r) => upstream.close(r));
  });
  beforeEach(async () => {
    calls.length = 0;
    dir = mkdtempSync(path.join(tmpdir(), 'media-viewings-'));
    media = new MediaService(
      {
        hlsDir: dir,
        maxStreams: 4,
        idleMs: 30_000,
        nmsRtmpPort: 1935,
        nmsHttpPort: (upstream.address() as AddressInfo).port,
        ffmpegPath: 'ffmpeg',
        segmentSeconds: 1,
        listSize: 4,
      },
      { spawn: fakeSpawner().spawn, lookupCamera: fakeLookup().lookupCamera },
    );
    app = await mediaTestApp(media, () => true, recorder);
  });
  afterEach(async () => {
    await app.close();
    await media.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const get = (url: string, user = 'duty') => app.inject({ url, headers: { cookie: cookie(user) } });

  it('records a served segment for its user, and no playlist, missing segment or refusal', async () => {
    const { hls } = (await get(`/api/cameras/${CAM_A}/live`)).json();
    const streamDir = path.join(dir, `${CAM_A}_sub`);
    mkdirSync(streamDir, { recursive: true });
    writeFileSync(
      path.join(streamDir, 'index.m3u8'),
      '#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:7\n#EXTINF:1.0,\nseg_7.ts\n',
    );
    writeFileSync(path.join(streamDir, 'seg_7.ts'), Buffer.from([0x47, 0, 0, 0]));
    expect((await get(hls)).statusCode).toBe(200);
    expect((await get(hls.replace('index.m3u8', 'seg_8.ts'))).statusCode).toBe(404);
    expect((await get(hls.replace('index.m3u8', 'seg_7.ts'), 'other')).statusCode).toBe(403);
    expect(calls).toEqual([]);
    expect((await get(hls.replace('index.m3u8', 'seg_7.ts'))).statusCode).toBe(200);
    expect(calls).toEqual([`delivered duty ${CAM_A} sub`]);
  });

  it('holds a viewing for as long as a WS-FLV socket relays video', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { wsFlv } = (await get(`/api/cameras/${CAM_B}/live?stream=main`)).json();
    const port = (app.server.address() as AddressInfo).port;
    const ws = new WebSocket(`ws://127.0.0.1:${port}${wsFlv}`, { headers: { cookie: cookie('duty') } });
    await new Promise((resolve, reject) => {
      ws.once('message', resolve);
      ws.once('error', reject);
    });
    expect(calls).toEqual([`hold duty ${CAM_B} main`]);
    ws.close();
    await vi.waitFor(() => expect(calls).toEqual([`hold duty ${CAM_B} main`, `release duty ${CAM_B} main`]));
  });
});
