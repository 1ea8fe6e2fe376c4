import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MediaService } from '../../src/media/service.js';
import { CAM_A, fakeLookup, fakeSpawner } from './fakes.js';

/** A node-media-server stand-in whose grants the test answers one by one. */
function fakeGrants() {
  const asked: Array<{
    action: string;
    key: string;
    resolve: (t: string) => void;
    reject: (e: Error) => void;
  }> = [];
  return {
    asked,
    grant: (action: 'publish' | 'play', key: string) =>
      new Promise<string>((resolve, reject) => asked.push({ action, key, resolve, reject })),
  };
}

describe('tokens of node-media-server in the media service (fake ffmpeg)', () => {
  let dir: string;
  let spawner: ReturnType<typeof fakeSpawner>;
  let grants: ReturnType<typeof fakeGrants>;
  let media: MediaService;
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-05-01T08:00:00Z') });
    dir = mkdtempSync(path.join(tmpdir(), 'media-grant-'));
    spawner = fakeSpawner();
    grants = fakeGrants();
    media = new MediaService(
      {
        hlsDir: dir,
        maxStreams: 4,
        idleMs: 10_000,
        nmsRtmpPort: 19350,
        nmsHttpPort: 18080,
        ffmpegPath: 'ffmpeg',
        segmentSeconds: 1,
        listSize: 4,
      },
      { spawn: spawner.spawn, lookupCamera: fakeLookup().lookupCamera, grant: grants.grant },
    );
  });
  afterEach(async () => {
    await media.close();
    vi.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts each ffmpeg run only once its one-time publish token is granted', async () => {
    await media.ensureStream(CAM_A, 'sub', 'duty');
    expect(grants.asked.map((g) => [g.action, g.key])).toEqual([['publish', `${CAM_A}_sub`]]);
    expect(spawner.children).toHaveLength(0);
    grants.asked[0]!.resolve('tok-1');
    await vi.advanceTimersByTimeAsync(0);
    expect(spawner.last.args).toContain(`rtmp://127.0.0.1:19350/live/${CAM_A}_sub?token=tok-1`);
    // The next run (after ffmpeg died) gets a token of its own.
    spawner.last.fail(1, 'Connection refused');
    await vi.advanceTimersByTimeAsync(600);
    expect(grants.asked).toHaveLength(2);
    grants.asked[1]!.resolve('tok-2');
    await vi.advanceTimersByTimeAsync(0);
    expect(spawner.children).toHaveLength(2);
    expect(spawner.last.args).toContain(`rtmp://127.0.0.1:19350/live/${CAM_A}_sub?token=tok-2`);
  });

  it('counts a refused grant as a failed run and asks again after the backoff', async () => {
    await media.ensureStream(CAM_A, 'sub', 'duty');
    grants.asked[0]!.reject(new Error('node-media-server is not running'));
    await vi.advanceTimersByTimeAsync(0);
    expect(media.status(CAM_A)).toMatchObject({
      state: 'offline',
      reason: 'node-media-server did not take the publish: node-media-server is not running',
    });
    expect(spawner.children).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(600);
    expect(grants.asked).toHaveLength(2);
  });

  it('starts nothing when the stream was stopped while its grant was on the way', async () => {
    const { key } = await media.ensureStream(CAM_A, 'sub', 'duty');
    media.release(key, 'duty');
    await vi.advanceTimersByTimeAsync(3000);
    expect(media.isActive(key)).toBe(false);
    grants.asked[0]!.resolve('tok-late');
    await vi.advanceTimersByTimeAsync(0);
    expect(spawner.children).toHaveLength(0);
  });

  it('gives the WS-FLV relay an upstream URL with a play token of its own', async () => {
    const url = media.flvUpstream(`${CAM_A}_sub`);
    expect(grants.asked.at(-1)).toMatchObject({ action: 'play', key: `${CAM_A}_sub` });
    grants.asked.at(-1)!.resolve('play-1');
    expect(await url).toBe(`http://127.0.0.1:18080/live/${CAM_A}_sub.flv?token=play-1`);
  });
});
