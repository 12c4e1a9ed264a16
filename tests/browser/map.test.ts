/**
 * The map in a real browser: the whole site (API + built web app) in-process on a free port with the demo region,
 * Chromium through playwright-core. Fails when the page reports an error, asks the internet for anything, or does
 * not draw every layer. Screenshots go to tests/screenshots/ (gitignored). Needs web/dist: `npm test` builds it.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../server/config.ts';
import { colourCount, decodePng, pixel } from './support/png.ts';
import { launchChromium, openPage, screenshots, startSite, type Site } from './support/site.ts';

const LAYERS = ['mining_rights', 'tailings_ponds', 'settlements', 'rivers', 'ridge_lines', 'hazard_zones', 'restricted_zones', 'ore_bodies', 'admin_areas'];
const demo = (layer: string) => JSON.parse(fs.readFileSync(path.join(repoRoot, 'geo-fixtures', 'demo', `${layer}.geojson`), 'utf8')) as FeatureCollection;

interface AtlasReadout {
  ready: boolean;
  loading: boolean;
  drawn: Record<string, number>;
  density?: Record<string, number>;
  requestedZoom?: number;
  view?: { zoom: number; bbox: number[] };
  selected?: { layer: string; id: string; name: string };
  errors: string[];
}

/** A producing mining right and a point inside it that no other clickable feature covers. */
function clickTarget(): { feature: Feature<Polygon>; at: [number, number] } {
  const rights = demo('mining_rights').features as Feature<Polygon>[];
  const covering = [...demo('tailings_ponds').features, ...demo('settlements').features.filter((f) => f.geometry.type !== 'Point')] as Feature<Polygon>[];
  const points = [
    ...demo('settlements').features.filter((f) => f.geometry.type === 'Point').map((f) => (f.geometry as Point).coordinates),
    ...demo('tailings_ponds').features.map((f) => f.properties?.damPoint as number[]),
  ];
  for (const feature of rights) {
    if (feature.properties?.status !== 'producing' || feature.geometry.type !== 'Polygon') continue;
    const at = turf.centerOfMass(feature).geometry.coordinates as [number, number];
    if (!turf.booleanPointInPolygon(at, feature)) continue;
    const others = [...rights.filter((r) => r !== feature), ...covering];
    if (others.some((o) => turf.booleanPointInPolygon(at, o))) continue;
    if (points.some((p) => turf.distance(at, p, { units: 'meters' }) < 800)) continue;
    return { feature, at };
  }
  throw new Error('no clickable mining right in the demo data');
}

describe('map (browser)', { timeout: 120_000 }, () => {
  let site: Site;
  let browser: Browser;
  let page: Page;
  let base: string;
  let pageErrors: string[];
  let external: string[];

  beforeAll(async () => {
    site = await startSite();
    base = site.base;
    browser = await launchChromium();
    ({ page, errors: pageErrors, external } = await openPage(browser, base));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  const readout = () => page.evaluate(() => JSON.parse(JSON.stringify(window.__atlas)) as AtlasReadout);

  it('draws every layer of the demo region offline, without errors', async () => {
    await page.goto(base);
    await page.waitForFunction(() => window.__atlas?.ready === true, null, { timeout: 60_000 });
    const atlas = await readout();
    expect(atlas.errors).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(external).toEqual([]);
    await expect(page.locator('[role="alert"]').count()).resolves.toBe(0);
    for (const layer of LAYERS) expect(atlas.drawn[layer], `features drawn in ${layer}`).toBeGreaterThan(0);
    expect(atlas.drawn.mining_rights).toBe(demo('mining_rights').features.length);

    // The layer panel lists every layer with its Chinese title and count.
    const panel = page.locator('.layer-panel');
    for (const title of ['采矿权', '尾矿库', '居民点', '河流', '山脊线', '隐蔽致灾区', '禁止/限制开采区', '矿体', '行政区']) {
      await expect(panel.getByText(title, { exact: true }).count()).resolves.toBe(1);
    }
    await expect(page.getByText('底图数据：Natural Earth；演示数据为虚构').isVisible()).resolves.toBe(true);
    await expect(page.getByText('边界示意', { exact: false }).first().isVisible()).resolves.toBe(true);

    // The map has really drawn: many colours on screen, and the map area is not just the land colour.
    await page.waitForFunction(() => window.__atlas.labelled === true);
    const shot = decodePng(await page.locator('.map-area').screenshot());
    expect(colourCount(shot)).toBeGreaterThan(200);
  });

  it('shows a clicked mining right with Chinese labels, then in English', async () => {
    const { feature, at } = clickTarget();
    const p = feature.properties!;
    const point = await page.evaluate(([lon, lat]) => window.__atlas.project!(lon, lat), at);
    const box = (await page.locator('.map-area').boundingBox())!;
    expect(point.x).toBeGreaterThan(box.x + 20);
    expect(point.x).toBeLessThan(box.x + box.width - 60);
    expect(point.y).toBeGreaterThan(box.y + 20);
    expect(point.y).toBeLessThan(box.y + box.height - 40);

    // The right is drawn where it should be: its fill differs from the bare land colour.
    const before = decodePng(await page.screenshot());
    const [r, g, b] = pixel(before, point.x, point.y);
    expect(Math.abs(r - 0xf2) + Math.abs(g - 0xef) + Math.abs(b - 0xe6), `pixel ${r},${g},${b} at the right`).toBeGreaterThan(30);

    await page.mouse.click(point.x, point.y);
    const attributes = page.locator('.attribute-panel');
    await attributes.waitFor({ state: 'visible', timeout: 10_000 });
    expect((await readout()).selected).toEqual({ layer: 'mining_rights', id: p.id, name: p.name });
    const text = await attributes.innerText();
    for (const expected of ['采矿权人', '许可证号', '开采方式', '生产规模', p.name, p.holder, p.licenseNo, '万吨/年']) {
      expect(text).toContain(expected);
    }
    expect(text).toContain(p.method === 'underground' ? '地下开采' : p.method === 'open_pit' ? '露天开采' : '露天/地下联合');
    await page.screenshot({ path: path.join(screenshots, 'map.png') });

    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByText('Licence no.', { exact: true }).waitFor({ timeout: 10_000 });
    const en = await attributes.innerText();
    for (const expected of ['Holder', 'Licence no.', 'Method', p.licenseNo]) expect(en).toContain(expected);
    await expect(page.locator('.layer-panel').getByText('Mining rights', { exact: true }).count()).resolves.toBe(1);
    await expect(page.getByText('Base map: Natural Earth; demo data is fictitious').isVisible()).resolves.toBe(true);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(screenshots, 'map-en.png') });

    await page.keyboard.press('Escape');
    await attributes.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '中文', exact: true }).click();
    expect(pageErrors).toEqual([]);
  });

  it('hides a layer when its box is unticked, draws review evidence with its legend, and zooms in', async () => {
    const box = page.locator('input[data-layer="ore_bodies"]');
    await box.uncheck();
    await page.waitForFunction(() => window.__atlas.drawn.ore_bodies === 0);
    await box.check();
    await page.waitForFunction(() => window.__atlas.drawn.ore_bodies > 0);

    const right = demo('mining_rights').features[0] as Feature<Polygon>;
    const evidence: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { ...turf.buffer(right, 50, { units: 'meters' })!, properties: { kind: 'buffer' } },
        { type: 'Feature', geometry: right.geometry, properties: { kind: 'overlap' } },
        { ...turf.lineString([right.geometry.coordinates[0][0], right.geometry.coordinates[0][2]]), properties: { kind: 'gap', label: '41.7 m' } },
      ],
    };
    await page.evaluate((fc) => window.__atlas.showEvidence!(fc), evidence);
    await page.locator('.evidence-legend').waitFor({ state: 'visible' });
    await page.waitForFunction(() => window.__atlas.drawn.evidence === 3);
    await page.evaluate(() => window.__atlas.showEvidence!(null));
    await page.locator('.evidence-legend').waitFor({ state: 'detached' });

    // A closer look (Hejin, zoom 12), where mining rights, ponds and villages carry their names.
    await page.evaluate(() => {
      window.location.hash = 'map=12/35.62/110.72';
    });
    await page.waitForFunction(() => Math.abs((window.__atlas.view?.zoom ?? 0) - 12) < 0.01 && !window.__atlas.loading);
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(screenshots, 'map-zoom.png') });
    expect(pageErrors).toEqual([]);
  });

  it('tells the user in words when a layer cannot be loaded', async () => {
    const other = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await other.route('**/api/layers/ore_bodies?*', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: '数据库连接中断', details: [] }) }),
    );
    await other.goto(base);
    const alert = other.locator('[role="alert"]').first();
    await alert.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await alert.innerText();
    expect(text).toContain('无法加载图层');
    expect(text).toContain('矿体');
    expect(text).toContain('数据库连接中断');
    await other.close();
  });
});

describe('map of a layer too big to send whole (browser)', { timeout: 120_000 }, () => {
  // The demo's 23 mining rights against a page of 10 features: how a province of a million rights looks whole.
  let site: Site;
  let browser: Browser;
  let watched: Awaited<ReturnType<typeof openPage>>;

  beforeAll(async () => {
    site = await startSite({ LAYER_FEATURE_LIMIT: '10' });
    browser = await launchChromium();
    watched = await openPage(browser, site.base);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  const readout = () => watched.page.evaluate(() => JSON.parse(JSON.stringify(window.__atlas)) as AtlasReadout);
  const settled = () => watched.page.waitForFunction(() => window.__atlas.ready && !window.__atlas.loading, null, { timeout: 60_000 });

  it('counts the rights per grid cell, says so, and draws them one by one after a click on a cell', async () => {
    const { page } = watched;
    await page.goto(site.base);
    await settled();
    const whole = await readout();
    // Every right is counted once, in cells; the small layers are still drawn feature by feature.
    expect(whole.density?.mining_rights).toBe(demo('mining_rights').features.length);
    expect(whole.drawn.mining_rights).toBeGreaterThan(0);
    expect(whole.drawn.mining_rights).toBeLessThan(demo('mining_rights').features.length);
    expect(whole.drawn.rivers).toBe(demo('rivers').features.length);
    await page.locator('[data-dense="mining_rights"]').waitFor({ state: 'visible' });
    await expect(page.locator('[data-legend="mining_rights"]').innerText()).resolves.toContain('按网格计数显示');
    await page.waitForFunction(() => window.__atlas.labelled === true);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(screenshots, 'map-density.png') });

    // A click on the cell holding a right zooms in on it, two levels a click, until its rights fit in one page and
    // are drawn themselves.
    const { feature, at } = clickTarget();
    let clicks = 0;
    for (let view = whole; view.density?.mining_rights; view = await readout()) {
      expect(++clicks, 'clicks on cells before the rights are drawn').toBeLessThanOrEqual(4);
      const zoom = view.view!.zoom;
      const point = await page.evaluate(([lon, lat]) => window.__atlas.project!(lon, lat), at);
      await page.mouse.click(point.x, point.y);
      await page.waitForFunction((z) => Math.abs((window.__atlas.requestedZoom ?? 0) - (z + 2)) < 0.01, zoom, { timeout: 30_000 });
      await settled();
    }
    const close = await readout();
    expect(close.selected).toBeUndefined();
    expect(close.drawn.mining_rights).toBeLessThanOrEqual(10);
    await expect(page.locator('[data-dense="mining_rights"]').count()).resolves.toBe(0);

    // And the right itself is now a feature to click.
    const again = await page.evaluate(([lon, lat]) => window.__atlas.project!(lon, lat), at);
    await page.mouse.click(again.x, again.y);
    await page.locator('.attribute-panel').waitFor({ state: 'visible', timeout: 10_000 });
    expect((await readout()).selected?.id).toBe(feature.properties!.id);
    await page.screenshot({ path: path.join(screenshots, 'map-density-zoomed.png') });
    expect(watched.errors).toEqual([]);
    expect(watched.external).toEqual([]);
  });
});
