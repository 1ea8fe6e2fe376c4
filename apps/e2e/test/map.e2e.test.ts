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

  it('shows the sign-in page without a console error (no session is not an error)', async () => {
    const login = new LoginPage(browser.page);
    await login.open(system.baseUrl);
    await browser.page.waitForLoadState('networkidle');
    expect(browser.errors).toEqual([]);
  });

  it('refuses a wrong password with a visible message', async () => {
    const login = new LoginPage(browser.page);
    await login.signIn('leader', 'not-the-password');
    // In the UI's language, not the gateway's English.
    await expect
      .poll(() => browser.page.getByTestId('login-error').textContent())
      .toMatch(/登录失败.*用户名或密码错误/);
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
    await expect.poll(() => map.zoom(), { timeout: 30_000 }).toBeGreaterThanOrEqual(17);
    const detail = await (await browser.page.request.get(`${system.baseUrl}/api/cameras/${id}`)).json();
    await expect
      .poll(async () => {
        const c = await map.center();
        return Math.hypot(c.lat - detail.camera.lat, c.lng - detail.camera.lon);
      })
      .toBeLessThan(0.0005);
  });

  it('opens the panel of a camera clicked on the map, with its owner contact', async () => {
    // Fly to a site by search, then click a camera of that site where the map draws it.
    await browser.page.getByTestId('search-input').fill('');
    await map.search('中心医院');
    const first = browser.page.locator('[data-testid="search-result"][data-kind="camera"]').first();
    const firstId = await first.getAttribute('data-id');
    // Click that result by its ID: the list may re-render between reading and clicking `first`.
    await browser.page.locator(`[data-testid="search-result"][data-id="${firstId}"]`).click();
    await browser.page.getByTestId('camera-panel').waitFor();
    expect(await browser.page.getByTestId('camera-panel').getAttribute('data-id')).toBe(firstId);
    await browser.page.getByTestId('panel-close').click();
    await expect.poll(() => browser.page.getByTestId('camera-panel').count()).toBe(0);
    const detail = await (await browser.page.request.get(`${system.baseUrl}/api/cameras/${firstId}`)).json();
    // Wait for the fly-to to land: zoom 18 near the camera, and the view unchanged between two
    // polls (a wait for the animation, not a speed check; the search test checks where it lands).
    let previous = '';
    await expect
      .poll(
        async () => {
          const c = await map.center();
          const zoom = await map.zoom();
          const view = `${zoom}|${c.lat.toFixed(7)}|${c.lng.toFixed(7)}`;
          const settled = view === previous;
          previous = view;
          const near = Math.hypot(c.lat - detail.camera.lat, c.lng - detail.camera.lon) < 0.0005;
          return { zoom, near, settled };
        },
        { timeout: 30_000 },
      )
      .toEqual({ zoom: 18, near: true, settled: true });
    // Pick another camera of the site, the one farthest from its neighbours on screen, so the
    // click is unambiguous (hit tolerance is 8 px).
    const site = (
      await (
        await browser.page.request.get(`${system.baseUrl}/api/cameras?site=${detail.camera.siteId}&limit=200`)
      ).json()
    ).items as Array<{ id: string; lat: number; lon: number }>;
    const points = await browser.page.evaluate((cams) => {
      const m = (
        window as unknown as {
          __onpatrol: { map: { latLngToContainerPoint(ll: [number, number]): { x: number; y: number } } };
        }
      ).__onpatrol.map;
      return cams.map((c) => ({ id: c.id, ...m.latLngToContainerPoint([c.lat, c.lon]) }));
    }, site);
    const box = (await browser.page.getByTestId('map').boundingBox())!;
    const inside = points.filter(
      (p) => p.id !== firstId && p.x > 320 && p.x < box.width - 60 && p.y > 80 && p.y < box.height - 80,
    );
    const spacing = (p: { x: number; y: number; id: string }) =>
      Math.min(...points.filter((q) => q.id !== p.id).map((q) => Math.hypot(q.x - p.x, q.y - p.y)));
    expect(inside.length).toBeGreaterThan(0);
    const target = inside.sort((a, b) => spacing(b) - spacing(a))[0]!;
    expect(spacing(target)).toBeGreaterThan(10);
    await browser.page.mouse.click(box.x + target.x, box.y + target.y);
    const panel = browser.page.getByTestId('camera-panel');
    await panel.waitFor();
    expect(await panel.getAttribute('data-id')).toBe(target.id);
    // The owner's and maintainer's phone numbers arrive with the camera's details.
    await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toMatch(/1[3-9][0-9]{9}/);
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
