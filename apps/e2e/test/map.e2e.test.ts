import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  LoginPage,
  launchBrowser,
  MapPage,
  type RunningSystem,
  startSystem,
} from '../src/index.js';

const PASSWORD = 'e2e-password-1';

// Debian Chromium against the real, built gateway serving the built web app (embedded database).
describe('command map in the browser', () => {
  let system: RunningSystem;
  let browser: Browser;
  let map: MapPage;

  beforeAll(async () => {
    system = await startSystem({ DEMO_PASSWORD: PASSWORD, MEDIA_PREWARM_KEY_SITES: 'false' });
    browser = await launchBrowser();
    map = new MapPage(browser.page);
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('refuses a wrong password with a visible message', async () => {
    const login = new LoginPage(browser.page);
    await login.open(system.baseUrl);
    await login.signIn('leader', 'not-the-password');
    await expect.poll(() => browser.page.getByTestId('login-error').textContent()).toMatch(/登录失败/);
  });

  it('signs in and shows all 7,185 points on the map', async () => {
    const login = new LoginPage(browser.page);
    await login.signIn('leader', PASSWORD);
    await map.ready();
    expect(await map.counts()).toMatchObject({ cameras: 5999, alarms: 1186 });
    await expect.poll(() => map.pointsDrawn()).toBe(7185);
    expect(await browser.page.getByTestId('legend-cameras').getAttribute('data-count')).toBe('5999');
    expect(await browser.page.getByTestId('legend-alarms').getAttribute('data-count')).toBe('1186');
    // Chinese is the default language.
    expect(await browser.page.locator('html').getAttribute('lang')).toBe('zh-CN');
  });

  it('searches a camera by name, flies to it and opens its panel', async () => {
    await map.search('南湖广场');
    const camera = browser.page.locator('[data-testid="search-result"][data-kind="camera"]').first();
    const id = await camera.getAttribute('data-id');
    expect(await camera.textContent()).toContain('南湖广场');
    await camera.click();
    await browser.page.getByTestId('camera-panel').waitFor();
    expect(await browser.page.getByTestId('camera-panel').getAttribute('data-id')).toBe(id);
    expect(await browser.page.getByTestId('camera-panel-name').textContent()).toContain('南湖广场');
    await expect.poll(() => map.zoom(), { timeout: 10_000 }).toBeGreaterThanOrEqual(17);
    const detail = await (await browser.page.request.get(`${system.baseUrl}/api/cameras/${id}`)).json();
    await expect
      .poll(async () => {
        const c = await map.center();
        return Math.hypot(c.lat - detail.camera.lat, c.lng - detail.camera.lon);
      })
      .toBeLessThan(0.0005);
  });

  it('opens the panel of a camera clicked on the map, with its owner contact', async () => {
    await browser.page.getByTestId('search-input').fill('');
    await map.search('中心医院');
    const camera = browser.page.locator('[data-testid="search-result"][data-kind="camera"]').nth(2);
    const id = await camera.getAttribute('data-id');
    await camera.click();
    await browser.page.getByTestId('camera-panel').waitFor();
    await browser.page.getByTestId('panel-close').click();
    await expect.poll(() => browser.page.getByTestId('camera-panel').count()).toBe(0);
    // Click the camera where the map draws it (after the fly-to has settled).
    const detail = await (await browser.page.request.get(`${system.baseUrl}/api/cameras/${id}`)).json();
    await expect.poll(() => map.zoom(), { timeout: 10_000 }).toBeGreaterThanOrEqual(17);
    await browser.page.waitForFunction(
      () =>
        !(window as unknown as { __onpatrol: { map: { _animatingZoom?: boolean } } }).__onpatrol.map
          ._animatingZoom,
    );
    const box = (await browser.page.getByTestId('map').boundingBox())!;
    const point = await browser.page.evaluate(
      ([lat, lon]) => {
        const m = (
          window as unknown as {
            __onpatrol: { map: { latLngToContainerPoint(ll: [number, number]): { x: number; y: number } } };
          }
        ).__onpatrol.map;
        return m.latLngToContainerPoint([lat, lon]);
      },
      [detail.camera.lat, detail.camera.lon] as [number, number],
    );
    // The hit grid is rebuilt when the map settles; a click during the last frame of the flight
    // may miss, as it would for a person, who clicks again.
    const panel = browser.page.getByTestId('camera-panel');
    for (let attempt = 0; attempt < 5 && (await panel.count()) === 0; attempt++) {
      await browser.page.mouse.click(box.x + point.x, box.y + point.y);
      await panel.waitFor({ timeout: 2000 }).catch(() => {});
    }
    if ((await panel.count()) === 0) await browser.page.screenshot({ path: '/tmp/map-click-fail.png' });
    await panel.waitFor();
    expect(await browser.page.getByTestId('camera-panel').getAttribute('data-id')).toBe(id);
    expect(await browser.page.getByTestId('camera-panel').textContent()).toMatch(/1[3-9][0-9]{9}/);
  });

  it('switches the language to English and back', async () => {
    const before = await browser.page.getByTestId('legend-cameras').textContent();
    await browser.page.getByTestId('lang-switch').click();
    await expect.poll(() => browser.page.locator('html').getAttribute('lang')).toBe('en');
    const after = await browser.page.getByTestId('legend-cameras').textContent();
    expect(after).not.toBe(before);
    expect(after).toMatch(/[A-Za-z]/);
    await browser.page.getByTestId('lang-switch').click();
    await expect.poll(() => browser.page.locator('html').getAttribute('lang')).toBe('zh-CN');
  });

  it('logged no errors beyond the refused sign-in', () => {
    const unexpected = browser.errors.filter((e) => !/401|Unauthorized/.test(e));
    expect(unexpected).toEqual([]);
  });
});
