import type { AlarmDevice, PageOf } from '@onpatrol/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  LoginPage,
  launchBrowser,
  type RunningSystem,
  raiseAlarm,
  startSystem,
} from '../src/index.js';

const PASSWORD = 'e2e-password-1';

// Three people at three screens: a duty officer, the shift leader and a street unit's phone.
describe('alarm to dispatch to outcome, in three browsers', () => {
  let system: RunningSystem;
  const browsers: Record<'duty' | 'leader' | 'unit', Browser> = {} as never;

  beforeAll(async () => {
    system = await startSystem({ env: { DEMO_PASSWORD: PASSWORD, MEDIA_PREWARM_KEY_SITES: 'false' } });
    for (const [name, size] of [
      ['duty', { width: 1440, height: 900 }],
      ['leader', { width: 1440, height: 900 }],
      ['unit', { width: 420, height: 860 }],
    ] as const) {
      const b = await launchBrowser(size);
      browsers[name] = b;
      await new LoginPage(b.page).open(system.baseUrl);
      await new LoginPage(b.page).signIn(name, PASSWORD);
    }
  });
  afterAll(async () => {
    for (const b of Object.values(browsers)) await b?.close();
    await system?.stop();
  });

  it('carries an alarm through acknowledgement, escalation, dispatch and the unit’s outcome into the statistics', async () => {
    const { duty, leader, unit } = browsers;
    await unit.page.getByTestId('unit-page').waitFor();
    await duty.page.getByTestId('nav-alarms').click();
    await duty.page.getByTestId('alarm-queue').waitFor();
    await leader.page.getByTestId('nav-dispatch').click();
    await leader.page.getByTestId('dispatch-board').waitFor();

    // An infrared alarm at a device of station 1 fires.
    const devices = (await (
      await duty.page.request.get(`${system.baseUrl}/api/alarm-devices?station=1&limit=1`)
    ).json()) as PageOf<AlarmDevice>;
    const { alarmId } = await raiseAlarm(system.baseUrl, devices.items[0]!.id);
    const item = duty.page.locator(`[data-testid="alarm-item"][data-id="${alarmId}"]`);
    await item.waitFor({ timeout: 15_000 });
    expect(await item.getAttribute('data-status')).toBe('new');

    // The duty officer acknowledges it and escalates it to an incident.
    await item.click();
    await duty.page.getByTestId('alarm-ack').click();
    await expect.poll(() => item.getAttribute('data-status')).toBe('acknowledged');
    await duty.page.getByTestId('alarm-escalate-note').fill('画面中有人翻墙');
    await duty.page.getByTestId('alarm-escalate').click();
    await expect
      .poll(() =>
        duty.page
          .locator(
            `[data-testid="alarm-item"][data-id="${alarmId}"][data-status="new"], [data-testid="alarm-item"][data-id="${alarmId}"][data-status="acknowledged"]`,
          )
          .count(),
      )
      .toBe(0);

    // The shift leader sees the incident and sends the demo unit.
    const incident = leader.page.locator('[data-testid="incident-item"]').first();
    await incident.waitFor({ timeout: 15_000 });
    const incidentId = await incident.getAttribute('data-id');
    await incident.click();
    const candidate = leader.page.locator('[data-testid="unit-candidate"][data-id="YH01-1"]');
    await candidate.waitFor();
    await candidate.locator('input[type="checkbox"]').check();
    await leader.page.getByTestId('dispatch-task').selectOption('intercept');
    await leader.page.getByTestId('dispatch-send').click();
    await expect
      .poll(() =>
        leader.page
          .locator(`[data-testid="incident-item"][data-id="${incidentId}"]`)
          .getAttribute('data-status'),
      )
      .toBe('dispatched');

    // The unit's phone rings; it accepts, drives there, arrives and reports the outcome.
    const order = unit.page.getByTestId('unit-order');
    await order.waitFor({ timeout: 15_000 });
    await unit.page.getByTestId('unit-accept').click();
    await expect.poll(() => order.getAttribute('data-status')).toBe('accepted');
    await unit.page.getByTestId('unit-enroute').click();
    await expect.poll(() => order.getAttribute('data-status')).toBe('en_route');
    await unit.page.getByTestId('unit-onscene').click();
    await expect.poll(() => order.getAttribute('data-status')).toBe('on_scene');
    await unit.page.getByTestId('unit-outcome').selectOption('suspects_caught');
    await unit.page.getByTestId('unit-suspects').fill('1');
    await unit.page.getByTestId('unit-done').click();
    await expect.poll(() => unit.page.getByTestId('unit-order').count(), { timeout: 10_000 }).toBe(0);

    // The incident is resolved, with its whole timeline, and the statistics count it.
    const res = await leader.page.request.get(`${system.baseUrl}/api/incidents/${incidentId}`);
    const done = await res.json();
    expect(done).toMatchObject({
      status: 'resolved',
      outcome: 'suspects_caught',
      suspectsCaught: 1,
      alarmId,
    });
    expect(done.timeline.map((t: { action: string }) => t.action)).toEqual(
      expect.arrayContaining([
        'alarm_raised',
        'escalated',
        'dispatched',
        'order_accepted',
        'order_on_scene',
        'order_done',
      ]),
    );
    await leader.page.getByTestId('nav-stats').click();
    const row = leader.page.locator(`[data-testid="stats-row"][data-key="${done.stationId}"]`);
    await row.waitFor({ timeout: 10_000 });
    await expect.poll(() => row.textContent()).toMatch(/1/);
    const stats = await (await leader.page.request.get(`${system.baseUrl}/api/stats?group=station`)).json();
    expect(stats.find((r: { key: string }) => r.key === done.stationId)).toMatchObject({
      suspectsCaught: 1,
      alarmsHandled: 1,
      incidents: 1,
    });
  });

  it('lets the shift leader find the dispatch and the unit’s answers in the audit log', async () => {
    const { leader } = browsers;
    await leader.page.getByTestId('nav-audit').click();
    await leader.page.getByTestId('audit-page').waitFor();
    await leader.page.getByTestId('audit-action').fill('dispatch:send');
    await leader.page.getByTestId('audit-search').click();
    await expect
      .poll(() => leader.page.locator('[data-testid="audit-row"][data-action="dispatch:send"]').count())
      .toBe(1);
    await leader.page.getByTestId('audit-action').fill('');
    await leader.page.getByTestId('audit-actor').fill('unit');
    await leader.page.getByTestId('audit-search').click();
    await expect
      .poll(() => leader.page.locator('[data-testid="audit-row"][data-action="order:update"]').count())
      .toBe(4);
    const csv = await leader.page.request.get(
      `${system.baseUrl}${await leader.page.getByTestId('audit-export').getAttribute('href')}`,
    );
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split('\r\n').filter((l) => l.includes('order:update'))).toHaveLength(4);
    // The chain's head is anchored: the page names the newest signed checkpoint, verified (the
    // gateway writes one within seconds of the head moving; "Check again" asks anew).
    const anchor = leader.page.getByTestId('audit-anchor');
    await expect
      .poll(
        async () => {
          await leader.page.getByTestId('audit-anchor-check').click();
          return anchor.getAttribute('data-state');
        },
        { timeout: 20_000, interval: 2000 },
      )
      .toBe('verified');
    expect(await leader.page.getByTestId('audit-anchor-status').textContent()).toMatch(/\d+/);
  });

  it('keeps a burst of alarms workable: the queue lists the first 100 and shows more on request, the map marks all', async () => {
    const { duty } = browsers;
    // This suite runs no cameras: take the first alarm's cameras off the wall, or their players
    // would keep asking for playlists that never come (404) while the burst is handled.
    const closers = duty.page.getByTestId('tile-close');
    while ((await closers.count()) > 0) await closers.first().click();
    await duty.page.getByTestId('nav-alarms').click();
    const queue = duty.page.getByTestId('alarm-queue');
    await queue.waitFor();
    const before = Number(await queue.getAttribute('data-count'));
    const devices = (await (
      await duty.page.request.get(`${system.baseUrl}/api/alarm-devices?limit=150`)
    ).json()) as PageOf<AlarmDevice>;
    expect(devices.items).toHaveLength(150);
    await Promise.all(devices.items.map((d) => raiseAlarm(system.baseUrl, d.id)));

    // (The simulator's own background alarms may add one now and then: at least, not exactly.)
    const open = async () => Number(await queue.getAttribute('data-count'));
    await expect.poll(open, { timeout: 15_000 }).toBeGreaterThanOrEqual(before + 150);
    const rows = duty.page.getByTestId('alarm-item');
    expect(await rows.count()).toBe(100);
    // Every open alarm is on the map: the first as rings, the rest as dots.
    await expect
      .poll(
        async () =>
          Number(await duty.page.getByTestId('map').getAttribute('data-ops-alarms')) - (await open()),
      )
      .toBe(0);
    await duty.page.getByTestId('alarm-more').click();
    await expect.poll(() => rows.count()).toBe(Math.min(200, await open()));
  });

  it('logged no browser errors', () => {
    for (const [name, b] of Object.entries(browsers)) {
      expect(
        b.errors.filter((e) => !/401/.test(e)),
        name,
      ).toEqual([]);
    }
  });
});
