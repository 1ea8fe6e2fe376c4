import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startMedia } from '../../src/media/index.js';
import { type NmsHandle, startNms } from '../../src/media/nms.js';
import type { MediaService } from '../../src/media/service.js';
import { cookie, mediaTestApp } from './app.js';
import { CAM_A, CAM_B } from './fakes.js';
import { captureWs, flvTags } from './flv.js';
import { encodeLoop, RtspTestSource } from './rtsp-source.js';

// 127.0.0.1 is no boundary: any local process reaches node-media-server. Real node-media-server,
// real ffmpeg: a local publisher or player without the gateway's token is refused.

const log = pino({ level: 'silent' });
const run = promisify(execFile);
const started: ChildProcess[] = [];

/** A local ffmpeg publishing a 64×48 test pattern ("INJECTED") to `url` for `seconds`. */
function publish(url: string, seconds: number) {
  const child = spawn(
    'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error', '-nostdin', '-re', '-f', 'lavfi'],
      ...['-i', 'testsrc=size=64x48:rate=10', '-t', String(seconds)],
      ...[
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-tune',
        'zerolatency',
        '-g',
        '10',
        '-pix_fmt',
        'yuv420p',
      ],
      ...['-f', 'flv', url],
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  started.push(child);
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stderr })),
  );
  return { child, exited };
}

/** An HTTP-FLV play: the first bytes node-media-server sends (until a video tag), or none if it hangs up. */
function playFlv(url: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        const chunks: Buffer[] = [];
        const done = () => {
          res.destroy();
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) });
        };
        res.on('data', (c: Buffer) => {
          chunks.push(c);
          if (flvTags(Buffer.concat(chunks)).some((t) => t.type === 9 && t.nalu)) done();
        });
        res.on('end', done);
        res.on('error', done);
      })
      .on('error', reject);
  });
}

/** A WS-FLV play straight at node-media-server: the messages it got before the socket closed. */
function playWs(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let messages = 0;
    const ws = new WebSocket(url);
    ws.on('message', () => {
      messages += 1;
      ws.terminate();
    });
    ws.once('close', () => resolve(messages));
    ws.once('error', reject);
  });
}

afterAll(() => {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

describe('node-media-server takes only what the gateway granted', () => {
  let nms: NmsHandle;
  const key = `${CAM_A}_sub`;
  beforeAll(async () => {
    nms = await startNms({ rtmpPort: 0, httpPort: 0, log });
  });
  afterAll(() => nms?.release());
  const rtmp = (query = '') => `rtmp://127.0.0.1:${nms.rtmpPort}/live/${key}${query}`;
  const flv = (query = '', k = key) => `http://127.0.0.1:${nms.httpPort}/live/${k}.flv${query}`;

  it('refuses a local publish without a token, or with a sign it made up', async () => {
    const bare = await publish(rtmp(), 20).exited;
    expect(bare.code).not.toBe(0);
    // node-media-server's own signature format, with a secret an attacker could guess.
    const exp = Math.floor(Date.now() / 1000) + 600;
    const md5 = createHash('md5').update(`/live/${key}-${exp}-`).digest('hex');
    const forged = await publish(rtmp(`?sign=${exp}-${md5}`), 20).exited;
    expect(forged.code).not.toBe(0);
    const guessed = await publish(rtmp('?token=guessed-token-0123456789'), 20).exited;
    expect(guessed.code).not.toBe(0);
  });

  it('takes a granted publish, plays it only with a granted token, and spends every token', async () => {
    const publishUrl = rtmp(`?token=${await nms.grant('publish', key)}`);
    const good = publish(publishUrl, 60);
    // A play token for this stream gets video…
    const playToken = await nms.grant('play', key);
    const played = await playFlv(flv(`?token=${playToken}`));
    expect(played.body.subarray(0, 3).toString()).toBe('FLV');
    expect(flvTags(played.body).some((t) => t.type === 9 && t.nalu)).toBe(true);
    // …once: the same token again, none, a made-up one, or another stream's get nothing.
    const otherToken = await nms.grant('play', `${CAM_B}_sub`);
    for (const query of [
      `?token=${playToken}`,
      '',
      '?token=made-up-token-0123456789',
      `?token=${otherToken}`,
    ]) {
      const refused = await playFlv(flv(query));
      expect(refused.body.length, query).toBe(0);
    }
    // A publish token does not play, and the WebSocket door is shut alike.
    expect((await playFlv(flv(`?token=${await nms.grant('publish', key)}`))).body.length).toBe(0);
    expect(await playWs(`ws://127.0.0.1:${nms.httpPort}/live/${key}.flv`)).toBe(0);
    // The publish URL is in ffmpeg's argv, readable in /proc: once used, it is worth nothing.
    good.child.kill('SIGKILL');
    await good.exited;
    const reused = await publish(publishUrl, 20).exited;
    expect(reused.code).not.toBe(0);
  });
});

// The attack through the whole path: a local ffmpeg publishes "INJECTED" to a camera's
// stream name before the gateway pulls it; viewers must get the camera, never the injection.
describe('a stream injected into node-media-server never reaches a viewer', () => {
  let dir: string;
  let source: RtspTestSource;
  let media: MediaService;
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'media-inject-'));
    source = new RtspTestSource();
    await source.start(await encodeLoop(dir));
    media = await startMedia(
      {
        hlsDir: path.join(dir, 'hls'),
        maxStreams: 4,
        idleMs: 60_000,
        nmsRtmpPort: 0,
        nmsHttpPort: 0,
        ffmpegPath: 'ffmpeg',
        segmentSeconds: 1,
        listSize: 4,
      },
      {
        lookupCamera: async (id) => ({
          id,
          mainUrl: source.url(`/${id}/main`),
          subUrl: source.url(`/${id}/sub`),
          setHost: '127.0.0.1',
          setPort: source.port,
        }),
      },
    );
    app = await mediaTestApp(media, () => true);
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app?.close();
    await media?.close();
    await source?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses the injection and relays the camera to the WS-FLV viewer', async () => {
    const { nmsRtmpPort, nmsHttpPort } = media.config;
    const injected = publish(`rtmp://127.0.0.1:${nmsRtmpPort}/live/${CAM_A}_sub`, 30);
    expect((await injected.exited).code).not.toBe(0);

    const live = (
      await app.inject({ url: `/api/cameras/${CAM_A}/live`, headers: { cookie: cookie('duty') } })
    ).json();
    const { body } = await captureWs(
      `ws://127.0.0.1:${port}${live.wsFlv}`,
      { cookie: cookie('duty') },
      50_000_000,
      20_000,
      (b) => flvTags(b).some((t) => t.type === 9 && t.nalu),
    );
    const file = path.join(dir, 'viewer.flv');
    writeFileSync(file, body);
    const { stdout } = await run('ffprobe', [
      ...[
        '-v',
        'error',
        '-select_streams',
        'v:0',
        '-show_entries',
        'stream=width,height',
        '-of',
        'json',
        file,
      ],
    ]);
    // The camera's picture (320×180), not the injected 64×48.
    expect(JSON.parse(stdout).streams[0]).toMatchObject({ width: 320, height: 180 });
    // While the gateway's pull runs, a local player without its token gets nothing either.
    expect((await playFlv(`http://127.0.0.1:${nmsHttpPort}/live/${CAM_A}_sub.flv`)).body.length).toBe(0);
    expect((await publish(`rtmp://127.0.0.1:${nmsRtmpPort}/live/${CAM_A}_sub`, 30).exited).code).not.toBe(0);
  });
});
