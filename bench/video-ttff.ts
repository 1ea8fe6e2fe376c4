// Time to first frame and live latency in Chromium: a camera put on the wall → its first decoded
// frame (requestVideoFrameCallback), cold (stream not yet pulled) and warm (already pulled), for
// HLS (hls.js) and WS-FLV (mpegts.js); then the live latency while playing (wall clock minus the
// playing frame's program date time, HLS) and the player's distance to the live edge.
// Run: node --conditions=source --import tsx bench/video-ttff.ts   (needs `pnpm build` first)
import type { Camera, PageOf } from '@onpatrol/contracts';
import { LoginPage, launchBrowser, MapPage, startSystem, WallPage } from '@onpatrol/e2e';
import { report } from './lib/stats.js';

const TRIALS = Number(process.env.TRIALS ?? 20);
const PASSWORD = 'bench-password-1';
const system = await startSystem({
  env: {
    DEMO_PASSWORD: PASSWORD,
    MEDIA_PREWARM_KEY_SITES: 'false',
    MEDIA_IDLE_SECONDS: '600',
    MEDIA_MAX_STREAMS: '120',
  },
  simulator: { SIM_UNITS: 'false' },
});
const browser = await launchBrowser({ width: 1280, height: 800 });
const { page } = browser;
await page.addInitScript('window.__name = (f) => f');
const wall = new WallPage(page);
try {
  await new LoginPage(page).open(system.baseUrl);
  await new LoginPage(page).signIn('duty', PASSWORD);
  await new MapPage(page).ready();
  await page.getByTestId('view-wall').click();
  await page.getByTestId('wall').waitFor();
  const all = (
    (await (
      await page.request.get(`${system.baseUrl}/api/cameras?status=online&limit=200`)
    ).json()) as PageOf<Camera>
  ).items;
  // Encode every loop the trials use in the simulator first: its one-time cost is not the gateway's.
  for (const c of all.slice(0, TRIALS * 2 + 2)) {
    await page.request.get(`${system.simulatorUrl}/cameras/${c.id}`);
  }

  async function firstFrame(id: string, mode: 'hls' | 'flv'): Promise<{ ms: number; toRequest: number }> {
    await wall.put(0, null);
    await page.evaluate(() => performance.clearMarks());
    await wall.focus(0, mode);
    await wall.put(0, id);
    await page.waitForFunction(() => performance.getEntriesByName('tile:first-frame:0').length > 0, null, {
      timeout: 30_000,
    });
    const [ms, toRequest] = await page.evaluate(() => {
      const at = (name: string) => performance.getEntriesByName(name)[0]!.startTime;
      return [at('tile:first-frame:0') - at('tile:assign:0'), at('tile:request:0') - at('tile:assign:0')];
    });
    const t = await wall.tile(0);
    if (t.player !== mode) throw new Error(`expected a ${mode} player, got ${t.player}`);
    return { ms, toRequest };
  }

  await wall.setLayout(1);
  const results: Record<string, number[]> = {
    'cold HLS': [],
    'warm HLS': [],
    'cold WS-FLV': [],
    'warm WS-FLV': [],
  };
  // Each trial split at `tile:request`: the live URLs fetched and the player given its source,
  // then the player's own part up to the first frame.
  const toUrl: Record<string, number[]> = {};
  const toFrame: Record<string, number[]> = {};
  const trial = async (name: string, id: string, mode: 'hls' | 'flv') => {
    const { ms, toRequest } = await firstFrame(id, mode);
    results[name]!.push(ms);
    toUrl[name] = [...(toUrl[name] ?? []), toRequest];
    toFrame[name] = [...(toFrame[name] ?? []), ms - toRequest];
  };
  let next = 0;
  for (let i = 0; i < TRIALS; i++) {
    const hlsCam = all[next++]!.id;
    await trial('cold HLS', hlsCam, 'hls');
    await trial('warm HLS', hlsCam, 'hls');
    const flvCam = all[next++]!.id;
    await trial('cold WS-FLV', flvCam, 'flv');
    await trial('warm WS-FLV', flvCam, 'flv');
  }

  // Latency while playing: 30 samples a second apart on one HLS and one FLV single view.
  const latency: Record<string, number[]> = {
    'HLS latency (wall clock − PDT)': [],
    'HLS distance to live edge': [],
    'WS-FLV distance to live edge': [],
  };
  for (const mode of ['hls', 'flv'] as const) {
    await firstFrame(all[next++]!.id, mode);
    await new Promise((r) => setTimeout(r, 5000));
    for (let i = 0; i < 30; i++) {
      const t = (await wall.tiles())[0] as { latencySec: number | null; edgeSec?: number | null };
      if (mode === 'hls' && t.latencySec != null)
        latency['HLS latency (wall clock − PDT)']!.push(t.latencySec * 1000);
      if (t.edgeSec != null)
        latency[`${mode === 'hls' ? 'HLS' : 'WS-FLV'} distance to live edge`]!.push(t.edgeSec * 1000);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  console.log(
    `time to first frame in Chromium (${TRIALS} trials each; single view: main stream 1280×720, 1 s GOP)`,
  );
  for (const [name, samples] of Object.entries(results))
    report(`  ${name}: put on wall → first decoded frame`, samples);
  for (const name of Object.keys(results)) {
    report(`    ${name}: put on wall → player has its URL`, toUrl[name] ?? []);
    report(`    ${name}: player has its URL → first frame`, toFrame[name] ?? []);
  }
  for (const [name, samples] of Object.entries(latency)) if (samples.length) report(`  ${name}`, samples);
} finally {
  await browser.close();
  await system.stop();
}
