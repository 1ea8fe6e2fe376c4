import { readdirSync, readFileSync } from 'node:fs';
import type { Camera, PageOf } from '@onpatrol/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  LoginPage,
  launchBrowser,
  MapPage,
  type RunningSystem,
  startSystem,
  WallPage,
} from '../src/index.js';

const PASSWORD = 'e2e-password-1';

/** The ffmpeg processes pulling a camera (found by the camera ID in their arguments). */
function ffmpegOf(cameraId: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (cmd.startsWith('ffmpeg') && cmd.includes(cameraId)) pids.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

// Debian Chromium playing real H.264 from the real RTSP simulator through the gateway's ffmpeg
// ingest: hls.js on the wall, mpegts.js over WS-FLV in the low-latency single view.
describe('live video in the browser', () => {
  let system: RunningSystem;
  let browser: Browser;
  let wall: WallPage;
  let cameras: Camera[];
  const fault = (id: string, action: 'fault' | 'restore', body?: object) =>
    fetch(`${system.simulatorUrl}/cameras/${id}/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    }).then((r) => expect(r.status).toBe(200));

  beforeAll(async () => {
    system = await startSystem({
      env: { DEMO_PASSWORD: PASSWORD, MEDIA_PREWARM_KEY_SITES: 'false' },
      simulator: { SIM_UNITS: 'false' },
    });
    browser = await launchBrowser();
    wall = new WallPage(browser.page);
    await new LoginPage(browser.page).open(system.baseUrl);
    await new LoginPage(browser.page).signIn('duty', PASSWORD);
    await new MapPage(browser.page).ready();
    const res = await browser.page.request.get(
      `${system.baseUrl}/api/cameras?status=online&siteKind=compound&limit=40`,
    );
    cameras = ((await res.json()) as PageOf<Camera>).items;
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('opens a camera from the map and decodes its frames with hls.js', async () => {
    const map = new MapPage(browser.page);
    await map.search('南湖广场');
    await browser.page.locator('[data-testid="search-result"][data-kind="camera"]').first().click();
    await browser.page.getByTestId('panel-play').click();
    await browser.page.getByTestId('wall').waitFor();
    const tile = await wall.playing(0);
    expect(tile.player).toBe('hls');
    expect(tile.stream).toBe('sub');
    // hls.js plays through Media Source Extensions, which Debian's Chromium has for H.264.
    const supported = await browser.page.evaluate(
      () =>
        typeof MediaSource !== 'undefined' && MediaSource.isTypeSupported('video/mp4; codecs="avc1.42E01E"'),
    );
    expect(supported).toBe(true);
  });

  it('plays nine cameras on a 9-tile wall', async () => {
    await wall.setLayout(9);
    for (let i = 0; i < 9; i++) await wall.put(i, cameras[i]!.id);
    for (let i = 0; i < 9; i++) await wall.playing(i, 0, 60_000);
    const tiles = await wall.tiles();
    expect(tiles.filter((t) => t.state === 'live')).toHaveLength(9);
  });

  it('shows a camera taken offline as offline in its tile and on the map within 10 s, and plays it again after it returns', async () => {
    const id = cameras[0]!.id;
    await fault(id, 'fault', { mode: 'offline' });
    const t0 = Date.now();
    await expect
      .poll(async () => (await wall.tile(0)).state, { timeout: 10_000, interval: 250 })
      .toBe('offline');
    expect(Date.now() - t0).toBeLessThan(10_000);
    await expect
      .poll(() => browser.page.locator('.live-ring.ring-offline').count(), { timeout: 5000 })
      .toBeGreaterThan(0);
    const frames = (await wall.tile(0)).totalVideoFrames;
    await fault(id, 'restore');
    await expect
      .poll(async () => (await wall.tile(0)).state, { timeout: 30_000, interval: 500 })
      .toBe('live');
    await wall.playing(0, frames, 30_000);
  });

  it('recovers by itself when the ffmpeg of a watched stream is killed', async () => {
    const id = cameras[1]!.id;
    const pids = ffmpegOf(id);
    expect(pids.length).toBeGreaterThan(0);
    // What the tile has buffered plays on for a moment after the kill; only media past its end
    // comes from the new ffmpeg run.
    const bufferedEnd = () =>
      browser.page.evaluate(() => {
        const v = document.querySelector<HTMLVideoElement>('[data-testid="wall-tile"][data-index="1"] video');
        return v && v.buffered.length > 0 ? v.buffered.end(v.buffered.length - 1) : 0;
      });
    const frames = (await wall.tile(1)).totalVideoFrames;
    const oldEnd = await bufferedEnd();
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    await expect.poll(() => ffmpegOf(id).some((p) => !pids.includes(p)), { timeout: 20_000 }).toBe(true);
    await expect
      .poll(async () => (await wall.tile(1)).currentTime, { timeout: 45_000, interval: 250 })
      .toBeGreaterThan(oldEnd + 1);
    await wall.playing(1, frames + 25, 15_000);
  });

  it('plays a focused camera in low-latency mode over WS-FLV, decoding frames with mpegts.js', async () => {
    const id = cameras[2]!.id;
    const sockets: string[] = [];
    const onSocket = (ws: { url(): string }) => sockets.push(ws.url());
    browser.page.on('websocket', onSocket);
    try {
      await wall.focus(2, 'flv');
      const tile = await wall.playing(2, 0, 30_000);
      expect(tile).toMatchObject({ cameraId: id, stream: 'main', player: 'flv' });
      // The video came over the gateway's WebSocket relay, on the page's own host.
      const origin = new URL(system.baseUrl).host;
      expect(sockets).toContainEqual(
        expect.stringMatching(
          new RegExp(`^ws://${origin.replace(/\./g, '\\.')}/media/ws-flv/${id}_main\\.flv\\?exp=\\d+&sig=`),
        ),
      );
      // And keeps coming: more frames decoded, the clock moving.
      await wall.playing(2, tile.totalVideoFrames, 15_000);
    } finally {
      browser.page.off('websocket', onSocket);
      await wall.focus(null, 'hls');
    }
  });

  it('advances a tour page by page', async () => {
    const ids = cameras.slice(10, 28).map((c) => c.id);
    await wall.startTour(ids, 4);
    await expect.poll(async () => (await wall.tiles()).map((t) => t.cameraId)).toEqual(ids.slice(0, 9));
    expect((await wall.tour()).running).toBe(true);
    await expect.poll(async () => (await wall.tour()).page, { timeout: 15_000 }).toBe(1);
    await expect.poll(async () => (await wall.tiles()).map((t) => t.cameraId)).toEqual(ids.slice(9, 18));
    await wall.playing(4, 0, 60_000);
    await wall.stopTour();
    // The tour and the wall changes are in the audit log, for supervisors.
    const login = await fetch(`${system.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'leader', password: PASSWORD }),
    });
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const actions = async () => {
      const res = await fetch(`${system.baseUrl}/api/audit?actor=duty&limit=500`, { headers: { cookie } });
      return ((await res.json()) as { items: Array<{ action: string }> }).items.map((r) => r.action);
    };
    await expect
      .poll(async () => [...new Set(await actions())], { timeout: 10_000 })
      .toEqual(expect.arrayContaining(['wall.tour.start', 'wall.tour.stop', 'live.open']));
  });

  it('logged no browser errors', () => {
    expect(browser.errors.filter((e) => !/401/.test(e))).toEqual([]);
  });
});
