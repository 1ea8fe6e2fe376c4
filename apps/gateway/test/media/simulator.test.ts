import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listLookup, startSimulator } from '@onpatrol/simulator';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMedia } from '../../src/media/index.js';
import type { MediaService } from '../../src/media/service.js';
import type { CameraStreamStatus } from '../../src/media/types.js';
import { cookie, mediaTestApp } from './app.js';
import { captureWs, flvTags } from './flv.js';

type Sim = Awaited<ReturnType<typeof startSimulator>>;

const CAM = '13090303021320000001';
/** Shared with the simulator's own tests, so each loop is encoded once per machine. */
const SIM_CACHE = path.join(tmpdir(), 'onpatrol-sim-test-cache');

describe('live ingest from the district simulator', () => {
  let dir: string;
  let sim: Sim;
  let media: MediaService;
  let app: FastifyInstance;
  const events: CameraStreamStatus[] = [];
  const fault = (action: 'fault' | 'restore', body?: object) =>
    fetch(`http://127.0.0.1:${sim.controlPort}/cameras/${CAM}/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    }).then((r) => expect(r.status).toBe(200));

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'media-sim-'));
    sim = await startSimulator({
      rtspPort: 0,
      controlPort: 0,
      udpPort: 0,
      cacheDir: SIM_CACHE,
      lookup: listLookup([{ id: CAM, name: 'South Lake Square north gate 01' }]),
    });
    media = await startMedia(
      {
        hlsDir: path.join(dir, 'hls'),
        maxStreams: 2,
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
          mainUrl: sim.url(id, 'main'),
          subUrl: sim.url(id, 'sub'),
          setHost: '127.0.0.1',
          setPort: sim.rtspPort,
        }),
      },
    );
    media.on('status', (s) => events.push(s));
    app = await mediaTestApp(media, () => true);
    await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app?.close();
    await media?.close();
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('goes live, shows the freeze fault as frozen and the offline fault as offline', async () => {
    await media.ensureStream(CAM, 'sub', 'duty');
    // The first run may encode the loop first.
    await vi.waitFor(() => expect(media.status(CAM).state).toBe('live'), { timeout: 60_000, interval: 200 });
    await vi.waitFor(
      () => expect(existsSync(path.join(media.hlsDirOf(`${CAM}_sub`), 'index.m3u8'))).toBe(true),
      {
        timeout: 10_000,
        interval: 20,
      },
    );
    // The first segment ends at the second keyframe (1 s GOP), not a GOP later: ffmpeg copies
    // without a long probe first.
    const playlist = readFileSync(path.join(media.hlsDirOf(`${CAM}_sub`), 'index.m3u8'), 'utf8');
    expect(Number(/#EXTINF:([0-9.]+)/.exec(playlist)?.[1])).toBeCloseTo(1, 1);

    await fault('fault', { mode: 'freeze' });
    await vi.waitFor(() => expect(media.status(CAM)).toMatchObject({ state: 'stalled', reason: 'frozen' }), {
      timeout: 12_000,
      interval: 200,
    });
    await fault('restore');
    await vi.waitFor(() => expect(media.status(CAM).state).toBe('live'), { timeout: 10_000, interval: 200 });

    await fault('fault', { mode: 'offline' });
    // Its session ends, then every retry is refused until the camera is restored.
    await vi.waitFor(
      () =>
        expect(media.status(CAM)).toMatchObject({
          state: 'offline',
          reason: expect.stringMatching(/^RTSP 503/),
        }),
      {
        timeout: 15_000,
        interval: 100,
      },
    );
    await fault('restore');
    await vi.waitFor(() => expect(media.status(CAM).state).toBe('live'), { timeout: 20_000, interval: 200 });
    expect(events.some((e) => e.state === 'stalled' && e.reason === 'frozen')).toBe(true);
  });

  it('plays the camera over WS-FLV: an FLV header, then a keyframe as the first picture', async () => {
    const live = (
      await app.inject({ url: `/api/cameras/${CAM}/live?stream=main`, headers: { cookie: cookie('duty') } })
    ).json();
    const port = (app.server.address() as AddressInfo).port;
    // A cold start: the pull begins with this request, the socket waits for the first frames.
    const hasKeyframe = (b: Buffer) => flvTags(b).some((t) => t.type === 9 && t.nalu && t.keyframe);
    const { body } = await captureWs(
      `ws://127.0.0.1:${port}${live.wsFlv}`,
      { cookie: cookie('duty') },
      Number.POSITIVE_INFINITY,
      20_000,
      hasKeyframe,
    );
    expect(body.subarray(0, 3).toString()).toBe('FLV');
    const video = flvTags(body).filter((t) => t.type === 9 && t.nalu);
    expect(video[0]).toEqual({ type: 9, keyframe: true, nalu: true });
  });
});
