import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMedia } from '../../src/media/index.js';
import type { MediaService } from '../../src/media/service.js';
import { RemoteSpawner } from '../../src/media/spawner.js';
import type { CameraStreamStatus, ChildLike } from '../../src/media/types.js';
import { cookie, mediaTestApp } from './app.js';
import { CAM_A, CAM_B, CAM_C, CAM_D } from './fakes.js';
import { captureWs, flvTags } from './flv.js';
import { encodeLoop, RtspTestSource } from './rtsp-source.js';

const run = promisify(execFile);

/** PID of the node-media-server process this test process started, if one runs. */
function nmsPid(): number | undefined {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (comm === 'onpatrol-nms' && ppid === process.pid) return Number(name);
    } catch {
      // exited meanwhile
    }
  }
  return undefined;
}

// Real ffmpeg and node-media-server against a real (test) RTSP server.
describe('live ingest with ffmpeg and node-media-server', () => {
  let dir: string;
  let source: RtspTestSource;
  let media: MediaService;
  let app: FastifyInstance;
  let port: number;
  const children: Array<ChildLike & { pid?: number | null }> = [];
  // The production path: ffmpeg started by the spawner process, not by the test process.
  const spawner = new RemoteSpawner();
  const events: CameraStreamStatus[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'media-live-'));
    source = new RtspTestSource();
    await source.start(await encodeLoop(dir));
    source.modes.set(`/${CAM_B}/sub`, 'freeze');
    source.modes.set(`/${CAM_C}/sub`, '503');
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
        spawn: (args) => {
          const child = spawner.spawn('ffmpeg', args);
          children.push(child);
          return child;
        },
        lookupCamera: async (id) => ({
          id,
          mainUrl: source.url(`/${id}/main`),
          subUrl: source.url(`/${id}/sub`),
          setHost: '127.0.0.1',
          setPort: source.port,
        }),
      },
    );
    media.on('status', (s) => events.push(s));
    app = await mediaTestApp(media, () => true);
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app?.close();
    await media?.close();
    await spawner.close();
    await source?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const stateOf = (id: string) => media.status(id).state;

  it('writes a playable HLS playlist with wall-clock times and rolling segments', async () => {
    const live = (
      await app.inject({ url: `/api/cameras/${CAM_A}/live`, headers: { cookie: cookie('duty') } })
    ).json();
    await vi.waitFor(() => expect(stateOf(CAM_A)).toBe('live'), { timeout: 10_000, interval: 100 });
    const res = await app.inject({ url: live.hls, headers: { cookie: cookie('duty') } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/#EXT-X-PROGRAM-DATE-TIME:\d{4}-\d\d-\d\dT/);
    expect(res.body).toMatch(/\nseg_\d+\.ts\?exp=\d+&sig=/);

    // Through the gateway, signed segment URIs included, as a player would fetch it.
    const { stdout } = await run('ffprobe', [
      ...['-v', 'error', '-headers', `Cookie: ${cookie('duty')}\r\n`],
      ...[
        '-show_entries',
        'stream=codec_name,width,height',
        '-of',
        'json',
        `http://127.0.0.1:${port}${live.hls}`,
      ],
    ]);
    expect(JSON.parse(stdout).streams[0]).toMatchObject({ codec_name: 'h264', width: 320, height: 180 });

    const streamDir = media.hlsDirOf(`${CAM_A}_sub`);
    const first = /\n(seg_\d+\.ts)/.exec(readFileSync(path.join(streamDir, 'index.m3u8'), 'utf8'))?.[1] ?? '';
    expect(existsSync(path.join(streamDir, first))).toBe(true);
    await vi.waitFor(() => expect(existsSync(path.join(streamDir, first))).toBe(false), {
      timeout: 15_000,
      interval: 250,
    });
    const segments = readFileSync(path.join(streamDir, 'index.m3u8'), 'utf8').match(/^seg_\d+\.ts$/gm) ?? [];
    expect(segments).toHaveLength(4);
  });

  it('serves WS-FLV through the gateway starting with a header and a keyframe', async () => {
    const live = (
      await app.inject({ url: `/api/cameras/${CAM_A}/live`, headers: { cookie: cookie('duty') } })
    ).json();
    const { messages, body } = await captureWs(
      `ws://127.0.0.1:${port}${live.wsFlv}`,
      { cookie: cookie('duty') },
      400_000,
      1500,
    );
    expect(messages).toBeGreaterThan(1);
    expect(body.subarray(0, 3).toString()).toBe('FLV');
    const video = flvTags(body).filter((t) => t.type === 9 && t.nalu);
    expect(video.length).toBeGreaterThan(0);
    // node-media-server's GOP cache: the first picture a new viewer gets is a keyframe.
    expect(video[0]?.keyframe).toBe(true);
    const file = path.join(dir, 'capture.flv');
    writeFileSync(file, body);
    const { stdout } = await run('ffprobe', [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=codec_name,width',
      '-of',
      'json',
      file,
    ]);
    expect(JSON.parse(stdout).streams[0]).toMatchObject({ codec_name: 'h264', width: 320 });
  });

  it('restarts a killed ffmpeg by itself and returns to live', async () => {
    await vi.waitFor(() => expect(stateOf(CAM_A)).toBe('live'), { timeout: 10_000 });
    const victim = children.at(-1);
    expect(victim?.pid).toBeTypeOf('number');
    const spawned = children.length;
    const playlist = () => readFileSync(path.join(media.hlsDirOf(`${CAM_A}_sub`), 'index.m3u8'), 'utf8');
    const highest = Math.max(...[...playlist().matchAll(/^seg_(\d+)\.ts$/gm)].map((m) => Number(m[1])));
    events.length = 0;
    process.kill(victim?.pid as number, 'SIGKILL');
    await vi.waitFor(() => expect(children.length).toBe(spawned + 1), { timeout: 5000, interval: 50 });
    await vi.waitFor(() => expect(stateOf(CAM_A)).toBe('live'), { timeout: 10_000, interval: 100 });
    const mine = events.filter((e) => e.cameraId === CAM_A).map((e) => e.state);
    expect(mine).toEqual(['offline', 'connecting', 'live']);
    expect(events.find((e) => e.state === 'offline')?.reason).toBe('ffmpeg stopped by SIGKILL');
    // Players must never see segment numbers go back: the new run continues above the old one.
    await vi.waitFor(() => expect(playlist()).toContain('#EXT-X-DISCONTINUITY'), {
      timeout: 5000,
      interval: 100,
    });
    const sequence = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(playlist())?.[1]);
    expect(sequence).toBeGreaterThan(highest);
  });

  it('starts node-media-server again when it dies, and WS-FLV plays again', async () => {
    const before = nmsPid();
    expect(before).toBeTypeOf('number');
    process.kill(before as number, 'SIGKILL');
    // Started again as a new process of this one; the ffmpeg that lost its RTMP output publishes again.
    await vi.waitFor(
      () => {
        const after = nmsPid();
        expect(after).toBeTypeOf('number');
        expect(after).not.toBe(before);
      },
      { timeout: 10_000, interval: 100 },
    );
    await vi.waitFor(
      async () => {
        const live = (
          await app.inject({ url: `/api/cameras/${CAM_A}/live`, headers: { cookie: cookie('duty') } })
        ).json();
        const { body } = await captureWs(
          `ws://127.0.0.1:${port}${live.wsFlv}`,
          { cookie: cookie('duty') },
          400_000,
          1500,
        );
        expect(flvTags(body).filter((t) => t.type === 9 && t.nalu)[0]?.keyframe).toBe(true);
      },
      { timeout: 30_000, interval: 500 },
    );
    await vi.waitFor(() => expect(stateOf(CAM_A)).toBe('live'), { timeout: 10_000 });
  });

  it('reports a source that repeats one picture as stalled/frozen, not live', async () => {
    await media.ensureStream(CAM_B, 'sub', 'duty');
    await vi.waitFor(
      () => expect(media.status(CAM_B)).toMatchObject({ state: 'stalled', reason: 'frozen' }),
      {
        timeout: 12_000,
        interval: 100,
      },
    );
    const s = media.status(CAM_B);
    expect(Date.now() - (s.stalledSinceMs ?? 0)).toBeGreaterThanOrEqual(3000);
    source.modes.set(`/${CAM_B}/sub`, 'live');
    await vi.waitFor(() => expect(stateOf(CAM_B)).toBe('live'), { timeout: 8000, interval: 100 });
  });

  it('reports stalled when frames stop, offline when the pull times out, live when they return', async () => {
    await media.ensureStream(CAM_D, 'sub', 'duty');
    await vi.waitFor(() => expect(stateOf(CAM_D)).toBe('live'), { timeout: 10_000, interval: 100 });
    const pausedAt = Date.now();
    source.modes.set(`/${CAM_D}/sub`, 'pause');
    await vi.waitFor(
      () => expect(media.status(CAM_D)).toMatchObject({ state: 'stalled', reason: 'no-frames' }),
      {
        timeout: 6000,
        interval: 100,
      },
    );
    expect(Math.abs((media.status(CAM_D).stalledSinceMs ?? 0) - pausedAt)).toBeLessThan(1500);
    await vi.waitFor(() => expect(stateOf(CAM_D)).toBe('offline'), { timeout: 12_000, interval: 100 });
    const mine = events
      .filter((e) => e.cameraId === CAM_D)
      .map((e) => (e.reason ? `${e.state}:${e.reason}` : e.state));
    expect(mine).toEqual(['connecting', 'live', 'stalled:no-frames', 'offline:timeout']);
    source.modes.set(`/${CAM_D}/sub`, 'live');
    await vi.waitFor(() => expect(stateOf(CAM_D)).toBe('live'), { timeout: 10_000, interval: 100 });
  });

  it('names the RTSP error of a failing source and keeps retrying', async () => {
    await media.ensureStream(CAM_C, 'sub', 'duty');
    await vi.waitFor(
      () =>
        expect(media.status(CAM_C)).toMatchObject({
          state: 'offline',
          reason: 'RTSP 503 Service Unavailable',
        }),
      { timeout: 8000, interval: 100 },
    );
    expect(media.status(CAM_C).retryAtMs).toBeGreaterThan(Date.now() - 1000);
  });
});
