/**
 * The regional risk map (区域风险) in a real browser, as a county leader uses it on the demo region: the risk map
 * with the red county, its reasons, drill-down to a town and a site and back (the URL follows), the 头顶库 with the
 * villages and people below it, a hazard-ledger item recorded from that finding and moved through its lifecycle to
 * closed (整改销号) and the selected site's ledger with a chip that clears the filter, an overdue item highlighted and
 * counted, the site and density views, English (the ledger too), and errors in words. Screenshots go to tests/screenshots/risk-*.png (gitignored). Needs web/dist: `npm test` builds it.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../server/config.ts';
import { colourCount, decodePng, pixel } from './support/png.ts';
import { launchChromium, openPage, screenshots, startSite, type Site, type WatchedPage } from './support/site.ts';

const HEJIN = '140882';
const SENGLOU = '140882100';
const POND = 'TP-HJ-002';
const shot = (name: string) => path.join(screenshots, `risk-${name}.png`);
const adminAreas = JSON.parse(fs.readFileSync(path.join(repoRoot, 'geo-fixtures', 'demo', 'admin_areas.geojson'), 'utf8')) as FeatureCollection;

/** A point well inside an admin area (its centre of mass, or a point on its surface). */
function inside(code: string): [number, number] {
  const f = adminAreas.features.find((a) => a.properties?.code === code) as Feature<Polygon>;
  const c = turf.centerOfMass(f).geometry.coordinates as [number, number];
  return turf.booleanPointInPolygon(c, f) ? c : (turf.pointOnFeature(f).geometry.coordinates as [number, number]);
}

interface RiskReadout {
  ready: boolean;
  drawn: Record<string, number>;
  labelled: boolean;
  route: { area?: string; site?: string; show: string; tab: string; pond?: string; item?: number };
  area?: { code: string; name: string; grade: string; score: number };
  errors: string[];
  loading: boolean;
}

describe('regional risk map (browser)', { timeout: 180_000 }, () => {
  let site: Site;
  let browser: Browser;
  let w: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    site = await startSite();
    browser = await launchChromium();
    w = await openPage(browser, site.base);
    page = w.page;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  const readout = () => page.evaluate(() => JSON.parse(JSON.stringify(window.__atlas?.risk ?? null)) as RiskReadout);
  /** Waits until the map has drawn the current view's data and its labels and stopped moving, and nothing is loading. */
  const settled = async () => {
    await page.waitForFunction(() => window.__atlas?.risk?.ready === true && window.__atlas.risk.labelled && !window.__atlas.risk.loading, null, { timeout: 30_000 });
    // The pointer off the map, so no hover highlight shows in a screenshot.
    await page.mouse.move(680, 30);
    await page.waitForTimeout(300);
  };
  const clickAt = async ([lon, lat]: [number, number]) => {
    const p = await page.evaluate(([x, y]) => window.__atlas.project!(x, y), [lon, lat] as [number, number]);
    await page.mouse.click(p.x, p.y);
  };
  const where = () => page.evaluate(() => `${window.location.pathname}${window.location.search}`);

  it('opens on the four-colour county map with the demo red county at the top of the ranking', async () => {
    await page.goto(`${site.base}/risk`);
    await page.waitForFunction(() => window.__atlas?.risk?.ready === true, null, { timeout: 30_000 });
    // From navigation to the drawn county choropleth (the demo's 3 counties; the page's own clock).
    const ms = await page.evaluate(() => Math.round(performance.now()));
    console.log(`risk map: county choropleth drawn ${ms} ms after navigation`);
    await settled();
    const r = await readout();
    expect(r.errors).toEqual([]);
    expect(r.drawn['risk-areas']).toBe(3);
    expect(w.errors).toEqual([]);
    expect(w.external).toEqual([]);

    // The ranking: Hejin first, red (重大), 133 points; then Wanrong (orange) and Hancheng (yellow).
    const rows = page.locator('.risk-ranking tbody tr');
    await expect(rows.count()).resolves.toBe(3);
    expect(await rows.nth(0).innerText()).toMatch(/河津市\s+重大\s+133/);
    expect(await rows.nth(1).innerText()).toMatch(/万荣县\s+较大\s+57/);
    expect(await rows.nth(2).innerText()).toMatch(/韩城市\s+一般\s+37/);
    await expect(page.locator('.risk-legend').innerText()).resolves.toContain('重大风险（红）');
    // The grades rest on stored findings: the overview says how fresh they are.
    await expect(page.getByTestId('audited-at').innerText()).resolves.toMatch(/^审查结果更新于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（/);

    // On the map, Hejin is painted red (#d7191c over the land colour), Hancheng yellow.
    const image = decodePng(await page.screenshot());
    const hejin = await page.evaluate(([x, y]) => window.__atlas.project!(x, y), inside(HEJIN));
    const [r1, g1, b1] = pixel(image, hejin.x, hejin.y + 30);
    expect(r1, `Hejin pixel ${r1},${g1},${b1}`).toBeGreaterThan(180);
    expect(g1).toBeLessThan(130);
    expect(b1).toBeLessThan(130);
    const hancheng = await page.evaluate(([x, y]) => window.__atlas.project!(x, y), inside('610581'));
    const [r2, g2, b2] = pixel(image, hancheng.x, hancheng.y + 30);
    expect(r2, `Hancheng pixel ${r2},${g2},${b2}`).toBeGreaterThan(200);
    expect(g2).toBeGreaterThan(170);
    expect(b2).toBeLessThan(120);
    expect(colourCount(decodePng(await page.locator('.risk-map-area').screenshot()))).toBeGreaterThan(40);
    await page.screenshot({ path: shot('map') });
  });

  it('clicks the red county and reads its grade, reasons, sites and charts', async () => {
    await clickAt(inside(HEJIN));
    await page.waitForFunction((code) => window.__atlas.risk?.route.area === code, HEJIN);
    await settled();
    expect(await where()).toBe(`/risk?area=${HEJIN}`);
    expect((await readout()).area).toEqual({ code: HEJIN, name: '河津市', grade: 'major', score: 133 });

    const panel = page.locator('.risk-detail-panel');
    await panel.locator('.risk-reasons').waitFor();
    const text = await panel.innerText();
    for (const expected of ['河津市', '重大风险', '133 分', '县级≥80 分为重大', '头顶库下游居民 1,280 人', '+24', '头顶库 1 座', '+20', '在用尾矿库 6 座', '未普查的隐蔽致灾区 1 处', '有下游居民 100 人以上的头顶库']) {
      expect(text).toContain(expected);
    }
    // The reasons add up to the score.
    const points = await panel.locator('.risk-reasons li[data-reason] .risk-reason-points').allInnerTexts();
    expect(points.reduce((sum, p) => sum + Number(p.replace(/[^\d]/g, '')), 0)).toBe(133);
    // The sites behind them, the findings by rule, the ledger trend.
    await expect(panel.locator('.risk-site-list li[data-site="TP-HJ-002"]').count()).resolves.toBe(1);
    await expect(panel.locator('[data-chart="by-rule"] g[data-rule="mining-right-overlap"]').count()).resolves.toBe(1);
    await expect(panel.locator('[data-chart="ledger-trend"] g[data-month]').count()).resolves.toBe(12);
    // Picking a reason keeps only its sites.
    await panel.locator('li[data-reason="head-top"] button').click();
    await expect(panel.locator('.risk-site-list li').count()).resolves.toBe(1);
    await panel.locator('li[data-reason="head-top"] button').click();
    // The ranking now lists Hejin's towns.
    await expect(page.locator('.risk-ranking-panel h2').innerText()).resolves.toContain('河津市各乡镇');
    await expect(page.locator('.risk-ranking tbody tr').count()).resolves.toBe(3);
    await page.mouse.move(680, 30);
    await page.screenshot({ path: shot('county') });
  });

  it('drills into a town and a site, and back up again with the browser', async () => {
    await clickAt(inside(SENGLOU));
    await page.waitForFunction((code) => window.__atlas.risk?.route.area === code, SENGLOU);
    await settled();
    expect(await where()).toBe(`/risk?area=${SENGLOU}`);
    expect((await readout()).area).toMatchObject({ name: '僧楼镇', grade: 'major', score: 54 });
    await expect(page.locator('.risk-crumbs').innerText()).resolves.toMatch(/^全部区域\s+河津市\s+僧楼镇$/);
    await expect(page.locator(`.risk-ranking tr[data-code="${SENGLOU}"]`).getAttribute('aria-current')).resolves.toBe('true');
    expect((await readout()).drawn['risk-sites']).toBeGreaterThan(0);
    await page.screenshot({ path: shot('town') });

    // The pond on the map, by its point (where the API places it).
    const sites = (await (await fetch(`${site.base}/api/risk/sites`)).json()) as FeatureCollection;
    const pond = sites.features.find((f) => f.properties?.id === POND)!;
    await clickAt(pond.properties!.point.coordinates as [number, number]);
    await page.waitForFunction((id) => window.__atlas.risk?.route.site === id, POND);
    await settled();
    expect(await where()).toBe(`/risk?area=${SENGLOU}&site=${POND}`);
    const panel = page.locator('.risk-detail-panel');
    const text = await panel.innerText();
    for (const expected of ['东岭尾矿库', 'TP-HJ-002', '运行', '河津市 › 僧楼镇', '不符合', '头顶库', '下游 2 处居民点，共 1,280 人']) expect(text).toContain(expected);
    await expect(page.locator('.risk-crumbs').innerText()).resolves.toMatch(/僧楼镇\s+东岭尾矿库$/);
    await page.screenshot({ path: shot('site') });

    // Back: the town, then the county; forward again to the site. The URL is the state.
    await page.goBack();
    await page.waitForFunction(() => !window.__atlas.risk?.route.site);
    expect(await where()).toBe(`/risk?area=${SENGLOU}`);
    await page.goBack();
    await page.waitForFunction((code) => window.__atlas.risk?.route.area === code, HEJIN);
    await expect(page.locator('.risk-detail-panel h2').first().innerText()).resolves.toBe('河津市');
    await page.goForward();
    await page.goForward();
    await page.waitForFunction((id) => window.__atlas.risk?.route.site === id, POND);
    await settled();
    // A shared link opens the same place; the older `?view=risk` form too.
    const other = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await other.goto(`${site.base}/?view=risk&area=${SENGLOU}&site=${POND}`);
    await other.locator('.risk-detail-panel h2', { hasText: '东岭尾矿库' }).waitFor({ timeout: 30_000 });
    expect(await other.evaluate(() => `${window.location.pathname}${window.location.search}`)).toBe(`/risk?area=${SENGLOU}&site=${POND}`);
    await other.close();
  });

  it('opens the 头顶库 and sees the villages and the people below the dam', async () => {
    await page.locator('.risk-callout').getByRole('button', { name: '查看下游居民' }).click();
    await page.waitForFunction((id) => window.__atlas.risk?.route.tab === 'headtop' && window.__atlas.risk.route.pond === id, POND);
    await settled();
    // The site stays in the drill-down path; the 头顶库 list is open on it.
    expect(await where()).toBe(`/risk?area=${SENGLOU}&site=${POND}&tab=headtop&pond=${POND}`);
    expect((await readout()).drawn['risk-head-top']).toBe(1);

    const table = page.locator('.risk-detail-panel table[data-table="settlements"]');
    await expect(table.locator('tr[data-settlement="ST-HJ-001"]').innerText()).resolves.toMatch(/东岭村\s+村庄\s+860 人\s+371 m/);
    await expect(table.locator('tr[data-settlement="ST-HJ-002"]').innerText()).resolves.toMatch(/东岭小学\s+学校\s+420 人/);
    await expect(table.locator('tfoot').innerText()).resolves.toContain('1,280 人');
    await expect(page.locator('.risk-detail-panel [data-population]').getAttribute('data-population')).resolves.toBe('1280');
    // Per area: the people below dams in Hejin and in Senglou.
    const side = page.locator('.risk-side');
    await expect(side.locator('tr[data-code="140882100"]').innerText()).resolves.toMatch(/僧楼镇\s+1\s+2\s+1,280 人/);
    await expect(side.locator('.risk-total').innerText()).resolves.toContain('人口 1,280 人');
    await page.screenshot({ path: shot('head-top') });
  });

  it('records a ledger item from the 头顶库 finding and moves it through the lifecycle to closed', async () => {
    await page.locator('.risk-detail-panel').getByRole('button', { name: '登记隐患' }).click();
    const form = page.locator('.risk-detail-panel form');
    await form.waitFor();
    await expect(page.locator('.risk-detail-panel h2').innerText()).resolves.toBe('由审查问题登记隐患');
    await expect(form.locator('textarea[name="description"]').inputValue()).resolves.toContain('东岭村');
    await form.locator('select[name="level"]').selectOption('major');
    await expect(form.locator('input[name="responsibleUnit"]').inputValue()).resolves.toBe('河津市应急管理局');
    await form.locator('input[name="responsibleUnit"]').fill('河津市应急管理局、僧楼镇人民政府');
    await form.locator('input[name="actor"]').fill('李明（河津市应急管理局）');
    await form.locator('textarea[name="note"]').fill('头顶库下游东岭村、东岭小学需搬迁或闭库治理');
    await form.getByRole('button', { name: '登记', exact: true }).click();

    await page.waitForFunction(() => window.__atlas.risk?.route.tab === 'ledger' && (window.__atlas.risk.route.item ?? 0) > 0);
    const id = (await readout()).route.item!;
    expect(await where()).toBe(`/risk?area=${SENGLOU}&site=${POND}&tab=ledger&item=${id}`);
    const item = page.locator(`.risk-detail-panel .risk-detail[data-item="${id}"]`);
    await item.locator('.risk-steps').waitFor();
    await expect(item.getAttribute('data-status')).resolves.toBe('open');
    expect(await item.innerText()).toContain('头顶库');

    const steps: [string, string, string][] = [
      ['rectifying', '张伟（僧楼镇人民政府）', '已制定搬迁方案，东岭小学暂停使用'],
      ['rectified', '张伟（僧楼镇人民政府）', '东岭村 215 户已搬迁安置'],
      ['verified', '王芳（河津市应急管理局）', '现场核查：坝下 1 km 范围内已无居民'],
      ['closed', '王芳（河津市应急管理局）', '同意销号'],
    ];
    for (const [to, actor, note] of steps) {
      await item.locator(`input[name="to"][value="${to}"]`).check();
      await item.locator('input[name="actor"]').fill(actor);
      await item.locator('textarea[name="note"]').fill(note);
      await item.locator('form button[type="submit"]').click();
      await page.waitForFunction(([sel, status]) => document.querySelector(sel)?.getAttribute('data-status') === status, [`.risk-detail[data-item="${id}"]`, to] as const, { timeout: 20_000 });
    }
    await expect(item.locator('.risk-note.done').innerText()).resolves.toBe('已销号，流程结束');
    await expect(item.locator('form').count()).resolves.toBe(0);
    // The history keeps every step: who, from → to, and the note.
    const history = item.locator('.risk-history li');
    await expect(history.count()).resolves.toBe(5);
    await expect(history.nth(0).innerText()).resolves.toContain('李明（河津市应急管理局）');
    await expect(history.nth(4).innerText()).resolves.toMatch(/王芳（河津市应急管理局）[\s\S]*已验收\s*→\s*已销号[\s\S]*同意销号/);
    await page.mouse.move(680, 30);
    await item.locator('.risk-history').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('ledger-closed') });
    // The list on the left shows it closed. The pond is selected, so the list holds its items only, with a chip
    // that clears that filter; the CSV link exports what is listed.
    const row = page.locator(`.risk-side li[data-item="${id}"]`);
    await expect(row.getAttribute('data-status')).resolves.toBe('closed');
    const chip = page.locator('.risk-side .risk-filter-chip');
    await expect(chip.innerText()).resolves.toMatch(/^本尾矿库\s*×/);
    expect(new Set(await page.locator('.risk-side li[data-item]').evaluateAll((li) => li.map((e) => e.getAttribute('data-site'))))).toEqual(new Set([POND]));
    expect(await page.locator('.risk-side a[download]').getAttribute('href')).toContain(`siteLayer=tailings_ponds&siteId=${POND}`);
    await chip.click();
    await page.waitForFunction(() => !window.__atlas.risk?.route.site);
    expect(await where()).toBe(`/risk?area=${SENGLOU}&tab=ledger&item=${id}`);
    await expect(chip.count()).resolves.toBe(0);
    await expect(row.getAttribute('data-status')).resolves.toBe('closed');
    const href = await page.locator('.risk-side a[download]').getAttribute('href');
    expect(href).toContain('/api/ledger/export.csv?area=140882100');
    const csv = Buffer.from(await (await fetch(new URL(href!, site.base))).arrayBuffer());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toMatch(/东岭尾矿库[\s\S]*已销号/);
    expect(w.errors).toEqual([]);
  });

  it('highlights and counts an overdue item, in the ledger and in the ranking', async () => {
    const res = await fetch(`${site.base}/api/ledger`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        siteLayer: 'mining_rights',
        siteId: 'MR-HJ-018',
        description: '采矿权东部进入水源保护区，未按期退出',
        level: 'significant',
        responsibleUnit: '河津市自然资源局',
        deadline: '2026-01-31',
        actor: '赵强（河津市自然资源局）',
      }),
    });
    expect(res.status).toBe(201);
    const overdue = (await res.json()) as { id: number; overdue: boolean };
    expect(overdue.overdue).toBe(true);

    await page.goto(`${site.base}/risk?area=${HEJIN}&tab=ledger&item=${(await readout()).route.item}`);
    await settled();
    const row = page.locator(`.risk-side li[data-item="${overdue.id}"]`);
    await row.waitFor();
    await expect(row.getAttribute('class')).resolves.toContain('overdue');
    await expect(row.innerText()).resolves.toMatch(/逾期 \d+ 天/);
    await expect(page.locator('.risk-side [data-overdue-count]').getAttribute('data-overdue-count')).resolves.toBe('1');
    await page.screenshot({ path: shot('ledger') });

    // The county's ranking counts it (and its grade reason lists it).
    await page.getByRole('tab', { name: '风险排名' }).click();
    await page.locator('.risk-crumbs a', { hasText: '全部区域' }).click();
    await page.waitForFunction(() => !window.__atlas.risk?.route.area);
    await settled();
    await expect(page.locator(`.risk-ranking tr[data-code="${HEJIN}"] td.risk-overdue-count`).innerText()).resolves.toBe('1');
  });

  it('lists the 闭库销号 candidates, each with why and a way to record it', async () => {
    await page.getByRole('tab', { name: '闭库销号' }).click();
    await page.waitForFunction(() => window.__atlas.risk?.route.tab === 'closure');
    await settled();
    const list = page.locator('.risk-closure-list');
    await expect(list.locator('li').count()).resolves.toBe(3);
    await expect(list.locator('li[data-pond="TP-HJ-004"]').innerText()).resolves.toMatch(/柴家尾矿库[\s\S]*2019 年起停用[\s\S]*超过3年/);
    await expect(list.locator('li[data-pond="TP-HJ-005"]').innerText()).resolves.toContain('已到最终标高');
    await expect(list.locator('li[data-pond="TP-HC-002"]').innerText()).resolves.toContain('无主库');
    await expect(list.getByRole('button', { name: '登记隐患' }).count()).resolves.toBe(3);
    expect((await readout()).drawn['risk-sites']).toBe(3);
    await page.screenshot({ path: shot('closure') });
    await page.getByRole('tab', { name: '风险排名' }).click();
  });

  it('colours sites by their worst finding, shows a density view, and is reachable by keyboard', async () => {
    await page.locator('.risk-show').getByRole('button', { name: '点位' }).click();
    await page.waitForFunction(() => window.__atlas.risk?.route.show === 'sites');
    await settled();
    expect((await readout()).drawn['risk-sites']).toBeGreaterThan(40);
    await page.screenshot({ path: shot('sites') });

    await page.locator('.risk-show').getByRole('button', { name: '密度' }).click();
    await page.waitForFunction(() => window.__atlas.risk?.route.show === 'density');
    await settled();
    expect((await readout()).drawn['risk-density']).toBeGreaterThan(0);
    await page.locator('.risk-legend .risk-ramp').waitFor();
    expect(await where()).toBe('/risk?show=density');
    await page.screenshot({ path: shot('density') });

    // Keyboard: the ranking's links and the list tabs (arrow keys) work without a mouse.
    await page.locator('.risk-show').getByRole('button', { name: '分区着色' }).click();
    await page.locator(`.risk-ranking tr[data-code="140822"] a`).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__atlas.risk?.route.area === '140822');
    await page.getByRole('tab', { name: '风险排名' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => window.__atlas.risk?.route.tab === 'headtop');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('risk-tab-headtop');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !window.__atlas.risk?.route.area);
    expect(w.errors).toEqual([]);
  });

  it('reads in English', async () => {
    await page.goto(`${site.base}/risk?area=${HEJIN}`);
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.locator('.risk-detail-panel').getByText('Major risk').first().waitFor();
    await settled();
    const text = await page.locator('.risk-detail-panel').innerText();
    // 133 from the audit, plus the open overdue item recorded above (significant: 4 open + 6 overdue).
    expect((await readout()).area?.score).toBe(143);
    for (const expected of ['Major risk', '143 points', 'Reasons', 'overdue ledger item(s)', '1,280 people downstream of head-top ponds', 'Findings by rule']) expect(text).toContain(expected);
    await expect(page.locator('.risk-tabs').innerText()).resolves.toMatch(/Ranking[\s\S]*Head-top[\s\S]*Ledger[\s\S]*Closure/);
    // Area names in English (the admin areas' nameEn): the heading, the path and the towns' ranking.
    await expect(page.locator('.risk-detail-panel h2').first().innerText()).resolves.toBe('Hejin');
    await expect(page.locator('.risk-crumbs').innerText()).resolves.toMatch(/^All areas\s+Hejin$/);
    await expect(page.locator('.risk-ranking-panel h2').innerText()).resolves.toContain('towns of Hejin');
    await expect(page.locator(`.risk-ranking tr[data-code="${SENGLOU}"] th`).innerText()).resolves.toBe('Senglou Town');
    await page.screenshot({ path: shot('en') });
    // The ledger in English: statuses, levels and the stepper in the server's words; the moves the item allows.
    await page.getByRole('tab', { name: 'Ledger' }).click();
    await page.locator('.risk-side li[data-item].overdue a').first().click();
    const item = page.locator('.risk-detail-panel .risk-detail');
    await item.locator('.risk-steps').waitFor();
    await settled();
    await expect(item.locator('.risk-steps').innerText()).resolves.toMatch(/Open[\s\S]*Rectifying[\s\S]*Rectified[\s\S]*Verified[\s\S]*Closed/);
    await expect(item.locator('.risk-item-chips').innerText()).resolves.toMatch(/Significant\s+Open/);
    await expect(item.locator('label.risk-radio').allInnerTexts()).resolves.toEqual(['Move to "Rectifying"']);
    await expect(page.locator('.risk-side .risk-filters').innerText()).resolves.toMatch(/All[\s\S]*Overdue[\s\S]*Open[\s\S]*Closed/);
    await expect(page.locator('.risk-side .risk-ledger-scope').innerText()).resolves.toMatch(/^Scope: Hejin/);
    await expect(item.locator('.risk-facts').innerText()).resolves.toMatch(/County\s+Hejin/);
    await page.screenshot({ path: shot('ledger-en') });
    await page.getByRole('button', { name: '中文', exact: true }).click();
    expect(w.errors).toEqual([]);
    expect(w.external).toEqual([]);
  });

  it('tells the leader in words when the grades cannot be loaded', async () => {
    const other = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await other.route('**/api/risk/areas?*', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: '审查服务超时', details: [] }) }),
    );
    await other.goto(`${site.base}/risk`);
    const alert = other.locator('[role="alert"]', { hasText: '审查服务超时' }).first();
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.innerText()).toContain('无法加载区域风险分级：审查服务超时');
    await expect(alert.getByRole('button', { name: '重试' }).count()).resolves.toBe(1);
    await other.close();

    // The ledger's vocabulary (statuses, levels) too.
    const third = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await third.route('**/api/ledger/vocabulary', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: '台账服务不可用', details: [] }) }),
    );
    await third.goto(`${site.base}/risk?tab=ledger`);
    const ledgerAlert = third.locator('.risk-side [role="alert"]', { hasText: '台账服务不可用' });
    await ledgerAlert.waitFor({ timeout: 30_000 });
    expect(await ledgerAlert.innerText()).toContain('无法加载台账状态与等级：台账服务不可用');
    await third.close();
  });
});
