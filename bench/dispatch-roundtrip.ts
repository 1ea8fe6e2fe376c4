// Command round trip: the shift leader's dispatch is issued → the street unit's page shows the
// order (performance mark `ops:order-shown:<id>` in the unit's browser). Median and p99.
// Run: node --conditions=source --import tsx bench/dispatch-roundtrip.ts   (needs `pnpm build` first)
import type { Camera, Incident, Order, PageOf } from '@onpatrol/contracts';
import { LoginPage, launchBrowser, startSystem } from '@onpatrol/e2e';
import { signIn } from './lib/session.js';
import { report } from './lib/stats.js';

const TRIALS = Number(process.env.TRIALS ?? 30);
const PASSWORD = 'bench-password-1';
const system = await startSystem({ env: { DEMO_PASSWORD: PASSWORD, MEDIA_PREWARM_KEY_SITES: 'false' } });
const browser = await launchBrowser({ width: 420, height: 860 });
const { page } = browser;
try {
  await new LoginPage(page).open(system.baseUrl);
  await new LoginPage(page).signIn('unit', PASSWORD);
  await page.getByTestId('unit-page').waitFor();
  const duty = await signIn(system.baseUrl, 'duty', PASSWORD);
  const leader = await signIn(system.baseUrl, 'leader', PASSWORD);
  const unitCookie = await signIn(system.baseUrl, 'unit', PASSWORD);
  const call = async <T>(cookie: string, method: string, url: string, body?: object) => {
    const res = await fetch(`${system.baseUrl}${url}`, {
      method,
      headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return (res.status === 204 ? null : await res.json()) as T;
  };
  const cameras = (await call<PageOf<Camera>>(duty, 'GET', '/api/cameras?station=1&limit=50')).items;
  const samples: number[] = [];
  for (let i = 0; i < TRIALS; i++) {
    const incident = await call<Incident>(duty, 'POST', '/api/reports', {
      cameraId: cameras[i % cameras.length]!.id,
      kind: 'other',
      note: `bench ${i}`,
    });
    const issued = Date.now();
    const [order] = await call<Order[]>(leader, 'POST', '/api/dispatch', {
      incidentId: incident.id,
      unitIds: ['YH01-1'],
      task: 'check',
    });
    await page.waitForFunction(
      (id) => performance.getEntriesByName(`ops:order-shown:${id}`).length > 0,
      order!.id,
      { timeout: 10_000 },
    );
    const shown = await page.evaluate(
      (id) => performance.timeOrigin + performance.getEntriesByName(`ops:order-shown:${id}`)[0]!.startTime,
      order!.id,
    );
    samples.push(shown - issued);
    // The unit finishes the order so it is free for the next trial.
    for (const status of ['accepted', 'on_scene'] as const)
      await call(unitCookie, 'POST', `/api/orders/${order!.id}`, { status });
    await call(unitCookie, 'POST', `/api/orders/${order!.id}`, { status: 'done', outcome: 'other' });
  }
  console.log(`dispatch round trip (${TRIALS} trials): leader issues the order → the unit's page shows it`);
  report('  dispatch issued → order shown on /unit', samples);
} finally {
  await browser.close();
  await system.stop();
}
