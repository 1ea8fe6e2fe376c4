import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Flags this machine's Chromium needs: no sandbox as root, no network beyond loopback. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far; tests fail on any. */
  errors: string[];
  close(): Promise<void>;
}

/** Debian's Chromium with a fresh profile, and an error collector on its first page. */
export async function launchBrowser(
  opts: { width?: number; height?: number; locale?: string } = {},
): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'onpatrol-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: opts.width ?? 1600, height: opts.height ?? 900 },
    locale: opts.locale ?? 'zh-CN',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (msg) => {
    // Chromium's "Failed to load resource" names no URL in its text; the location does.
    if (msg.type() === 'error') {
      const where = msg.location().url;
      errors.push(where ? `${msg.text()} (${where})` : msg.text());
    }
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
