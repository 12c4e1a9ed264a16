/**
 * /api/ledger (隐患排查治理台账) on the demo region: items by hand and from findings, the lifecycle to 整改销号 with
 * its append-only history, refused transitions, the moves each item allows (`next`) and the lifecycle vocabulary for
 * the web, one site's items, overdue items (listed, counted per area, feeding the risk grade) and the CSV export.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../data/loaders/demo.ts';
import type { LedgerEvent, LedgerItem } from '../../server/risk/ledger.ts';
import type { AreaRisk } from '../../server/risk/score.ts';
import { loadScoring } from '../../server/risk/scoring.ts';
import type { AuditFinding } from '../../server/rules/engine.ts';
import { openTestApp, type TestApp } from '../support/db.ts';

type Item = LedgerItem & { events: LedgerEvent[] };

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
  await loadDemo(t.db.orm);
});
afterAll(async () => t?.db.destroy());

const PAST = '2020-01-01';
const FUTURE = '2999-12-31';

function byHand(siteId: string, extra: Record<string, unknown> = {}) {
  return {
    siteLayer: siteId.startsWith('TP') ? 'tailings_ponds' : 'mining_rights',
    siteId,
    description: `${siteId} 排查发现的隐患`,
    level: 'general',
    responsibleUnit: '河津市应急管理局',
    deadline: FUTURE,
    actor: '张三',
    ...extra,
  };
}

async function create(body: Record<string, unknown>, status = 201): Promise<Item> {
  const response = await t.call('POST', '/api/ledger', body);
  const json = await response.json();
  expect(response.status, JSON.stringify(json)).toBe(status);
  return json as Item;
}

async function move(id: number, to: string, actor = '李四', note = ''): Promise<Response> {
  return t.call('POST', `/api/ledger/${id}/transitions`, { to, actor, note });
}

async function list(query = ''): Promise<{ items: LedgerItem[]; counts: { total: number; overdue: number; byStatus: Record<string, number> } }> {
  const response = await t.call('GET', `/api/ledger${query}`);
  expect(response.status).toBe(200);
  return response.json();
}

describe('recording items', () => {
  it('records an item by hand at a stored site, with its name and county, and a first history entry', async () => {
    const item = await create(byHand('MR-HJ-005', { note: '日常检查发现' }));
    expect(item).toMatchObject({
      siteLayer: 'mining_rights',
      siteId: 'MR-HJ-005',
      siteName: '河津市下化铁矿',
      sourceRule: null,
      finding: null,
      level: 'general',
      status: 'open',
      next: ['rectifying'],
      deadline: FUTURE,
      adminCode: '140882',
      adminName: '河津市',
      overdue: false,
    });
    expect(item.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(item.events).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'open', actor: '张三', note: '日常检查发现' })]);
    const again = (await (await t.call('GET', `/api/ledger/${item.id}`)).json()) as Item;
    expect(again).toEqual(item);
  });

  it('refuses an unknown site (404), a bad date, level or missing field (400), and stores nothing', async () => {
    const before = (await list()).counts.total;
    await create(byHand('MR-NOPE'), 404);
    await create(byHand('MR-HJ-005', { deadline: '2025-02-30' }), 400);
    await create(byHand('MR-HJ-005', { level: 'critical' }), 400);
    await create(byHand('MR-HJ-005', { responsibleUnit: '' }), 400);
    await create(byHand('MR-HJ-005', { siteLayer: 'rivers' }), 400);
    await create(byHand('MR-HJ-005', { sourceRule: 'no-such-rule' }), 400);
    expect((await list()).counts.total).toBe(before);
    expect((await t.call('GET', '/api/ledger/999999')).status).toBe(404);
    expect((await t.call('GET', '/api/ledger/abc')).status).toBe(400);
  });

  it('records an item from a finding re-checked by the audit, once while it is open', async () => {
    const request = { rule: 'head-top-tailings', layer: 'tailings_ponds', id: 'TP-HJ-002', level: 'major', responsibleUnit: '河津市东岭矿业', deadline: FUTURE, actor: '王五' };
    const response = await t.call('POST', '/api/ledger/from-finding', request);
    expect(response.status).toBe(201);
    const item = (await response.json()) as Item;
    expect(item).toMatchObject({ siteId: 'TP-HJ-002', siteName: '东岭尾矿库', sourceRule: 'head-top-tailings', level: 'major', adminCode: '140882', next: ['rectifying'] });
    expect(item.finding).toMatchObject({ rule: 'head-top-tailings', layer: 'tailings_ponds', id: 'TP-HJ-002', status: 'fail' });
    expect(item.description).toContain('头顶库');
    // A second click on the same finding does not double it.
    expect((await t.call('POST', '/api/ledger/from-finding', request)).status).toBe(409);
  });

  it('refuses a finding that no longer holds (409), a rule that does not apply (400) and an unknown site (404)', async () => {
    const base = { level: 'general', responsibleUnit: '某单位', deadline: FUTURE, actor: '王五' };
    // TP-HJ-003: no settlement in its downstream sector (demo README).
    expect((await t.call('POST', '/api/ledger/from-finding', { ...base, rule: 'head-top-tailings', layer: 'tailings_ponds', id: 'TP-HJ-003' })).status).toBe(409);
    expect((await t.call('POST', '/api/ledger/from-finding', { ...base, rule: 'head-top-tailings', layer: 'mining_rights', id: 'MR-HJ-005' })).status).toBe(400);
    expect((await t.call('POST', '/api/ledger/from-finding', { ...base, rule: 'head-top-tailings', layer: 'tailings_ponds', id: 'TP-NOPE' })).status).toBe(404);
    expect((await t.call('POST', '/api/ledger/from-finding', { ...base, rule: 'head-top-tailings' })).status).toBe(400);
  });

  it('copies a posted finding (as the audit answered it)', async () => {
    const { findings } = (await (await t.call('POST', '/api/audit', { rules: ['safety-pillar-50m'] })).json()) as { findings: AuditFinding[] };
    const finding = findings.find((f) => f.id === 'MR-HJ-006')!;
    const response = await t.call('POST', '/api/ledger/from-finding', { finding, level: 'significant', responsibleUnit: '河津市清涧铁矿', deadline: FUTURE, actor: '王五' });
    expect(response.status).toBe(201);
    const item = (await response.json()) as Item;
    expect(item).toMatchObject({ siteId: 'MR-HJ-006', sourceRule: 'safety-pillar-50m', description: finding.message, finding: { measured: finding.measured }, next: ['rectifying'] });
  });
});

describe('lifecycle', () => {
  it('goes open → rectifying → rectified → verified → closed, each step kept with who, when and a note', async () => {
    const item = await create(byHand('MR-HJ-011'));
    const steps: [string, string, string][] = [
      ['rectifying', '河津市下化花岗岩矿', '已制定整改方案'],
      ['rectified', '河津市下化花岗岩矿', '已调整开采境界'],
      ['verified', '河津市应急管理局', '现场验收合格'],
      ['closed', '河津市应急管理局', '整改销号'],
    ];
    for (const [to, actor, note] of steps) {
      const response = await move(item.id, to, actor, note);
      expect(response.status).toBe(200);
      expect(((await response.json()) as Item).status).toBe(to);
    }
    const done = (await (await t.call('GET', `/api/ledger/${item.id}`)).json()) as Item;
    expect(done.status).toBe('closed');
    expect(done.events.map((e) => [e.fromStatus, e.toStatus, e.actor, e.note])).toEqual([
      [null, 'open', '张三', ''],
      ['open', 'rectifying', ...steps[0].slice(1)],
      ['rectifying', 'rectified', ...steps[1].slice(1)],
      ['rectified', 'verified', ...steps[2].slice(1)],
      ['verified', 'closed', ...steps[3].slice(1)],
    ]);
    const times = done.events.map((e) => e.at);
    expect(times).toEqual([...times].sort());
    // Nothing follows closed.
    const after = await move(item.id, 'open');
    expect(after.status).toBe(400);
  });

  it('refuses an invalid transition with 400 naming from and to, and changes nothing', async () => {
    const item = await create(byHand('MR-HJ-012'));
    const response = await move(item.id, 'closed');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; details: { field: string; problem: string }[] };
    expect(body.error).toContain('"open"');
    expect(body.error).toContain('"closed"');
    expect(body.details[0]).toMatchObject({ field: 'to' });
    expect(body.details[0].problem).toContain('rectifying');
    const unchanged = (await (await t.call('GET', `/api/ledger/${item.id}`)).json()) as Item;
    expect(unchanged.status).toBe('open');
    expect(unchanged.events).toHaveLength(1);
    expect((await move(item.id, 'open')).status).toBe(400);
    expect((await move(item.id, 'demolished')).status).toBe(400);
    expect((await t.call('POST', `/api/ledger/${item.id}/transitions`, { to: 'rectifying' })).status).toBe(400);
    expect((await move(999999, 'rectifying')).status).toBe(404);
  });

  it('sends a rectification that fails verification back to rectifying', async () => {
    const item = await create(byHand('MR-HJ-001'));
    for (const to of ['rectifying', 'rectified', 'rectifying', 'rectified', 'verified']) expect((await move(item.id, to)).status).toBe(200);
  });

  it('keeps the history: the database refuses to change or delete an event, or the item it belongs to', async () => {
    const item = await create(byHand('MR-HJ-002'));
    await expect(t.db.orm.execute(sql`UPDATE ledger_events SET note = 'rewritten' WHERE item_id = ${item.id}`)).rejects.toThrow();
    await expect(t.db.orm.execute(sql`DELETE FROM ledger_events WHERE item_id = ${item.id}`)).rejects.toThrow();
    await expect(t.db.orm.execute(sql`DELETE FROM ledger_items WHERE id = ${item.id}`)).rejects.toThrow();
    const kept = (await (await t.call('GET', `/api/ledger/${item.id}`)).json()) as Item;
    expect(kept.events).toEqual(item.events);
  });
});

describe('what the web is told about the lifecycle', () => {
  it('GET /api/ledger/vocabulary: statuses in lifecycle order, levels, zh/en labels, transitions and the done statuses', async () => {
    const response = await t.call('GET', '/api/ledger/vocabulary');
    expect(response.status).toBe(200);
    const vocabulary = (await response.json()) as {
      statuses: { id: string; label: { zh: string; en: string } }[];
      levels: { id: string; label: { zh: string; en: string } }[];
      transitions: Record<string, string[]>;
      done: string[];
    };
    expect(vocabulary.statuses.map((s) => s.id)).toEqual(['open', 'rectifying', 'rectified', 'verified', 'closed']);
    expect(vocabulary.statuses[0].label).toEqual({ zh: '待整改', en: 'Open' });
    expect(vocabulary.statuses.at(-1)!.label).toEqual({ zh: '已销号', en: 'Closed' });
    expect(vocabulary.levels.map((l) => [l.id, l.label.zh])).toEqual([['major', '重大'], ['significant', '较大'], ['general', '一般'], ['low', '低']]);
    expect(vocabulary.transitions).toEqual({ open: ['rectifying'], rectifying: ['rectified'], rectified: ['verified', 'rectifying'], verified: ['closed'], closed: [] });
    expect(vocabulary.done).toEqual(['verified', 'closed']);
  });

  it('every item carries `next`, the moves its status allows now (created, moved, read, listed)', async () => {
    const created = await create(byHand('MR-HJ-014'));
    expect(created.next).toEqual(['rectifying']);
    const expected: Record<string, string[]> = { rectifying: ['rectified'], rectified: ['verified', 'rectifying'], verified: ['closed'], closed: [] };
    for (const to of ['rectifying', 'rectified', 'verified', 'closed']) {
      const moved = (await (await move(created.id, to)).json()) as Item;
      expect(moved).toMatchObject({ status: to, next: expected[to] });
      expect(((await (await t.call('GET', `/api/ledger/${created.id}`)).json()) as Item).next).toEqual(expected[to]);
    }
    const { items } = await list();
    expect(items.find((i) => i.id === created.id)!.next).toEqual([]);
    expect(items.every((i) => Array.isArray(i.next))).toBe(true);
  });
});

describe('one site\'s items', () => {
  it('GET /api/ledger?siteLayer=…&siteId=… (and the CSV) list only that site\'s items', async () => {
    const a = await create(byHand('MR-HJ-015'));
    const b = await create(byHand('MR-HJ-015', { description: '第二项' }));
    await create(byHand('MR-HJ-016'));
    const mine = await list('?siteLayer=mining_rights&siteId=MR-HJ-015');
    expect(mine.items.map((i) => i.id)).toEqual([a.id, b.id]);
    expect(mine.counts.total).toBe(2);
    // Same id in the other layer: nothing.
    expect((await list('?siteLayer=tailings_ponds&siteId=MR-HJ-015')).items).toEqual([]);
    // Combined with the other filters.
    expect((await list('?siteLayer=mining_rights&siteId=MR-HJ-015&area=140882')).items).toHaveLength(2);
    expect((await list('?siteLayer=mining_rights&siteId=MR-HJ-015&area=140822')).items).toHaveLength(0);
    const csv = await (await t.call('GET', '/api/ledger/export.csv?siteLayer=mining_rights&siteId=MR-HJ-015')).text();
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(csv).not.toContain('MR-HJ-016');
  });

  it('refuses half a site with 400 naming the missing field', async () => {
    for (const [query, field] of [
      ['?siteLayer=mining_rights', 'siteId'],
      ['?siteId=MR-HJ-015', 'siteLayer'],
    ]) {
      for (const path of ['/api/ledger', '/api/ledger/export.csv']) {
        const response = await t.call('GET', `${path}${query}`);
        expect(response.status).toBe(400);
        const body = (await response.json()) as { error: string; details: { field?: string; problem: string }[] };
        expect(body.error).toBeTruthy();
        expect(body.details.map((d) => d.field)).toContain(field);
      }
    }
    expect((await t.call('GET', '/api/ledger?siteLayer=rivers&siteId=X')).status).toBe(400);
  });
});

describe('overdue items', () => {
  it('are those past their deadline and not yet verified or closed: listed, counted, filtered by area', async () => {
    const late = await create(byHand('TP-WR-003', { deadline: PAST, level: 'major', responsibleUnit: '万荣县皇甫选矿有限公司' }));
    const lateButVerified = await create(byHand('TP-WR-004', { deadline: PAST, responsibleUnit: '万荣县光华矿业有限公司' }));
    for (const to of ['rectifying', 'rectified', 'verified']) await move(lateButVerified.id, to);
    expect(late).toMatchObject({ overdue: true, adminCode: '140822' });
    expect(((await (await t.call('GET', `/api/ledger/${lateButVerified.id}`)).json()) as Item).overdue).toBe(false);

    const all = await list();
    expect(all.counts.overdue).toBe(all.items.filter((i) => i.overdue).length);
    const overdue = await list('?overdue=true');
    expect(overdue.items.map((i) => i.id)).toEqual(all.items.filter((i) => i.overdue).map((i) => i.id));
    expect(overdue.items.map((i) => i.id)).toContain(late.id);
    expect(overdue.items.map((i) => i.id)).not.toContain(lateButVerified.id);
    expect((await list('?overdue=false')).items.every((i) => !i.overdue)).toBe(true);

    const wanrong = await list('?area=140822');
    expect(wanrong.items.map((i) => i.id).sort()).toEqual(all.items.filter((i) => i.adminCode === '140822').map((i) => i.id).sort());
    expect(wanrong.items.length).toBeGreaterThanOrEqual(2);
    // A town: where the site lies (TP-WR-003 in 皇甫乡 140822200); a province: by code prefix.
    expect((await list('?area=140822200')).items.map((i) => i.siteId)).toContain('TP-WR-003');
    expect((await list('?area=140822100')).items.map((i) => i.siteId)).not.toContain('TP-WR-003');
    expect((await list('?area=140000')).items.length).toBe(all.items.filter((i) => i.adminCode?.startsWith('14')).length);
    expect((await list('?status=open,rectifying')).items.every((i) => ['open', 'rectifying'].includes(i.status))).toBe(true);
    expect((await t.call('GET', '/api/ledger?area=999999')).status).toBe(400);
    expect((await t.call('GET', '/api/ledger?status=lost')).status).toBe(400);
  });

  it('feed the risk grade of their county: open and overdue items by level', async () => {
    const scoring = loadScoring();
    const { areas } = (await (await t.call('GET', '/api/risk/areas')).json()) as { areas: AreaRisk[] };
    const wanrong = areas.find((a) => a.code === '140822')!;
    const open = (await list('?area=140822')).items.filter((i) => !['verified', 'closed'].includes(i.status));
    expect(wanrong.counts.ledgerOpen.total).toBe(open.length);
    expect(wanrong.counts.ledgerOverdue.total).toBe(open.filter((i) => i.overdue).length);
    expect(wanrong.counts.ledgerOverdue.major).toBeGreaterThanOrEqual(1);
    const openPoints = open.reduce((s, i) => s + scoring.items.ledgerOpen.byLevel[i.level], 0);
    const overduePoints = open.filter((i) => i.overdue).reduce((s, i) => s + scoring.items.ledgerOverdue.byLevel[i.level], 0);
    expect(wanrong.reasons.find((r) => r.key === 'ledger-open')?.points).toBe(Math.min(scoring.items.ledgerOpen.cap ?? Infinity, openPoints));
    expect(wanrong.reasons.find((r) => r.key === 'ledger-overdue')?.points).toBe(Math.min(scoring.items.ledgerOverdue.cap ?? Infinity, overduePoints));
    // An overdue major hazard makes the county at least 较大.
    expect(['major', 'significant']).toContain(wanrong.grade);
    expect(wanrong.escalations.map((e) => e.key)).toContain('overdue-major-hazard');

    const detail = (await (await t.call('GET', '/api/risk/areas/140822')).json()) as { ledgerTrend: { month: string; opened: number; open: number; overdue: number }[] };
    const now = detail.ledgerTrend.at(-1)!;
    expect(now.open).toBe(open.length);
    expect(now.overdue).toBe(open.filter((i) => i.overdue).length);
    expect(detail.ledgerTrend.reduce((s, m) => s + m.opened, 0)).toBe((await list('?area=140822')).items.length);
  });
});

describe('GET /api/ledger/export.csv', () => {
  it('is UTF-8 with a BOM and Chinese headers, one row per item, Excel-friendly', async () => {
    await create(byHand('MR-HJ-013', { description: '=HYPERLINK("http://x") 边坡浮石, "未清理"' }));
    const response = await t.call('GET', '/api/ledger/export.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="ledger-\d{8}\.csv"/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\uFEFF编号,')).toBe(true);
    const lines = text.slice(1).split('\r\n').filter(Boolean);
    const header = lines[0].split(',');
    expect(header).toEqual(expect.arrayContaining(['编号', '隐患描述', '隐患等级', '责任单位', '整改期限', '状态', '是否逾期']));
    expect(lines.length - 1).toBe((await list()).counts.total);
    expect(text).toContain('河津市下化铁矿');
    expect(text).toContain('已销号');
    // A formula-looking cell is defused, quotes are doubled.
    expect(text).toContain(`"'=HYPERLINK(""http://x"") 边坡浮石, ""未清理"""`);
    const filtered = new TextDecoder().decode(new Uint8Array(await (await t.call('GET', '/api/ledger/export.csv?overdue=true')).arrayBuffer()));
    expect(filtered.split('\r\n').filter(Boolean).length - 1).toBe((await list('?overdue=true')).counts.total);
  });
});
