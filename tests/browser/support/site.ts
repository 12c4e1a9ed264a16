/**
 * What a browser test needs around the page, as tests/browser/map.test.ts does it: the whole site (API + built web
 * app) in-process on a free port with the demo region, Chromium (playwright-core, /usr/bin/chromium or
 * CHROMIUM_PATH) with the same flags, and a page that records script errors and refuses anything not served by
 * our own site (the app must work offline).
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadDemo } from '../../../data/loaders/demo.ts';
import { createApp } from '../../../server/app.ts';
import { loadConfig, repoRoot } from '../../../server/config.ts';
import { loadProfiles } from '../../../server/rules/profiles.ts';
import { createSite, webDist } from '../../../server/site.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';

export const screenshots = path.join(repoRoot, 'tests', 'screenshots');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-unsafe-swiftshader',
];

export interface Site {
  base: string;
  db: TestDb;
  close(): Promise<void>;
}

/** The whole site (API + built web app) of `app`, in-process on 127.0.0.1 and a free port. Needs web/dist. */
export async function serveSite(app: ReturnType<typeof createApp>): Promise<{ base: string; close(): Promise<void> }> {
  if (!fs.existsSync(path.join(webDist, 'index.html'))) throw new Error('web/dist is missing: run `npm run build` first (npm test does)');
  const site = createSite(app);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: site.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The site with the demo region loaded, on 127.0.0.1 and a free port, configured by `env` over the defaults.
 * Needs web/dist (`npm run build`).
 */
export async function startSite(env: NodeJS.ProcessEnv = {}): Promise<Site> {
  const db = await openTestDb();
  await loadDemo(db.orm);
  const served = await serveSite(createApp({ config: loadConfig({ DATA_DIR: 'memory://', SEED: 'none', ...env }), db, profiles: loadProfiles() }));
  return {
    base: served.base,
    db,
    close: async () => {
      await served.close();
      await db.destroy();
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface WatchedPage {
  page: Page;
  /** Uncaught exceptions and console errors. */
  errors: string[];
  /** Requests to any host but our own (aborted). */
  external: string[];
}

/** A page at 1366×768 (a common office laptop) that records errors and blocks every other host. */
export async function openPage(browser: Browser, base: string, options: { locale?: string; acceptDownloads?: boolean } = {}): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: options.locale ?? 'zh-CN', acceptDownloads: options.acceptDownloads ?? false });
  const errors: string[] = [];
  const external: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.host !== new URL(base).host) {
      external.push(url.href);
      return route.abort();
    }
    return route.continue();
  });
  fs.mkdirSync(screenshots, { recursive: true });
  return { page, errors, external };
}
