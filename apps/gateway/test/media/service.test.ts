import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CameraUrlRefusedError,
  InvalidStreamError,
  StreamCapError,
  UnknownCameraError,
} from '../../src/media/errors.js';
import { MediaService } from '../../src/media/service.js';
import type { CameraStreamStatus, MediaConfig } from '../../src/media/types.js';
import { CAM_A, CAM_B, CAM_C, CAM_D, fakeLookup, fakeSpawner, SET_HOST, SET_PORT } from './fakes.js';

const IDLE_MS = 10_000;

describe('MediaService (fake ffmpeg)', () => {
  let dir: string;
  let spawner: ReturnType<typeof fakeSpawner>;
  let lookup: ReturnType<typeof fakeLookup>;
  let media: MediaService;
  let events: CameraStreamStatus[];

  const make = (cfg: Partial<MediaConfig> = {}, urls: Record<string, string> = {}) => {
    spawner = fakeSpawner();
    lookup = fakeLookup(urls);
    media = new MediaService(
      {
        hlsDir: dir,
        maxStreams: 3,
        idleMs: IDLE_MS,
        nmsRtmpPort: 19350,
        nmsHttpPort: 0,
        ffmpegPath: 'ffmpeg',
        segmentSeconds: 1,
        listSize: 4,
        ...cfg,
      },
      { spawn: spawner.spawn, lookupCamera: lookup.lookupCamera },
    );
    events = [];
    media.on('status', (s) => events.push(s));
  };
  const states = () => events.map((e) => (e.reason ? `${e.state}:${e.reason}` : e.state));

  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-05-01T08:00:00Z') });
    dir = mkdtempSync(path.join(tmpdir(), 'media-unit-'));
    make();
  });
  afterEach(async () => {
    await media.close();
    vi.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts a stream on demand with an argument array and the checked URL', async () => {
    expect(spawner.children).toHaveLength(0);
    const info = await media.ensureStream(CAM_A, 'sub', 'duty');
    expect(info).toMatchObject({ key: `${CAM_A}_sub`, cameraId: CAM_A, stream: 'sub' });
    expect(info.status.state).toBe('connecting');
    expect(spawner.children).toHaveLength(1);
    const args = spawner.last.args;
    expect(args[args.indexOf('-i') + 1]).toBe(`rtsp://${SET_HOST}:${SET_PORT}/${CAM_A}/sub`);
    expect(args).toContain(`rtmp://127.0.0.1:19350/live/${CAM_A}_sub`);
    expect(args).toContain(path.join(dir, `${CAM_A}_sub`, 'index.m3u8'));
    expect(states()).toEqual(['connecting']);
  });

  it('lets a second viewer share the running process', async () => {
    await Promise.all([media.ensureStream(CAM_A, 'sub', 'a'), media.ensureStream(CAM_A, 'sub', 'b')]);
    await media.ensureStream(CAM_A, 'sub', 'c');
    expect(spawner.children).toHaveLength(1);
    expect(lookup.calls).toEqual([CAM_A]);
    await media.ensureStream(CAM_A, 'main', 'a');
    expect(spawner.children).toHaveLength(2);
  });

  it('releases a stream nobody touched for idleMs, and keeps a touched one', async () => {
    const { key } = await media.ensureStream(CAM_A, 'sub', 'duty');
    const child = spawner.last;
    for (let i = 0; i < 4; i++) {
      await vi.advanceTimersByTimeAsync(IDLE_MS / 2);
      media.touch(key, 'duty');
    }
    expect(child.signals).toEqual([]);
    await vi.advanceTimersByTimeAsync(IDLE_MS + 1500);
    expect(child.signals).toEqual(['SIGTERM']);
    expect(media.isActive(key)).toBe(false);
    expect(events.at(-1)).toMatchObject({ cameraId: CAM_A, stream: 'sub', state: 'idle' });
    expect(media.statuses()).toEqual([]);
  });

  it('keeps a stream while an FLV connection holds it, and after release() ends it soon', async () => {
    const { key } = await media.ensureStream(CAM_A, 'sub', 'duty');
    const unhold = media.hold(key, 'duty');
    await vi.advanceTimersByTimeAsync(IDLE_MS * 3);
    expect(spawner.last.signals).toEqual([]);
    unhold();
    media.release(key, 'duty');
    await vi.advanceTimersByTimeAsync(3500);
    expect(spawner.last.signals).toEqual(['SIGTERM']);
  });

  it('keeps pre-warmed cameras pulled and lets them go when dropped from the list', async () => {
    await media.setPrewarm([CAM_A, CAM_B, 'not-an-id']);
    expect(spawner.children.map((c) => c.args[c.args.indexOf('-i') + 1])).toEqual([
      `rtsp://${SET_HOST}:${SET_PORT}/${CAM_A}/sub`,
      `rtsp://${SET_HOST}:${SET_PORT}/${CAM_B}/sub`,
    ]);
    await vi.advanceTimersByTimeAsync(IDLE_MS * 3);
    expect(spawner.children.every((c) => c.signals.length === 0)).toBe(true);
    await media.setPrewarm([CAM_B]);
    await vi.advanceTimersByTimeAsync(1500);
    expect(spawner.children[0]?.signals).toEqual(['SIGTERM']);
    expect(spawner.children[1]?.signals).toEqual([]);
  });

  it('refuses a stream beyond maxStreams with a named error, and frees the slot on release', async () => {
    await media.ensureStream(CAM_A);
    await media.ensureStream(CAM_B);
    await media.ensureStream(CAM_C);
    const err = await media.ensureStream(CAM_D).catch((e) => e);
    expect(err).toBeInstanceOf(StreamCapError);
    expect(err.statusCode).toBe(503);
    expect(err.message).toContain('3 concurrent streams');
    expect(spawner.children).toHaveLength(3);
    // Joining a running stream is never refused.
    await expect(media.ensureStream(CAM_A)).resolves.toBeDefined();
    media.release(`${CAM_B}_sub`);
    await vi.advanceTimersByTimeAsync(3500);
    await expect(media.ensureStream(CAM_D)).resolves.toBeDefined();
  });

  it.each([
    ['file:', 'file:///etc/passwd'],
    ['concat:', `concat:rtsp://${SET_HOST}:${SET_PORT}/a|/etc/passwd`],
    ['http:', `http://${SET_HOST}:${SET_PORT}/stream`],
    ['another host', `rtsp://10.9.9.9:${SET_PORT}/x`],
    ['another port', `rtsp://${SET_HOST}:8554/x`],
    ['an option', '-i'],
    ['an option-like URL', `-rtsp://${SET_HOST}:${SET_PORT}/x`],
    ['a space', `rtsp://${SET_HOST}:${SET_PORT}/x -f null`],
    ['a newline', `rtsp://${SET_HOST}:${SET_PORT}/x\n-y`],
    ['a NUL', `rtsp://${SET_HOST}:${SET_PORT}/x\u0000`],
  ])('never passes a URL with %s to ffmpeg', async (_what, url) => {
    make({}, { [CAM_A]: url });
    const err = await media.ensureStream(CAM_A, 'sub').catch((e) => e);
    expect(err).toBeInstanceOf(CameraUrlRefusedError);
    expect(err.statusCode).toBe(422);
    expect(spawner.children).toHaveLength(0);
    expect(media.isActive(`${CAM_A}_sub`)).toBe(false);
  });

  it('refuses malformed camera IDs and stream names before looking anything up', async () => {
    for (const [id, stream] of [
      ['1309030000131000000', 'sub'],
      ['../../etc/passwd0000', 'sub'],
      [`${CAM_A}.x`, 'sub'],
      [CAM_A, 'sub.flv'],
      [CAM_A, 'third'],
    ] as const) {
      await expect(media.ensureStream(id, stream as 'sub')).rejects.toBeInstanceOf(InvalidStreamError);
    }
    await expect(media.ensureStream('99999999999999999999')).rejects.toBeInstanceOf(UnknownCameraError);
    expect(lookup.calls).toEqual(['99999999999999999999']);
    expect(spawner.children).toHaveLength(0);
  });

  it('reports connecting → live on progress → stalled after silence → live → offline on exit', async () => {
    await media.ensureStream(CAM_A, 'sub', 'duty');
    const child = spawner.last;
    child.progress(0);
    expect(media.status(CAM_A).state).toBe('connecting');
    child.progress(5);
    expect(media.status(CAM_A).state).toBe('live');
    const lastFrameAt = Date.now();
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(1000);
      child.progress(5); // progress keeps coming, but no new frame
    }
    expect(media.status(CAM_A).state).toBe('live');
    await vi.advanceTimersByTimeAsync(600);
    expect(media.status(CAM_A)).toMatchObject({
      state: 'stalled',
      reason: 'no-frames',
      stalledSinceMs: lastFrameAt,
    });
    child.progress(6); // one late report (ffmpeg flushing before it exits) is not a recovery
    expect(media.status(CAM_A).state).toBe('stalled');
    child.progress(7);
    expect(media.status(CAM_A).state).toBe('live');
    child.fail(1, `rtsp://admin:secret@${SET_HOST}:${SET_PORT}/${CAM_A}/sub: Connection refused`);
    const offline = media.status(CAM_A);
    expect(offline).toMatchObject({
      state: 'offline',
      reason: 'connection refused',
      retryAtMs: Date.now() + 500,
    });
    expect(JSON.stringify(events)).not.toContain('secret');
    await vi.advanceTimersByTimeAsync(500);
    expect(spawner.children).toHaveLength(2);
    expect(states()).toEqual([
      'connecting',
      'live',
      'stalled:no-frames',
      'live',
      'offline:connection refused',
      'connecting',
    ]);
  });

  it('names an RTSP error status as the offline reason', async () => {
    await media.ensureStream(CAM_A);
    spawner.last.fail(1, '[rtsp @ 0x1] method DESCRIBE failed: 503 Service Unavailable');
    expect(media.status(CAM_A)).toMatchObject({ state: 'offline', reason: 'RTSP 503 Service Unavailable' });
  });

  it('retries failed pulls with exponential backoff capped at 10 s, reset after a success', async () => {
    await media.ensureStream(CAM_A, 'sub', 'duty');
    const unhold = media.hold(`${CAM_A}_sub`, 'duty');
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      const before = spawner.children.length;
      const failedAt = Date.now();
      spawner.last.fail(1, 'Connection refused');
      while (spawner.children.length === before) await vi.advanceTimersByTimeAsync(100);
      delays.push(Date.now() - failedAt);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
    // A run that stays live resets the backoff.
    for (let f = 1; f <= 12; f++) {
      spawner.last.progress(f * 25);
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(media.status(CAM_A).state).toBe('live');
    spawner.last.fail(1);
    expect(media.status(CAM_A)).toMatchObject({ state: 'offline', retryAtMs: Date.now() + 500 });
    unhold();
  });

  it('knows which ffmpeg run wrote a segment, across restarts', async () => {
    await media.ensureStream(CAM_A, 'sub', 'duty');
    const key = `${CAM_A}_sub`;
    const startOf = () => Number(spawner.last.args[spawner.last.args.indexOf('-start_number') + 1]);
    const first = startOf();
    expect(media.runOfSegment(key, first)).toBe(1);
    expect(media.runOfSegment(key, first + 3)).toBe(1);
    expect(media.runOfSegment(key, first - 1)).toBe(0);
    // The first run lasts a few seconds, then ffmpeg dies and the supervisor starts another.
    await vi.advanceTimersByTimeAsync(3000);
    const before = spawner.children.length;
    spawner.last.fail(1, 'Connection refused');
    while (spawner.children.length === before) await vi.advanceTimersByTimeAsync(100);
    const second = startOf();
    expect(second).toBeGreaterThan(first);
    expect(media.runOfSegment(key, second - 1)).toBe(1);
    expect(media.runOfSegment(key, second)).toBe(2);
    expect(media.runOfSegment(`${CAM_B}_sub`, second)).toBeNull();
  });

  it('reports a failure to start ffmpeg at all as offline and keeps retrying', async () => {
    let calls = 0;
    media = new MediaService(
      {
        hlsDir: dir,
        maxStreams: 1,
        idleMs: IDLE_MS,
        nmsRtmpPort: 1,
        nmsHttpPort: 0,
        ffmpegPath: 'x',
        segmentSeconds: 1,
        listSize: 4,
      },
      {
        spawn: () => {
          calls += 1;
          throw new Error('spawn ENOENT');
        },
        lookupCamera: fakeLookup().lookupCamera,
      },
    );
    await media.ensureStream(CAM_A);
    expect(media.status(CAM_A)).toMatchObject({
      state: 'offline',
      reason: 'ffmpeg could not be started: spawn ENOENT',
    });
    await vi.advanceTimersByTimeAsync(600);
    expect(calls).toBe(2);
  });

  it('gives a camera its best stream state and close() stops every process', async () => {
    await media.ensureStream(CAM_A, 'sub');
    const sub = spawner.last;
    await media.ensureStream(CAM_A, 'main');
    spawner.last.progress(3);
    expect(media.status(CAM_A)).toMatchObject({ stream: 'main', state: 'live' });
    expect(media.status(CAM_B)).toMatchObject({ state: 'idle', sinceMs: 0 });
    expect(
      media
        .statuses()
        .map((s) => s.stream)
        .sort(),
    ).toEqual(['main', 'sub']);
    await media.close();
    expect(sub.signals).toEqual(['SIGTERM']);
    expect(spawner.last.signals).toEqual(['SIGTERM']);
    await expect(media.ensureStream(CAM_A)).rejects.toThrow(/shutting down/);
  });
});
