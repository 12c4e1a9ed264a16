/**
 * /api/ledger: the hazard ledger (隐患排查治理台账). Items from audit findings (re-checked now, or copied from a
 * posted finding) or by hand; the lifecycle open → rectifying → rectified → verified → closed (整改销号) with an
 * append-only history; filters by status, overdue, area and site; CSV export for Excel; the lifecycle's vocabulary
 * (statuses, levels, labels, transitions) for the web. Every item carries `next`, the statuses it may move to now.
 */
import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rows } from '../db/client.ts';
import { ApiError } from '../http/errors.ts';
import { validate } from '../http/validator.ts';
import { layers } from '../layers/catalog.ts';
import { audit, type AuditFinding } from '../rules/engine.ts';
import { ruleById } from '../rules/registry.ts';
import { toCsv } from '../risk/csv.ts';
import { createItem, exportRows, findingOf, getItem, listItems, transition, type LedgerFilter } from '../risk/ledger.ts';
import { ledgerLevels, ledgerStatuses, ledgerVocabulary, levelLabels, statusLabels, todayInChina } from '../risk/lifecycle.ts';
import type { Deps } from './deps.ts';

const siteLayer = z.enum(['mining_rights', 'tailings_ponds']);
const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a calendar date');
const ruleId = z.string().refine((id) => ruleById.has(id), { message: 'unknown rule id' });

/** What every new item needs besides its site and finding. */
const assignment = {
  level: z.enum(ledgerLevels),
  responsibleUnit: text(200),
  deadline: isoDate,
  /** Who records the item (the first history entry). */
  actor: text(100),
  note: z.string().max(2000).optional(),
};

const newItemBody = z
  .object({
    siteLayer,
    siteId: text(200),
    description: text(2000),
    sourceRule: ruleId.optional(),
    ...assignment,
  })
  .strict();

const postedFinding = z
  .object({
    rule: ruleId,
    layer: siteLayer,
    id: text(200),
    status: z.enum(['fail', 'warn']),
    message: z.string().optional(),
  })
  .passthrough();

const fromFindingBody = z
  .object({
    rule: ruleId.optional(),
    layer: siteLayer.optional(),
    id: text(200).optional(),
    /** A finding as the audit answered it: copied instead of re-checked. */
    finding: postedFinding.optional(),
    description: text(2000).optional(),
    ...assignment,
  })
  .strict()
  .superRefine((b, ctx) => {
    const ref = [b.rule, b.layer, b.id].filter((v) => v !== undefined).length;
    if (b.finding && ref) ctx.addIssue({ code: 'custom', path: ['finding'], message: 'give either {rule, layer, id} or a finding, not both' });
    if (!b.finding && ref !== 3) ctx.addIssue({ code: 'custom', path: ['rule'], message: 'give {rule, layer, id} of a finding to re-check, or the finding itself' });
  });

const statusList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(ledgerStatuses)));
const listQuery = z
  .object({
    status: statusList.optional(),
    overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    area: z.string().regex(/^\d{2,12}$/, 'a GB/T 2260 division code').optional(),
    /** One site's items: both or neither. */
    siteLayer: siteLayer.optional(),
    siteId: text(200).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.siteLayer && !q.siteId) ctx.addIssue({ code: 'custom', path: ['siteId'], message: 'give siteId with siteLayer (a site is both)' });
    if (q.siteId && !q.siteLayer) ctx.addIssue({ code: 'custom', path: ['siteLayer'], message: 'give siteLayer with siteId (a site is both)' });
  });

function filterOf({ siteLayer, siteId, ...rest }: z.infer<typeof listQuery>): LedgerFilter {
  return { ...rest, site: siteLayer && siteId ? { layer: siteLayer, id: siteId } : undefined };
}
const idParam = z.object({ id: z.coerce.number().int().positive() });
const transitionBody = z.object({ to: z.enum(ledgerStatuses), actor: text(100), note: z.string().max(2000).optional() }).strict();

const csvHeader = [
  '编号', '县（市、区）代码', '县（市、区）', '对象类型', '对象编号', '对象名称', '来源规则', '隐患描述', '隐患等级',
  '责任单位', '整改期限', '状态', '是否逾期', '登记时间', '最近更新', '最近处理人', '最近处理说明',
];

/** "2025-03-01T02:03:04.000Z" → "2025-03-01 10:03" (China time, which Excel reads as a date-time). */
function chinaTime(isoUtc: string): string {
  const t = new Date(new Date(isoUtc).getTime() + 8 * 3600 * 1000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
}

export function ledgerRoutes({ db, profiles }: Deps) {
  const itemOr404 = async (id: number) => {
    const item = await getItem(db.orm, id, todayInChina());
    if (!item) throw new ApiError(404, `no ledger item ${id}`);
    return item;
  };
  return new Hono()
    .get('/', validate('query', listQuery), async (c) => {
      const items = await listItems(db.orm, filterOf(c.req.valid('query')), todayInChina());
      const byStatus = Object.fromEntries(ledgerStatuses.map((s) => [s, items.filter((i) => i.status === s).length])) as Record<(typeof ledgerStatuses)[number], number>;
      return c.json({ items, counts: { total: items.length, overdue: items.filter((i) => i.overdue).length, byStatus } });
    })
    .get('/export.csv', validate('query', listQuery), async (c) => {
      const found = await exportRows(db.orm, filterOf(c.req.valid('query')), todayInChina());
      const csv = toCsv(
        csvHeader,
        found.map((r) => [
          r.id,
          r.adminCode,
          r.adminName,
          layers[r.siteLayer].title.zh,
          r.siteId,
          r.siteName,
          r.sourceRule ? `${ruleById.get(r.sourceRule)?.title.zh ?? r.sourceRule}（${r.sourceRule}）` : '人工登记',
          r.description,
          levelLabels[r.level].zh,
          r.responsibleUnit,
          r.deadline,
          statusLabels[r.status].zh,
          r.overdue ? '是' : '否',
          chinaTime(r.createdAt),
          chinaTime(r.updatedAt),
          r.lastActor,
          r.lastNote,
        ]),
      );
      const stamp = todayInChina().replace(/-/g, '');
      return c.body(csv, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="ledger-${stamp}.csv"; filename*=UTF-8''${encodeURIComponent(`隐患排查治理台账-${stamp}.csv`)}`,
      });
    })
    .post('/', validate('json', newItemBody), async (c) => {
      const body = c.req.valid('json');
      const id = await createItem(db.orm, { ...body, sourceRule: body.sourceRule ?? null });
      return c.json(await itemOr404(id), 201);
    })
    .post('/from-finding', validate('json', fromFindingBody), async (c) => {
      const body = c.req.valid('json');
      let finding: Record<string, unknown> & { rule: string; layer: 'mining_rights' | 'tailings_ponds'; id: string; message?: string };
      if (body.finding) {
        const { evidence: _evidence, ...copied } = body.finding as typeof body.finding & { evidence?: unknown };
        finding = copied;
      } else {
        const rule = ruleById.get(body.rule!)!;
        const layer = body.layer!;
        if (!rule.appliesTo.includes(layer)) {
          throw new ApiError(400, `rule ${rule.id} does not apply to ${layer}`, [{ field: 'layer', problem: `expected one of ${rule.appliesTo.join(', ')}` }]);
        }
        const [site] = await rows<{ id: string }>(db.orm, sql`SELECT id FROM ${layers[layer].table} WHERE id = ${body.id!}`);
        if (!site) throw new ApiError(404, `no feature "${body.id}" in ${layer}`, [{ field: 'id', problem: 'the site must be stored' }]);
        // The finding as it stands now: that one site audited again (never waiting for a rebuild of the stored findings).
        const found: AuditFinding[] = await audit(db.orm, profiles, { rules: [rule.id], ids: [body.id!] });
        const current = findingOf(found, layer, body.id!);
        if (!current) {
          throw new ApiError(409, `${rule.id} passes at ${layer}/${body.id} now: nothing to record`, [{ field: 'rule', problem: 're-checked: no fail or warn finding' }]);
        }
        finding = { ...current };
      }
      const id = await createItem(db.orm, {
        siteLayer: finding.layer,
        siteId: finding.id,
        sourceRule: finding.rule,
        finding,
        description: body.description ?? finding.message ?? finding.rule,
        level: body.level,
        responsibleUnit: body.responsibleUnit,
        deadline: body.deadline,
        actor: body.actor,
        note: body.note,
      });
      return c.json(await itemOr404(id), 201);
    })
    // The lifecycle's words and moves, for the web (as GET /api/layers gives it the field labels).
    .get('/vocabulary', (c) => c.json(ledgerVocabulary()))
    .get('/:id', validate('param', idParam), async (c) => c.json(await itemOr404(c.req.valid('param').id)))
    .post('/:id/transitions', validate('param', idParam), validate('json', transitionBody), async (c) => {
      const { id } = c.req.valid('param');
      await transition(db.orm, id, c.req.valid('json'));
      return c.json(await itemOr404(id));
    });
}
