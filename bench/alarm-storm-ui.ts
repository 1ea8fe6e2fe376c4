// The duty officer's screen during an alarm storm: all 1,186 infrared alarms report within one
// second while the alarm queue is open in Chromium. How long until the queue lists every one,
// and how long the page's main thread was blocked meanwhile (long tasks, longest frame gap).
// Run: node --conditions=source --import tsx bench/alarm-storm-ui.ts   (needs `pnpm build` first)
//   TRIALS=3  storms, each on a fresh system; PAGE_CPU_PROF=<file> writes the page's CPU profile
//   of the last storm (open it in Chromium's DevTools, Performance panel)
import { writeFileSync } from 'node:fs';
import { LoginPage, launchBrowser, startSystem } from '@onpatrol/e2e';
import { alarmDevices, DeviceSender } from './lib/device-sender.js';
import { signIn } from './lib/session.js';
import { report } from './lib/stats.js';

const TRIALS = Number(process.env.TRIALS ?? 3);
const PASSWORD = 'bench-password-1';

interface PageFigures {
  /** From the first report sent to the queue listing every alarm (ms). */
  allListed: number;
  /** Long tasks (> 50 ms) during the storm and until 2 s after it was listed. */
  longTasks: number[];
  /** Longest gap between two animation frames in the same span (ms). */
  longestFrame: number;
}

async function trial(): Promise<PageFigures> {
  const system = await startSystem({
    env: { DEMO_PASSWORD: PASSWORD, MEDIA_PREWARM_KEY_SITES: 'false', MEDIA_PREWARM_ALARMS: '0' },
  });
  const browser = await launchBrowser({ width: 1440, height: 900 });
  // tsx compiles named inner functions with an `__name` helper that the page does not have.
  await browser.page.addInitScript('window.__name = (f) => f');
  try {
    const devices = await alarmDevices(system.baseUrl, await signIn(system.baseUrl, 'duty', PASSWORD));
    await new LoginPage(browser.page).open(system.baseUrl);
    await new LoginPage(browser.page).signIn('duty', PASSWORD);
    await browser.page.getByTestId('nav-alarms').click();
    await browser.page.getByTestId('alarm-queue').waitFor();

    // In the page: long tasks and frame gaps from now on, and when the queue lists `want` alarms.
    await browser.page.evaluate((want) => {
      const w = window as unknown as { storm: { longTasks: number[]; frames: number[]; listedAt: number } };
      w.storm = { longTasks: [], frames: [], listedAt: 0 };
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.storm.longTasks.push(e.duration);
      }).observe({ type: 'longtask' });
      const queue = document.querySelector('[data-testid="alarm-queue"]')!;
      const frame = (t: number) => {
        w.storm.frames.push(t);
        if (!w.storm.listedAt && Number(queue.getAttribute('data-count')) >= want) w.storm.listedAt = t;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    }, devices.length);

    const cdp = process.env.PAGE_CPU_PROF ? await browser.context.newCDPSession(browser.page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const sender = await DeviceSender.open(system.baseUrl, 64);
    const start = await browser.page.evaluate(() => performance.now());
    const statuses = await sender.storm(devices);
    sender.close();
    if (statuses.some((s) => s !== 202))
      throw new Error(`refused reports: ${statuses.filter((s) => s !== 202)}`);
    await browser.page.waitForFunction(
      () => (window as unknown as { storm: { listedAt: number } }).storm.listedAt > 0,
      null,
      { timeout: 60_000 },
    );
    await new Promise((r) => setTimeout(r, 2000));
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(process.env.PAGE_CPU_PROF!, JSON.stringify(profile));
    }
    const seen = await browser.page.evaluate(
      () =>
        (window as unknown as { storm: { longTasks: number[]; frames: number[]; listedAt: number } }).storm,
    );
    const frames = seen.frames.filter((t) => t >= start);
    let longestFrame = 0;
    for (let i = 1; i < frames.length; i++)
      longestFrame = Math.max(longestFrame, frames[i]! - frames[i - 1]!);
    // Before signing in, the page asks who is signed in and gets a 401: not an error of the storm.
    const errors = browser.errors.filter((e) => !e.includes('/api/auth/me'));
    if (errors.length) throw new Error(`browser errors: ${errors.join('; ')}`);
    return { allListed: seen.listedAt - start, longTasks: seen.longTasks, longestFrame };
  } finally {
    await browser.close();
    await system.stop();
  }
}

const results: PageFigures[] = [];
for (let i = 0; i < TRIALS; i++) {
  const r = await trial();
  console.log(
    `  storm ${i + 1}: listed all after ${r.allListed.toFixed(0)} ms; ${r.longTasks.length} long tasks, ` +
      `${r.longTasks.reduce((a, b) => a + b, 0).toFixed(0)} ms blocked, longest ${Math.max(0, ...r.longTasks).toFixed(0)} ms; longest frame ${r.longestFrame.toFixed(0)} ms`,
  );
  results.push(r);
}
console.log(`duty officer's alarm queue in Chromium, 1,186 alarms within one second (${TRIALS} storms)`);
report(
  '  first report → queue lists all',
  results.map((r) => r.allListed),
);
report(
  '  long task',
  results.flatMap((r) => r.longTasks),
);
report(
  '  longest frame per storm',
  results.map((r) => r.longestFrame),
);
