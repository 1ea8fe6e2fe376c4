import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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

describe('media routes', () => {
  let dir: string;
  let spawner: ReturnType<typeof fakeSpawner>;
  let media: MediaService;
  let app: FastifyInstance;
  // A stand-in for node-media-server's HTTP-FLV endpoint.
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
      res.write(Buffer.from('FLV\x01\x01\x00\x00\x00\x09\x00\x00\x00\x00', 'latin1'));
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

  it('starts the stream and returns signed HLS and FLV URLs', async () => {
    expect((await get(`/api/cameras/${CAM_A}/live`, null)).statusCode).toBe(401);
    const res = await get(`/api/cameras/${CAM_A}/live`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ cameraId: CAM_A, stream: 'sub', state: 'connecting' });
    expect(body.hls).toMatch(new RegExp(`^/media/hls/${CAM_A}/sub/index\\.m3u8\\?exp=\\d+&sig=[\\w-]{43}$`));
    expect(body.flv).toMatch(new RegExp(`^/media/flv/${CAM_A}_sub\\.flv\\?exp=\\d+&sig=[\\w-]{43}$`));
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
    const res = await get(hls);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/vnd.apple.mpegurl');
    expect(res.headers['cache-control']).toBe('no-cache');
    const query = hls.slice(hls.indexOf('?'));
    expect(res.body).toContain(`\nseg_1700000000.ts${query}\n`);
    expect(res.body).toContain('#EXT-X-PROGRAM-DATE-TIME:2026-05-01T08:00:00.000+0000\n');
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
    const flv = (await get(`/api/cameras/${CAM_A}/live`)).json().flv as string;
    expect((await get(flv.replace(/exp=\d+/, 'exp=1'))).statusCode).toBe(403);
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

  it('proxies HTTP-FLV from the media server while the viewer stays connected', async () => {
    const { flv } = (await get(`/api/cameras/${CAM_A}/live`)).json();
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    const { status, type, head } = await new Promise<{ status?: number; type?: string; head: Buffer }>(
      (resolve, reject) => {
        const req = http.get(
          { port, host: '127.0.0.1', path: flv, headers: { cookie: cookie('duty') } },
          (res) => {
            res.once('data', (chunk: Buffer) => {
              resolve({ status: res.statusCode, type: res.headers['content-type'], head: chunk });
              req.destroy();
            });
          },
        );
        req.on('error', reject);
      },
    );
    expect(status).toBe(200);
    expect(type).toBe('video/x-flv');
    expect(head.subarray(0, 3).toString()).toBe('FLV');
    expect(upstreamRequests.at(-1)).toBe(`/live/${CAM_A}_sub.flv`);
    // The viewer went away: the upstream connection must go too.
    const deadline = Date.now() + 3000;
    while (upstreamClosed === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(upstreamClosed).toBeGreaterThan(0);
    const bad = await get(`/media/flv/${CAM_A}_sub.x.flv${flv.slice(flv.indexOf('?'))}`);
    expect(bad.statusCode).toBe(400);
  });
});
