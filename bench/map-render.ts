// Command map in headless Chromium with all 7,185 points (no video playing):
// data received → first paint, frame times while panning and zooming, restyle of 500 points.
// Run: node --conditions=source --import tsx bench/map-render.ts   (needs `pnpm build` first)
import { LoginPage, launchBrowser, MapPage, startSystem } from '@onpatrol/e2e';
import { report } from './lib/stats.js';

/** The part of Leaflet's map the scripted tour drives (runs in the page). */
interface LeafletLike {
  getCenter(): object;
  panBy(offset: [number, number], opts: object): void;
  setZoom(z: number, opts: object): void;
  flyTo(center: object, zoom: number, opts: object): void;
}

const RELOADS = Number(process.env.RELOADS ?? 12);
const PASSWORD = 'bench-password-1';
const system = await startSystem({ DEMO_PASSWORD: PASSWORD, MEDIA_PREWARM_KEY_SITES: 'false' });
const browser = await launchBrowser({ width: 1600, height: 900 });
const { page } = browser;
const map = new MapPage(page);
// tsx compiles named inner functions with an `__name` helper that the page does not have.
await page.addInitScript('window.__name = (f) => f');
try {
  const login = new LoginPage(page);
  await login.open(system.baseUrl);
  await login.signIn('leader', PASSWORD);
  await map.ready();

  const firstPaint: number[] = [];
  for (let i = 0; i < RELOADS; i++) {
    await page.reload();
    await map.ready();
    firstPaint.push(
      await page.evaluate(() => {
        const data = performance.getEntriesByName('map:data-received')[0]!.startTime;
        return performance.getEntriesByName('map:first-paint')[0]!.startTime - data;
      }),
    );
  }

  // Frame times: requestAnimationFrame deltas during a scripted tour of pans and zooms.
  const { frames, draws } = await page.evaluate(async () => {
    const op = (
      window as unknown as {
        __onpatrol: { map: LeafletLike; timings: { lastDraw?: { ms: number; at: number } } };
      }
    ).__onpatrol;
    const m = op.map;
    const deltas: number[] = [];
    const drawMs: number[] = [];
    let lastDrawAt = op.timings.lastDraw?.at;
    let last = performance.now();
    let running = true;
    const tick = (t: number) => {
      deltas.push(t - last);
      last = t;
      const d = op.timings.lastDraw;
      if (d && d.at !== lastDrawAt) {
        drawMs.push(d.ms);
        lastDrawAt = d.at;
      }
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame((t) => {
      last = t;
      requestAnimationFrame(tick);
    });
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const start = m.getCenter();
    for (let i = 0; i < 6; i++) {
      m.panBy([300, 120], { animate: true, duration: 0.6 });
      await wait(700);
      m.panBy([-300, -120], { animate: true, duration: 0.6 });
      await wait(700);
    }
    for (const z of [13, 14, 15, 16, 17, 16, 15, 14, 13, 12]) {
      m.setZoom(z, { animate: true });
      await wait(600);
    }
    m.flyTo(start, 17, { duration: 2 });
    await wait(2300);
    m.flyTo(start, 13, { duration: 2 });
    await wait(2300);
    running = false;
    return { frames: deltas.slice(2), draws: drawMs };
  });

  const restyle: number[] = [];
  for (let i = 0; i < 40; i++) {
    restyle.push(
      await page.evaluate(() =>
        (window as unknown as { __onpatrol: { restyleRandom(n: number): number } }).__onpatrol.restyleRandom(
          500,
        ),
      ),
    );
  }

  console.log('command map, 7,185 points, headless Chromium (Debian), 1600×900, no video');
  report('  data received → first paint', firstPaint);
  report('  frame interval while panning and zooming (rAF)', frames);
  report('  canvas redraw time per frame while moving', draws);
  const dropped = frames.filter((f) => f > 20).length;
  console.log(
    `  frames longer than 20 ms: ${dropped} of ${frames.length} (${((100 * dropped) / frames.length).toFixed(1)} %)`,
  );
  report('  restyle 500 points (status change + redraw)', restyle);
} finally {
  await browser.close();
  await system.stop();
}
