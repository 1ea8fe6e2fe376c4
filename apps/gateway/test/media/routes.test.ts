import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { MediaService } from '../../src/media/service.js';
import { signStream } from '../../src/media/signing.js';
import { cookie, mediaTestApp, SECRET } from './app.js';
import { CAM_A, CAM_B, CAM_C, fakeLookup, fakeSpawner } from './fakes.js';

const PLAYLIST = [
  '#EXTM3U',
  '#EXT-X-VERSION:6',
  '#EXT-X-TARGETDURATION:1',
  '#EXT-X-MEDIA-SEQUENCE:1700000000',
  '#EXT-X-PROGRAM-DATE-TIME:2026-05-01T08:00:00.000+0000',
  '#EXTINF:1.000000,',
  'seg_1700000000.ts',
  '#EXTINF:1.000000,',
  'seg_1700000001.ts',
  '',
].join('\n');

const FLV_HEADER = Buffer.from('FLV\x01\x01\x00\x00\x00\x09\x00\x00\x00\x00', 'latin1');

/** Opens a WebSocket and settles with the first message, or with the HTTP answer that refused it. */
function openWs(url: string, headers: Record<string, string>) {
  return new Promise<{ ws?: WebSocket; first?: Buffer; status?: number; body?: string }>(
    (resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      ws.once('message', (data: Buffer) => resolve({ ws, first: data }));
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode, body }));
      });
      ws.once('error', reject);
    },
  );
}

describe('media routes', () => {
  let dir: string;
  let spawner: ReturnType<typeof fakeSpawner>;
  let media: MediaService;
  let app: FastifyInstance;
  // A stand-in for node-media-server's HTTP-FLV endpoint; camera B's stream ends after the header.
  let upstream: http.Server;
  const upstreamRequests: string[] = [];
  let upstreamClosed = 0;

  beforeAll(async () => {
    upstream = http.createServer((req, res) => {
      upstreamRequests.push(req.url ?? '');
      req.socket.on('close', () => {
        upstreamClosed += 1;
      });
      res.writeHead(200, { 'content-type': 'video/x-flv' });
      res.write(FLV_HEADER);
      if (req.url?.includes(CAM_B)) res.end();
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    upstream.closeAllConnections();
    await new Promise((r) => upstream.close(r));
  });

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'media-routes-'));
    spawner = fakeSpawner();
    media = new MediaService(
      {
        hlsDir: dir,
        maxStreams: 2,
        idleMs: 30_000,
        nmsRtmpPort: 1935,
        nmsHttpPort: (upstream.address() as AddressInfo).port,
        ffmpegPath: 'ffmpeg',
        segmentSeconds: 1,
        listSize: 4,
      },
      { spawn: spawner.spawn, lookupCamera: fakeLookup({ [CAM_C]: 'file:///etc/passwd' }).lookupCamera },
    );
    // chief1's jurisdiction holds camera A only; everyone else sees every camera.
    app = await mediaTestApp(media, (u, id) => u.username !== 'chief1' || id === CAM_A);
  });
  afterEach(async () => {
    await app.close();
    await media.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string, user: string | null = 'duty') =>
    app.inject({ method: 'GET', url, headers: user ? { cookie: cookie(user) } : {} });

  it('starts the stream and returns signed HLS and WS-FLV URLs', async () => {
    expect((await get(`/api/cameras/${CAM_A}/live`, null)).statusCode).toBe(401);
    const res = await get(`/api/cameras/${CAM_A}/live`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ cameraId: CAM_A, stream: 'sub', state: 'connecting' });
    expect(body.hls).toMatch(new RegExp(`^/media/hls/${CAM_A}/sub/index\\.m3u8\\?exp=\\d+&sig=[\\w-]{43}$`));
    expect(body.wsFlv).toMatch(new RegExp(`^/media/ws-flv/${CAM_A}_sub\\.flv\\?exp=\\d+&sig=[\\w-]{43}$`));
    const ttl = Date.parse(body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(290_000);
    expect(ttl).toBeLessThanOrEqual(300_000);
    expect(spawner.children).toHaveLength(1);
    const main = (await get(`/api/cameras/${CAM_A}/live?stream=main`)).json();
    expect(main.hls).toContain('/main/index.m3u8');
    expect(spawner.children).toHaveLength(2);
    expect((await get(`/api/cameras/${CAM_A}/live?stream=hd`)).statusCode).toBe(400);
  });

  it('answers 404 for a camera outside the user’s jurisdiction and starts nothing', async () => {
    const res = await get(`/api/cameras/${CAM_B}/live`, 'chief1');
    expect(res.statusCode).toBe(404);
    expect(spawner.children).toHaveLength(0);
    expect((await get(`/api/cameras/${CAM_A}/live`, 'chief1')).statusCode).toBe(200);
  });

  it('answers 503 naming the cap when every stream slot is taken', async () => {
    await get(`/api/cameras/${CAM_A}/live`);
    await get(`/api/cameras/${CAM_A}/live?stream=main`);
    const res = await get(`/api/cameras/${CAM_B}/live`);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ rule: 'maxStreams' });
    expect(res.json().message).toContain('2 concurrent streams');
  });

  it('answers 422 for a registered URL that fails the allow-list', async () => {
    const res = await get(`/api/cameras/${CAM_C}/live`);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'rtsp-allow-list' });
    expect(spawner.children).toHaveLength(0);
  });

  it('serves the playlist with signed segment URIs and the segments from disk', async () => {
    const { hls } = (await get(`/api/cameras/${CAM_A}/live`)).json();
    const streamDir = path.join(dir, `${CAM_A}_sub`);
    mkdirSync(streamDir, { recursive: true });
    writeFileSync(path.join(streamDir, 'index.m3u8'), PLAYLIST);
    writeFileSync(path.join(streamDir, 'seg_1700000001.ts'), Buffer.from([0x47, 1, 2, 3]));
    const written = Date.parse('2026-05-01T09:30:02.250Z');
    utimesSync(path.join(streamDir, 'seg_1700000001.ts'), new Date(written), new Date(written));
    const res = await get(hls);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/vnd.apple.mpegurl');
    expect(res.headers['cache-control']).toBe('no-cache');
    const query = hls.slice(hls.indexOf('?'));
    expect(res.body).toContain(`\nseg_1700000000.ts${query}\n`);
    // Dated from when the segment was written, not from ffmpeg's clock (seg_1700000000 is gone:
    // it follows on from its neighbour).
    expect(res.body).toContain(
      '#EXT-X-PROGRAM-DATE-TIME:2026-05-01T09:30:00.250Z\n#EXTINF:1.000000,\nseg_1700000000',
    );
    expect(res.body).toContain(
      '#EXT-X-PROGRAM-DATE-TIME:2026-05-01T09:30:01.250Z\n#EXTINF:1.000000,\nseg_1700000001',
    );
    expect(res.body).not.toContain('2026-05-01T08:00:00');
    const seg = await get(hls.replace('index.m3u8', 'seg_1700000001.ts'));
    expect(seg.statusCode).toBe(200);
    expect(seg.headers['content-type']).toBe('video/mp2t');
    expect(seg.rawPayload).toEqual(Buffer.from([0x47, 1, 2, 3]));
    expect((await get(hls.replace('index.m3u8', 'seg_1699999999.ts'))).statusCode).toBe(404);
  });

  it('refuses media URLs that are unsigned, expired, tampered with or someone else’s', async () => {
    const { hls } = (await get(`/api/cameras/${CAM_A}/live`)).json();
    const base = `/media/hls/${CAM_A}/sub/index.m3u8`;
    const old = signStream(SECRET, 'duty', CAM_A, 'sub', Date.now() - 301_000).query;
    const forB = hls.replace(CAM_A, CAM_B);
    const forMain = hls.replace('/sub/', '/main/');
    const tampered = hls.replace(/sig=(.)/, (_: string, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`);
    for (const url of [base, `${base}?exp=9999999999`, `${base}?${old}`, forB, forMain, tampered]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json()).toMatchObject({ rule: 'signed-url' });
    }
    expect((await get(hls, 'other')).statusCode).toBe(403);
    expect((await get(hls, null)).statusCode).toBe(401);
  });

  it('cannot be walked out of the HLS folder', async () => {
    const { hls } = (await get(`/api/cameras/${CAM_A}/live`)).json();
    const query = hls.slice(hls.indexOf('?'));
    const prefix = `/media/hls/${CAM_A}/sub/`;
    for (const file of [
      '..%2f..%2f..%2fetc%2fpasswd',
      '..%2F..%2Fetc%2Fpasswd',
      'index.m3u8%00',
      'seg_1.ts%2f..%2f..%2fx',
      'seg_1.tsx',
    ]) {
      const res = await get(`${prefix}${file}${query}`);
      expect(res.statusCode, file).toBe(400);
      expect(res.body).not.toContain('root:');
    }
    for (const url of [
      `${prefix}../../../../etc/passwd${query}`,
      `${prefix}%2e%2e${query}`,
      `${prefix}..${query}`,
      `/media/hls/${CAM_A}/..%2f..%2f/index.m3u8${query}`,
    ]) {
      const res = await get(url);
      expect([400, 404], url).toContain(res.statusCode);
      expect(res.body).not.toContain('root:');
    }
  });

  describe('WS-FLV', () => {
    let base: string;
    beforeEach(async () => {
      await app.listen({ port: 0, host: '127.0.0.1' });
      base = `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    });
    const live = async (id = CAM_A) => (await get(`/api/cameras/${id}/live`)).json().wsFlv as string;

    it('relays the media server’s FLV as binary messages and holds the stream while open', async () => {
      const url = await live();
      const released: string[] = [];
      const hold = media.hold.bind(media);
      vi.spyOn(media, 'hold').mockImplementation((key, viewer) => {
        const release = hold(key, viewer);
        return () => {
          released.push(`${key}/${viewer}`);
          release();
        };
      });
      const { ws, first } = await openWs(`${base}${url}`, { cookie: cookie('duty') });
      expect(first?.subarray(0, 3).toString()).toBe('FLV');
      expect(upstreamRequests.at(-1)).toBe(`/live/${CAM_A}_sub.flv`);
      // The stream is held for as long as the socket is open…
      expect(media.hold).toHaveBeenCalledWith(`${CAM_A}_sub`, 'duty');
      expect(released).toEqual([]);
      // …and when the viewer goes away, so do the hold and the upstream connection.
      const closedBefore = upstreamClosed;
      ws?.close();
      await vi.waitFor(() => expect(upstreamClosed).toBeGreaterThan(closedBefore), { timeout: 3000 });
      await vi.waitFor(() => expect(released).toEqual([`${CAM_A}_sub/duty`]), { timeout: 3000 });
    });

    it('closes the viewer’s socket when the media server ends the stream', async () => {
      const url = await live(CAM_B);
      const { ws, first } = await openWs(`${base}${url}`, { cookie: cookie('duty') });
      expect(first?.subarray(0, 3).toString()).toBe('FLV');
      const code = await new Promise<number>((resolve) => ws?.once('close', resolve));
      expect(code).toBe(1011);
    });

    it('refuses the upgrade with an HTTP status: no session, bad signature, someone else’s URL, bad name', async () => {
      const url = await live();
      const query = url.slice(url.indexOf('?'));
      const old = signStream(SECRET, 'duty', CAM_A, 'sub', Date.now() - 301_000).query;
      const tampered = url.replace(/sig=(.)/, (_: string, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`);
      const duty = { cookie: cookie('duty') };
      const cases: Array<[string, Record<string, string>, number, string?]> = [
        [url, {}, 401, 'session'],
        [url, { cookie: 'op_session=tok-nobody' }, 401, 'session'],
        [url.replace(/\?.*/, ''), duty, 403, 'signed-url'],
        [url.replace(/exp=\d+/, 'exp=1'), duty, 403, 'signed-url'],
        [url.replace(/exp=\d+&sig=[^&]+/, old), duty, 403, 'signed-url'],
        [tampered, duty, 403, 'signed-url'],
        [url.replace(CAM_A, CAM_B), duty, 403, 'signed-url'],
        [url.replace('_sub', '_main'), duty, 403, 'signed-url'],
        [url, { cookie: cookie('other') }, 403, 'signed-url'],
        [url, { ...duty, origin: 'http://evil.example' }, 403, 'origin'],
        [`/media/ws-flv/${CAM_A}_sub.x.flv${query}`, duty, 404],
        [`/media/ws-flv/${CAM_A}.sub.flv${query}`, duty, 404],
        [`/media/ws-flv/..%2f${CAM_A}_sub.flv${query}`, duty, 404],
        [`/media/ws-flv/${CAM_A}_sub${query}`, duty, 404],
        [`/media/nothing-here${query}`, duty, 404],
      ];
      const before = upstreamRequests.length;
      for (const [path, headers, status, rule] of cases) {
        const res = await openWs(`${base}${path}`, headers);
        expect(res.status, path).toBe(status);
        expect(res.ws, path).toBeUndefined();
        if (rule) expect(JSON.parse(res.body ?? '{}').rule, path).toBe(rule);
      }
      // Nothing refused ever reached node-media-server.
      expect(upstreamRequests.length).toBe(before);
    });
  });
});
