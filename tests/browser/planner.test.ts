/**
 * The planner review (选址审查) in a real browser, on the demo region: a proposal given by a pasted 拐点坐标 table,
 * drawn on the map, and uploaded as a file; live verdicts with their evidence on the map; saving, reopening after a
 * reload, and the printable report. Each step saves a screenshot to tests/screenshots/planner-*.png.
 * The time from the end of a vertex drag to the updated results panel is measured in the page
 * (window.__atlas.planner.dragToResultsMs) and its p95 printed.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import { sql } from 'drizzle-orm';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../server/db/client.ts';
import { repoRoot } from '../../server/config.ts';
import { decodePng, pixel } from './support/png.ts';
import { launchChromium, openPage, screenshots, startSite, type Site, type WatchedPage } from './support/site.ts';

const demoFile = (name: string) => path.join(repoRoot, 'geo-fixtures', 'demo', name);
const readJson = <T>(file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as T;
const shot = (name: string) => path.join(screenshots, `planner-${name}.png`);

interface Readout {
  checks: number;
  loading: boolean;
  verdict: string | null;
  results: { rule: string; status: string; measured: number | null }[];
  dragToResultsMs: number[];
  dragBreakdown: [number, number, number, number | null][];
  shape: Polygon | null;
  tool: string;
  proposalId: string | null;
  proposalStatus: string | null;
  reportReady: boolean;
  evidence: FeatureCollection | null;
}

/** `p` of a list of numbers (nearest rank). */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

describe('planner review (browser)', { timeout: 240_000 }, () => {
  let site: Site;
  let browser: Browser;
  let w: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    site = await startSite();
    browser = await launchChromium();
    w = await openPage(browser, site.base, { acceptDownloads: true });
    page = w.page;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  const planner = () => page.evaluate(() => JSON.parse(JSON.stringify(window.__atlas.planner)) as Readout);
  const project = (p: number[]) => page.evaluate(([lon, lat]) => window.__atlas.project!(lon, lat), p);
  const resultsPanel = () => page.locator('.planner-results');
  const seq = async () => Number(await resultsPanel().getAttribute('data-seq'));
  const result = async (rule: string) => (await planner()).results.find((r) => r.rule === rule);
  /** Waits until the results panel shows an answer newer than `after` (and nothing is in flight). */
  const answerAfter = (after: number) =>
    page.waitForFunction(
      (n) => {
        const el = document.querySelector('.planner-results');
        return Number(el?.getAttribute('data-seq')) > n && el?.getAttribute('data-status') === 'done';
      },
      after,
      { timeout: 20_000 },
    );
  /** Errors other than the HTTP status lines Chromium logs for the deliberate 4xx/5xx answers. */
  const realErrors = () => w.errors.filter((e) => !/Failed to load resource: the server responded with a status of (400|500)/.test(e));
  const goToView = async (hash: string) => {
    await page.evaluate((h) => {
      window.location.hash = h;
    }, hash);
    await page.waitForFunction((h) => window.location.hash === `#${h}` && !window.__atlas.loading, hash);
    await page.waitForTimeout(400);
  };

  it('opens the planner view from its tab, with the URL naming it', async () => {
    await page.goto(site.base);
    await page.waitForFunction(() => window.__atlas?.ready === true, null, { timeout: 60_000 });
    await page.getByRole('link', { name: '选址审查' }).click();
    await page.waitForURL(/\/planner/);
    await page.getByRole('heading', { name: '拟设方案' }).waitFor();
    await expect(page.getByRole('tab', { name: '拐点坐标' }).count()).resolves.toBe(1);
    await expect(page.getByText('给出范围后自动审查。').isVisible()).resolves.toBe(true);
    expect(realErrors()).toEqual([]);
  });

  it('reads a pasted corner-point table (CGCS2000 3° zone 37) and fails it for overlapping a demo right, with the overlap area on the map', async () => {
    // A new quarry overlapping stored right MR-WR-009 (demo proposal p01), as a licence prints its corners:
    // X northing, Y easting with the zone number (37) in front, converted by PostGIS (EPSG:4525), 0.01 m.
    const p01 = readJson<Feature<Polygon>>(demoFile('proposals/p01-mr-overlap-fail.geojson'));
    const corners = p01.geometry.coordinates[0].slice(0, -1);
    const xy = await rows<{ x: number; y: number }>(
      site.db.orm,
      sql`SELECT round(ST_Y(g)::numeric, 2)::float8 AS x, round(ST_X(g)::numeric, 2)::float8 AS y
          FROM (SELECT ord, ST_Transform(ST_SetSRID(ST_MakePoint((c->>0)::float8, (c->>1)::float8), 4326), 4525) AS g
                FROM jsonb_array_elements(${JSON.stringify(corners)}::jsonb) WITH ORDINALITY AS t(c, ord)) p ORDER BY ord`,
    );
    const table = ['矿区范围拐点坐标（2000国家大地坐标系，3度带）', '点号\tX坐标\tY坐标', ...xy.map((p, i) => `J${i + 1}\t${Number(p.x).toFixed(2)}\t${Number(p.y).toFixed(2)}`)].join('\n');

    await page.getByRole('tab', { name: '拐点坐标' }).click();
    // A mistyped line first: refused, naming the line.
    const bad = table.replace(`J3\t${Number(xy[2].x).toFixed(2)}`, `J3\t39159x0.37`);
    await page.locator('#corner-text').fill(bad);
    await page.getByRole('button', { name: '解析坐标' }).click();
    const alert = page.locator('.shape-panel [role="alert"]');
    await alert.waitFor({ timeout: 15_000 });
    const alertText = await alert.innerText();
    expect(alertText).toContain('拐点坐标有误');
    expect(alertText).toContain('第 5 行');

    await page.locator('#corner-text').fill(table);
    await page.getByRole('button', { name: '解析坐标' }).click();
    const parsed = page.locator('.corner-result');
    await parsed.waitFor({ timeout: 15_000 });
    const summary = await parsed.locator('.corner-summary').innerText();
    expect(summary).toContain('8 个拐点');
    expect(summary).toContain('EPSG:4525');
    await expect(parsed.locator('.corner-table tbody tr').count()).resolves.toBe(8);
    await expect(parsed.locator('.corner-table tbody tr').first().innerText()).resolves.toContain('J1');
    await page.waitForTimeout(500);
    await page.screenshot({ path: shot('corners-parsed') });

    const before = await seq();
    await page.getByRole('button', { name: '确认使用此范围' }).click();
    await answerAfter(before);
    const overlap = await result('mining-right-overlap');
    expect(overlap?.status).toBe('fail');
    expect(overlap!.measured!).toBeGreaterThan(80_000);
    expect(overlap!.measured!).toBeLessThan(95_000);
    expect((await planner()).verdict).toBe('fail');

    // The results panel: fail first, with measured value, threshold and the clause.
    const first = resultsPanel().locator('.result').first();
    await expect(first.getAttribute('data-rule')).resolves.toBe('mining-right-overlap');
    const firstText = await first.innerText();
    expect(firstText).toContain('不符合');
    expect(firstText).toContain('m²');
    expect(firstText).toContain('阈值');
    expect(firstText).toContain('垂直投影范围');

    // On the map: the overlap polygon in red, labelled with its area.
    await page.waitForFunction(() => (window.__atlas.drawn.evidence ?? 0) > 0);
    const evidence = (await planner()).evidence!;
    const polygon = evidence.features.find((f) => f.properties?.kind === 'overlap') as Feature<Polygon>;
    expect(polygon.properties?.label).toMatch(/m²$/);
    await page.waitForTimeout(600);
    const at = turf.pointOnFeature(polygon).geometry.coordinates;
    const p = await project(at);
    const [r, g, b] = pixel(decodePng(await page.screenshot()), p.x, p.y + 8);
    expect(r - g, `overlap pixel ${r},${g},${b}`).toBeGreaterThan(60);
    await page.screenshot({ path: shot('corners-overlap') });
    expect(realErrors()).toEqual([]);
  });

  it('draws a polygon 40 m from an underground right: pillar fail with the gap line; vertex drags away and back, timed; away passes', async () => {
    await page.getByRole('button', { name: '新建方案' }).click();
    await expect(page.locator('.planner-results').getAttribute('data-verdict')).resolves.toBe('');

    // The attributes of a new underground iron mine in Wanrong (not a key county: 20 ≥ 10 万t/a).
    await page.getByLabel('方案名称').fill('拟设 万荣县孤山东铁矿（图上绘制）');
    await page.locator('#pf-mineral').selectOption('iron');
    await expect(page.locator('#pf-mineralGroup').inputValue()).resolves.toBe('metal');
    await page.locator('#pf-method').selectOption('underground');
    await page.locator('#pf-capacityWanTpa').fill('20');
    await page.locator('#pf-elevationTop').fill('300');
    await page.locator('#pf-elevationBottom').fill('600');
    await page.locator('#pf-elevationBottom').blur();
    await expect(page.locator('#pf-elevationTop-error').innerText()).resolves.toContain('上限须高于下限');
    await page.locator('#pf-elevationTop').fill('600');
    await page.locator('#pf-elevationBottom').fill('320');

    // MR-WR-001 万荣县孤山铁矿 (underground) has a straight east boundary at 110.6244016°E; a diamond whose west corner
    // lies 40 m east of it.
    const right = readJson<FeatureCollection>(demoFile('mining_rights.geojson')).features.find((f) => f.properties?.id === 'MR-WR-001')!;
    expect(right.properties?.method).toBe('underground');
    const east = Math.max(...(right.geometry as Polygon).coordinates[0].map((c) => c[0]));
    const metre = 1 / (111_320 * Math.cos((35.37 * Math.PI) / 180));
    const V = [east + 40 * metre, 35.37];
    const N = [V[0] + 0.003, 35.3725];
    const E = [V[0] + 0.006, 35.37];
    const S = [V[0] + 0.003, 35.3675];
    const away = [V[0] + 80 * metre, 35.37];
    await goToView(`map=15/35.37/${(V[0] + 0.003).toFixed(5)}`);

    await page.getByRole('tab', { name: '图上绘制' }).click();
    await page.getByRole('button', { name: '绘制新范围' }).click();
    for (const c of [V, N, E, S, V]) {
      const q = await project(c);
      await page.mouse.click(q.x, q.y);
      await page.waitForTimeout(150);
    }
    await page.waitForFunction(() => window.__atlas.planner?.tool === 'edit' && document.querySelector('.planner-results')?.getAttribute('data-status') === 'done', null, { timeout: 20_000 });
    await page.waitForFunction(() => window.__atlas.planner?.results.find((r) => r.rule === 'safety-pillar-50m')?.status === 'fail', null, { timeout: 20_000 });
    const pillar = await result('safety-pillar-50m');
    expect(pillar!.measured!).toBeGreaterThan(36);
    expect(pillar!.measured!).toBeLessThan(44);
    // The live hint (Turf) agrees.
    await expect(page.getByTestId('hints').innerText()).resolves.toMatch(/万荣县孤山铁矿 约 (3[6-9]|4[0-3])(\.\d)? m/);
    // The gap line, labelled with its length, on the map.
    await page.waitForTimeout(600);
    const gap = (await planner()).evidence!.features.find((f) => f.properties?.kind === 'gap' && f.properties?.rule === 'safety-pillar-50m');
    expect(gap?.properties?.label).toMatch(/^(3[6-9]|4[0-3])(\.\d)? m$/);
    const pillarItem = resultsPanel().locator('[data-rule="safety-pillar-50m"]');
    expect(await pillarItem.innerText()).toContain('50米保安矿柱');
    // Choosing the result zooms to its evidence and shows only that.
    await pillarItem.locator('.result-button').click();
    await expect(pillarItem.locator('.result-button').getAttribute('aria-pressed')).resolves.toBe('true');
    await page.waitForFunction(() => !window.__atlas.loading);
    await page.waitForTimeout(800);
    await page.screenshot({ path: shot('pillar-fail') });

    // Vertex drags: the west corner out to 120 m and back, several times; each answer is timed in the page.
    const dragVertex = async (from: number[], to: number[]) => {
      const a = await project(from);
      const b = await project(to);
      const n = await seq();
      await page.mouse.move(a.x, a.y);
      await page.mouse.down();
      // A small first step, as a hand makes: terra-draw takes what is under the pointer when the drag starts.
      await page.mouse.move(a.x + Math.sign(b.x - a.x) * 2, a.y);
      for (let s = 1; s <= 6; s++) await page.mouse.move(a.x + ((b.x - a.x) * s) / 6, a.y + ((b.y - a.y) * s) / 6);
      await page.mouse.up();
      await answerAfter(n);
      await page.waitForFunction(() => window.__atlas.planner?.loading === false);
    };
    for (let i = 0; i < 5; i++) {
      await dragVertex(V, away);
      expect((await result('safety-pillar-50m'))?.status).toBe('pass');
      await dragVertex(away, V);
      expect((await result('safety-pillar-50m'))?.status).toBe('fail');
    }
    await dragVertex(V, away);
    const passed = await result('safety-pillar-50m');
    expect(passed?.status).toBe('pass');
    expect(passed!.measured!).toBeGreaterThan(110);
    await page.waitForFunction(() => window.__atlas.planner?.verdict === 'pass', null, { timeout: 10_000 });
    const { dragToResultsMs, dragBreakdown } = await planner();
    expect(dragToResultsMs.length).toBeGreaterThanOrEqual(11);
    const p95 = percentile(dragToResultsMs, 95);
    console.log(`drag end → results panel: n=${dragToResultsMs.length}, median ${percentile(dragToResultsMs, 50)} ms, p95 ${p95} ms, max ${Math.max(...dragToResultsMs)} ms; [sent, answered, shown, request] ${JSON.stringify(dragBreakdown)}`);
    fs.writeFileSync(path.join(screenshots, 'planner-drag-timing.json'), JSON.stringify({ dragToResultsMs, p50: percentile(dragToResultsMs, 50), p95, dragBreakdown }, null, 2));
    // The budget (p95 < 500 ms on the demo) is read from this log (tests/screenshots/planner-drag-timing.json) of a
    // run on a quiet machine (web/README.md), not asserted: CI shares two cores between the browser, the server and
    // other test files, so a wall-clock bound would measure the neighbours. Every drag must reach an answer (above).
    await page.waitForTimeout(600);
    await page.screenshot({ path: shot('pillar-pass') });

    // Undo puts the corner back (fail again); the vertex list deletes a corner from the keyboard.
    const n = await seq();
    await page.getByRole('button', { name: '撤销' }).click();
    await answerAfter(n);
    expect((await result('safety-pillar-50m'))?.status).toBe('fail');
    await page.locator('.vertex-list summary').click();
    await expect(page.locator('.vertex-list li').count()).resolves.toBe(4);
    const m = await seq();
    await page.locator('.vertex-list li button').last().focus();
    await page.keyboard.press('Enter');
    await answerAfter(m);
    expect((await planner()).shape?.coordinates[0].length).toBe(4);
    const k = await seq();
    await page.keyboard.press('Control+z');
    await answerAfter(k);
    expect((await planner()).shape?.coordinates[0].length).toBe(5);
    expect(realErrors()).toEqual([]);
  });

  it('uploads a tailings pond inside 3 km of the Yellow River: fails with the buffer shown; moved east it passes', async () => {
    await page.getByRole('button', { name: '新建方案' }).click();
    await page.getByRole('tab', { name: '上传文件' }).click();
    const file = demoFile('proposals/p13-tp-river-main-fail.geojson');
    const pond = readJson<Feature<Polygon>>(file);
    const n = await seq();
    await page.locator('#shape-file').setInputFiles(file);
    await answerAfter(n);
    // The file's kind and attributes fill the form.
    await expect(page.locator('.kind-option.checked').innerText()).resolves.toContain('尾矿库');
    await expect(page.locator('#pf-name').inputValue()).resolves.toBe('拟建 荣河尾矿库');
    await expect(page.locator('#pf-damHeightM').inputValue()).resolves.toBe('40');
    await expect(page.locator('#pf-grade').inputValue()).resolves.toBe('4');
    await expect(page.locator('#pf-downstreamAzimuthDeg').inputValue()).resolves.toBe('290');
    const buffer = await result('yellow-river-buffer');
    expect(buffer?.status).toBe('fail');
    expect(buffer!.measured!).toBeGreaterThan(1500);
    expect(buffer!.measured!).toBeLessThan(3000);

    // Choosing the result (keyboard) zooms to its evidence: the 3 km buffer ring and the gap to the river.
    const item = resultsPanel().locator('[data-rule="yellow-river-buffer"] .result-button');
    await item.focus();
    await page.keyboard.press('Enter');
    await expect(item.getAttribute('aria-pressed')).resolves.toBe('true');
    await page.waitForFunction(() => window.__atlas.planner?.evidence?.features.some((f) => f.properties?.kind === 'buffer'));
    await page.waitForFunction(() => !window.__atlas.loading);
    await page.waitForTimeout(800);
    const kinds = (await planner()).evidence!.features.map((f) => f.properties?.kind);
    expect(kinds).toContain('buffer');
    expect(kinds).toContain('gap');
    await page.screenshot({ path: shot('pond-fail') });

    // Move the pond ~2.3 km east by dragging its inside; the dam toe moves with it.
    const [lon, lat] = turf.centroid(pond).geometry.coordinates;
    const to = [lon + 0.025, lat];
    await goToView(`map=13/${lat.toFixed(4)}/${(lon + 0.0125).toFixed(4)}`);
    const a = await project([lon, lat]);
    const b = await project(to);
    const m = await seq();
    await page.mouse.move(a.x, a.y);
    await page.mouse.down();
    await page.mouse.move(a.x + 2, a.y);
    for (let s = 1; s <= 8; s++) await page.mouse.move(a.x + ((b.x - a.x) * s) / 8, a.y + ((b.y - a.y) * s) / 8);
    await page.mouse.up();
    await answerAfter(m);
    await page.waitForFunction(() => window.__atlas.planner?.verdict === 'pass' && window.__atlas.planner.loading === false, null, { timeout: 20_000 });
    const moved = await result('yellow-river-buffer');
    expect(moved?.status).toBe('pass');
    expect(moved!.measured!).toBeGreaterThan(3000);
    const damLon = Number(await page.locator('#pf-damLon').inputValue());
    const damLat = Number(await page.locator('#pf-damLat').inputValue());
    expect(damLon).toBeGreaterThan(pond.properties!.damPoint[0] + 0.02);

    // The dam toe and the downstream direction set again on the map: press on the dam, drag the arrow west (280°).
    await page.getByRole('button', { name: '在图上点选坝址并拖出下游方向' }).click();
    await page.waitForFunction(() => window.__atlas.planner?.tool === 'dam');
    const dam = await project([damLon, damLat]);
    const tip = await project(turf.destination([damLon, damLat], 0.6, -80, { units: 'kilometers' }).geometry.coordinates);
    const d = await seq();
    await page.mouse.move(dam.x, dam.y);
    await page.mouse.down();
    for (let s = 1; s <= 5; s++) await page.mouse.move(dam.x + ((tip.x - dam.x) * s) / 5, dam.y + ((tip.y - dam.y) * s) / 5);
    await page.mouse.up();
    await answerAfter(d);
    const azimuth = Number(await page.locator('#pf-downstreamAzimuthDeg').inputValue());
    expect(azimuth).toBeGreaterThan(275);
    expect(azimuth).toBeLessThan(285);
    expect((await result('head-top-tailings'))?.status).toBe('pass');
    await page.waitForFunction(() => window.__atlas.planner?.tool === 'edit' && window.__atlas.planner.verdict === 'pass');
    await page.waitForTimeout(600);
    await page.screenshot({ path: shot('pond-pass') });
    expect(realErrors()).toEqual([]);
  });

  it('saves the proposal, reopens it after a reload, submits it, exports the verdict and prints the report', async () => {
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForFunction(() => window.__atlas.planner?.proposalStatus === 'draft', null, { timeout: 20_000 });
    const { proposalId } = await planner();
    expect(proposalId).toMatch(/^PR-/);
    await expect(page.getByTestId('saved-line').innerText()).resolves.toContain('草稿');
    expect(new URL(page.url()).searchParams.get('proposal')).toBe(proposalId);
    await page.locator(`[data-proposal="${proposalId}"]`).waitFor();

    // Reload: the list still has it; reopening brings back the form, the shape and the saved check.
    await page.goto(`${site.base}/planner`);
    await page.waitForFunction(() => window.__atlas?.ready === true, null, { timeout: 60_000 });
    await expect(page.locator('#pf-name').inputValue()).resolves.toBe('');
    const item = page.locator(`[data-proposal="${proposalId}"]`);
    await item.waitFor({ timeout: 15_000 });
    expect(await item.innerText()).toContain('拟建 荣河尾矿库');
    await item.click();
    await page.waitForFunction((id) => window.__atlas.planner?.proposalId === id && window.__atlas.planner.verdict === 'pass', proposalId, { timeout: 20_000 });
    await expect(page.locator('#pf-name').inputValue()).resolves.toBe('拟建 荣河尾矿库');
    await expect(page.locator('.kind-option.checked').innerText()).resolves.toContain('尾矿库');
    await expect(page.locator('.verdict-meta').innerText()).resolves.toContain('已保存的审查');
    expect(new URL(page.url()).searchParams.get('proposal')).toBe(proposalId);

    // Status: submit for review.
    await page.getByRole('button', { name: '提交审查' }).click();
    await page.waitForFunction(() => window.__atlas.planner?.proposalStatus === 'under_review', null, { timeout: 15_000 });
    await expect(page.getByTestId('saved-line').innerText()).resolves.toContain('审查中');

    // Export: the proposal with its verdict, then every result's evidence.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 GeoJSON' }).click()]);
    const exported = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as FeatureCollection & { verdict: string; ruleVersions: Record<string, number> };
    expect(exported.type).toBe('FeatureCollection');
    expect(exported.verdict).toBe('pass');
    expect(exported.features[0].properties?.name).toBe('拟建 荣河尾矿库');
    expect(Object.keys(exported.ruleVersions).length).toBeGreaterThanOrEqual(14);
    expect(exported.features.slice(1).every((f) => typeof f.properties?.kind === 'string' && typeof f.properties?.rule === 'string')).toBe(true);

    // The report: A4 page with the map image, the attribute table, the rule table with clauses, the date.
    await page.getByRole('button', { name: '打印报告' }).click();
    const report = page.locator('.report-page');
    await report.waitFor();
    await page.waitForFunction(() => window.__atlas.planner?.reportReady === true, null, { timeout: 30_000 });
    const text = await report.innerText();
    for (const expected of ['选址审查报告', '拟建 荣河尾矿库', '总体结论', '方案属性', '总坝高', '40 m', '规则审查结果', '依据条款', '黄河', '报告日期', '审查中']) {
      expect(text).toContain(expected);
    }
    // Every rule that applies to a pond has a row with its clause; the others are listed as not applicable.
    await expect(report.locator('.report-rules tbody tr').count()).resolves.toBeGreaterThanOrEqual(6);
    await expect(report.locator('.report-rules tbody tr[class="row-pass"] td.clause q').count()).resolves.toBeGreaterThanOrEqual(6);
    expect(await report.locator('.report-na').innerText()).toContain('mining-right-overlap');
    const img = report.locator('.report-map img');
    expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(300);
    await page.screenshot({ path: shot('report') });
    // Printed: only the report page is left (the whole A4 page as the printer gets it).
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('#root').isVisible()).resolves.toBe(false);
    await expect(report.isVisible()).resolves.toBe(true);
    await page.screenshot({ path: shot('report-page'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    fs.writeFileSync(path.join(screenshots, 'planner-report.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
    await page.keyboard.press('Escape');
    await report.waitFor({ state: 'detached' });
    expect(realErrors()).toEqual([]);
  });

  it('speaks English on request and tells the user in words when the check fails', async () => {
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByRole('heading', { name: 'Review results' }).waitFor();
    await expect(page.getByRole('link', { name: 'Planner review' }).count()).resolves.toBe(1);
    await expect(page.locator('.verdict-value').innerText()).resolves.toBe('Pass');
    // Past draft, the proposal is read-only.
    await expect(page.locator('#pf-name').isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Draw a new outline' }).isDisabled()).resolves.toBe(true);
    await resultsPanel().evaluate((el) => el.scrollTo(0, 0));
    await page.screenshot({ path: shot('en') });

    await page.route('**/api/checks', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: 'database connection lost', details: [] }) }));
    await page.getByRole('button', { name: 'New proposal' }).click();
    await page.getByRole('tab', { name: 'Upload' }).click();
    await page.locator('#shape-file').setInputFiles(demoFile('proposals/p18-tp-clean-pass.geojson'));
    const alert = resultsPanel().locator('[role="alert"]');
    await alert.waitFor({ timeout: 15_000 });
    const message = await alert.innerText();
    expect(message).toContain('The check failed');
    expect(message).toContain('database connection lost');
    await page.unroute('**/api/checks');
    const n = await seq();
    await alert.getByRole('button', { name: 'Retry' }).click();
    await answerAfter(n);
    expect((await planner()).verdict).toBe('pass');
    await page.getByRole('button', { name: '中文' }).click();
    expect(w.external).toEqual([]);
    expect(realErrors()).toEqual([]);
  });
});
