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

/** Sign in as `user` in a fresh browser profile (another workstation) and show the wall. */
async function workstation(system: RunningSystem, user: string): Promise<Browser> {
  const browser = await launchBrowser();
  const login = new LoginPage(browser.page);
  await login.open(system.baseUrl);
  await login.signIn(user, PASSWORD);
  await new MapPage(browser.page).ready();
  await browser.page.getByTestId('view-wall').click();
  return browser;
}

// Named layouts and tours are the officer's, not the browser's: saved on one workstation, they
// are there on the next one. The simulator serves the tiles' video, so the pages run clean.
describe('saved layouts and tours follow the officer', () => {
  let system: RunningSystem;
  let first: Browser;
  let second: Browser | null = null;
  let cameras: Camera[];

  beforeAll(async () => {
    system = await startSystem({
      env: { DEMO_PASSWORD: PASSWORD, MEDIA_PREWARM_KEY_SITES: 'false' },
      simulator: { SIM_UNITS: 'false', SIM_ALARM_RATE_PER_HOUR: '0' },
    });
    first = await workstation(system, 'duty');
    const res = await first.page.request.get(`${system.baseUrl}/api/cameras?siteKind=compound&limit=3`);
    cameras = ((await res.json()) as PageOf<Camera>).items;
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await system?.stop();
  });

  it('saves a layout and a tour on one workstation and finds both on another', async () => {
    const page = first.page;
    const wall = new WallPage(page);
    await wall.setLayout(4);
    await wall.put(0, cameras[0]!.id);
    await wall.put(2, cameras[1]!.id);

    await page.getByTestId('layouts-menu').locator('summary').click();
    await page.getByTestId('layout-name').fill('夜班 北门');
    await page.getByTestId('layout-save').click();
    await page.locator('[data-testid="layout-item"][data-name="夜班 北门"]').waitFor();

    // The wall view opens with its side panel (search and tours) shown.
    await expect
      .poll(() => page.getByTestId('wall-sidebar-toggle').getAttribute('aria-pressed'))
      .toBe('true');
    await page.getByTestId('tour-name').fill('小区巡控');
    await page.getByTestId('tour-dwell').fill('15');
    await page.getByTestId('tour-from-wall').click();
    await page.getByTestId('tour-save').click();
    await page.locator('[data-testid="tour-item"][data-name="小区巡控"]').waitFor();

    second = await workstation(system, 'duty');
    const other = second.page;
    await expect
      .poll(() => other.getByTestId('tour-select').locator('option').allTextContents())
      .toEqual(['小区巡控']);
    await other.getByTestId('layouts-menu').locator('summary').click();
    const item = other.locator('[data-testid="layout-item"][data-name="夜班 北门"]');
    await item.getByTestId('layout-load').click();
    await expect
      .poll(async () => (await new WallPage(other).tiles()).map((t) => t.cameraId))
      .toEqual([cameras[0]!.id, null, cameras[1]!.id, null]);

    // Deleting on the second workstation removes it for the officer everywhere.
    await other.getByTestId('layouts-menu').locator('summary').click();
    await item.getByTestId('layout-delete').click();
    await item.waitFor({ state: 'detached' });
    const left = await page.request.get(`${system.baseUrl}/api/me/layouts`);
    expect(await left.json()).toEqual([]);
  });

  it('logged no browser errors', () => {
    // 401: the session check before signing in.
    const real = (errors: string[]) => errors.filter((e) => !/401/.test(e));
    expect(real(first.errors)).toEqual([]);
    expect(real(second?.errors ?? [])).toEqual([]);
  });
});
