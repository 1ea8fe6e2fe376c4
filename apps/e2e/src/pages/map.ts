import type { Page } from 'playwright-core';

/** The command map and its side panel. */
export class MapPage {
  constructor(readonly page: Page) {}

  /** Wait until all points are loaded and painted once. */
  async ready(): Promise<void> {
    await this.page.waitForFunction(() => performance.getEntriesByName('map:first-paint').length > 0, null, {
      timeout: 60_000,
    });
  }

  counts(): Promise<{ cameras: number; alarms: number; drawnPoints: number }> {
    return this.page.evaluate(() =>
      (window as unknown as { __onpatrol: { counts(): never } }).__onpatrol.counts(),
    );
  }

  async pointsDrawn(): Promise<number> {
    return Number(await this.page.getByTestId('map').getAttribute('data-points-drawn'));
  }

  zoom(): Promise<number> {
    return this.page.evaluate(() =>
      (window as unknown as { __onpatrol: { map: { getZoom(): number } } }).__onpatrol.map.getZoom(),
    );
  }

  center(): Promise<{ lat: number; lng: number }> {
    return this.page.evaluate(() => {
      const c = (
        window as unknown as { __onpatrol: { map: { getCenter(): { lat: number; lng: number } } } }
      ).__onpatrol.map.getCenter();
      return { lat: c.lat, lng: c.lng };
    });
  }

  /** Type `text` into the search box and wait for its results (not the previous text's). */
  async search(text: string): Promise<void> {
    await this.page.getByTestId('search-input').fill(text);
    await this.page.locator(`[data-testid="search-results"][data-query=${JSON.stringify(text)}]`).waitFor();
    await this.page.getByTestId('search-result').first().waitFor();
  }
}
