import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Role } from '@onpatrol/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StreamCapError, StreamQuotaError, StreamReserveError } from '../../src/media/errors.js';
import type { Viewer } from '../../src/media/quota.js';
import { MediaService } from '../../src/media/service.js';
import type { CameraSource, MediaConfig } from '../../src/media/types.js';
import { cookie, mediaTestApp } from './app.js';
import { fakeSpawner, SET_HOST, SET_PORT } from './fakes.js';

const IDLE_MS = 10_000;
/** Camera i of a registry of 20 on one camera set. */
const cam = (i: number) => `130903000013100000${String(i).padStart(2, '0')}`;
const lookupCamera = async (id: string): Promise<CameraSource | undefined> =>
  /^130903000013100000(0[1-9]|1[0-9]|20)$/.test(id)
    ? {
        id,
        mainUrl: `rtsp://${SET_HOST}:${SET_PORT}/${id}/main`,
        subUrl: `rtsp://${SET_HOST}:${SET_PORT}/${id}/sub`,
        setHost: SET_HOST,
        setPort: SET_PORT,
      }
    : undefined;
const v = (name: string, role: Role): Viewer => ({ name, role });
const community1 = v('community1', 'community_officer');
const community2 = v('community2', 'community_officer');
const duty = v('duty', 'duty_officer');

describe('stream quotas and the command centre reserve (fake ffmpeg)', () => {
  let dir: string;
  let spawner: ReturnType<typeof fakeSpawner>;
  let media: MediaService;
  const make = (cfg: Partial<MediaConfig>) => {
    media = new MediaService(
      {
        hlsDir: dir,
        maxStreams: 8,
        idleMs: IDLE_MS,
        nmsRtmpPort: 19350,
        nmsHttpPort: 0,
        ffmpegPath: 'ffmpeg',
        segmentSeconds: 1,
        listSize: 4,
        ...cfg,
      },
      { spawn: spawner.spawn, lookupCamera },
    );
  };
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-05-01T08:00:00Z') });
    dir = mkdtempSync(path.join(tmpdir(), 'media-quota-'));
    spawner = fakeSpawner();
  });
  afterEach(async () => {
    await media.close();
    vi.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a viewer beyond their role's quota, a stream already pulled included", async () => {
    make({ userStreams: { community_officer: 2, duty_officer: 4 } });
    await media.ensureStream(cam(1), 'sub', community1);
    await media.ensureStream(cam(2), 'sub', community1);
    const err = await media.ensureStream(cam(3), 'sub', community1).catch((e) => e);
    expect(err).toBeInstanceOf(StreamQuotaError);
    expect(err).toMatchObject({ statusCode: 429, extra: { rule: 'stream-quota', limit: 2 } });
    expect(err.message).toMatch(/2 live streams.*community_officer.*MEDIA_USER_STREAMS/);
    // Joining the duty officer's running stream counts toward community1's quota too.
    await media.ensureStream(cam(4), 'sub', duty);
    await expect(media.ensureStream(cam(4), 'sub', community1)).rejects.toBeInstanceOf(StreamQuotaError);
    // Asking again for a stream held (every playlist request does) is no new stream.
    await expect(media.ensureStream(cam(1), 'sub', community1)).resolves.toBeDefined();
    // Other users are not affected by community1's quota.
    await expect(media.ensureStream(cam(3), 'sub', community2)).resolves.toBeDefined();
    expect(media.heldBy('community1')).toBe(2);
    expect(spawner.children).toHaveLength(4);
  });

  it('gives 36 simultaneous requests exactly the quota, not one more', async () => {
    make({ maxStreams: 64, commandReserve: 0, userStreams: { community_officer: 9 } });
    const answers = await Promise.allSettled(
      Array.from({ length: 18 }, (_, i) => [
        media.ensureStream(cam(i + 1), 'sub', community1),
        media.ensureStream(cam(i + 1), 'main', community1),
      ]).flat(),
    );
    const refused = answers.filter((a) => a.status === 'rejected');
    expect(answers.length - refused.length).toBe(9);
    expect(refused.every((a) => (a as PromiseRejectedResult).reason instanceof StreamQuotaError)).toBe(true);
    expect(spawner.children).toHaveLength(9);
    expect(media.heldBy('community1')).toBe(9);
  });

  it('keeps the last streams of the pool for the command centre', async () => {
    make({ maxStreams: 6, commandReserve: 2, userStreams: { community_officer: 6, duty_officer: 6 } });
    for (let i = 1; i <= 4; i++) await media.ensureStream(cam(i), 'sub', i <= 2 ? community1 : community2);
    const err = await media.ensureStream(cam(5), 'sub', community1).catch((e) => e);
    expect(err).toBeInstanceOf(StreamReserveError);
    expect(err).toMatchObject({ statusCode: 503, extra: { rule: 'command-reserve', limit: 4 } });
    expect(err.message).toMatch(/MEDIA_COMMAND_RESERVE/);
    // The duty officer gets the reserve, and beyond the pool the cap applies to everyone.
    await media.ensureStream(cam(5), 'sub', duty);
    await media.ensureStream(cam(6), 'sub', duty);
    await expect(media.ensureStream(cam(7), 'sub', duty)).rejects.toBeInstanceOf(StreamCapError);
    // Joining a running stream takes nothing from the pool: station staff may join the reserve's.
    await expect(media.ensureStream(cam(5), 'sub', community1)).resolves.toBeDefined();
    // A viewer without a role (in-process callers) never gets the reserve either.
    media.release(`${cam(6)}_sub`);
    await vi.advanceTimersByTimeAsync(3000);
    await expect(media.ensureStream(cam(6), 'sub', 'internal')).rejects.toBeInstanceOf(StreamReserveError);
  });

  it('does not count pre-warmed streams against anyone, and keeps pre-warm out of the reserve', async () => {
    make({ maxStreams: 6, commandReserve: 2, userStreams: { community_officer: 1 } });
    await media.setPrewarm([cam(1), cam(2), cam(3), cam(4), cam(5)]);
    expect(spawner.children).toHaveLength(4);
    expect(media.isActive(`${cam(5)}_sub`)).toBe(false);
    expect(media.heldBy('')).toBe(0);
    // community1 joins one pre-warmed stream (its quota of 1), not a second.
    await media.ensureStream(cam(1), 'sub', community1);
    await expect(media.ensureStream(cam(2), 'sub', community1)).rejects.toBeInstanceOf(StreamQuotaError);
    await expect(media.ensureStream(cam(5), 'sub', duty)).resolves.toBeDefined();
  });

  it('stops counting a stream against its viewer once released or idle, never while held open', async () => {
    make({ userStreams: { community_officer: 1 } });
    const { key } = await media.ensureStream(cam(1), 'sub', community1);
    await expect(media.ensureStream(cam(2), 'sub', community1)).rejects.toBeInstanceOf(StreamQuotaError);
    // A WS-FLV viewer asks once and then only holds the socket open: still theirs after idleMs.
    const close = media.hold(key, 'community1');
    await vi.advanceTimersByTimeAsync(IDLE_MS * 2);
    await expect(media.ensureStream(cam(2), 'sub', community1)).rejects.toBeInstanceOf(StreamQuotaError);
    close();
    await vi.advanceTimersByTimeAsync(IDLE_MS + 1000);
    expect(media.heldBy('community1')).toBe(0);
    const next = await media.ensureStream(cam(2), 'sub', community1);
    media.release(next.key, 'community1');
    await vi.advanceTimersByTimeAsync(3000);
    await expect(media.ensureStream(cam(3), 'sub', community1)).resolves.toBeDefined();
  });

  it('answers the live route with 429, the rule and the limit', async () => {
    make({ userStreams: { station_chief: 1 } });
    const app = await mediaTestApp(media, () => true);
    try {
      const live = (id: string) =>
        app.inject({ url: `/api/cameras/${id}/live?stream=sub`, headers: { cookie: cookie('chief1') } });
      expect((await live(cam(1))).statusCode).toBe(200);
      const refused = await live(cam(2));
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({ statusCode: 429, rule: 'stream-quota', limit: 1 });
      expect(refused.json().message).toContain('MEDIA_USER_STREAMS');
      // The duty officer's role has no quota here.
      const other = await app.inject({
        url: `/api/cameras/${cam(2)}/live`,
        headers: { cookie: cookie('duty') },
      });
      expect(other.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
