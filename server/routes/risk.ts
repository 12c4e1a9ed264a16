/**
 * /api/risk: the regional risk map for county and town leaders (风险一张图) — graded areas with their reasons, one
 * area in detail, sites coloured by their worst finding, the 头顶库 with the people below them, and the 闭库销号
 * candidates. Each request first brings the stored findings up to date (server/findings/: re-auditing only where the
 * data changed since the last request), then grades with set-based SQL over them (server/risk/).
 */
import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import type { Feature, FeatureCollection, Geometry, Point } from 'geojson';
import { z } from 'zod';
import { rows } from '../db/client.ts';
import { ApiError } from '../http/errors.ts';
import { validate } from '../http/validator.ts';
import { audit } from '../rules/engine.ts';
import { registry } from '../rules/registry.ts';
import { storedFindings } from '../findings/read.ts';
import { findingsState, refreshFindings } from '../findings/refresh.ts';
import { gradeAreas, ruleTitles, type AreaFilter } from '../risk/aggregate.ts';
import { areaCondition, ledgerTrend } from '../risk/ledger.ts';
import { doneStatuses, todayInChina } from '../risk/lifecycle.ts';
import { HEAD_TOP_RULE, type AreaLevel, type AreaRisk, type SiteLayer } from '../risk/score.ts';
import { legendOf, loadScoring, type Scoring } from '../risk/scoring.ts';
import { findingsBySite, placeSites, worstOf, type AreaRef, type SiteFinding, type Worst } from '../risk/sites.ts';
import type { Deps } from './deps.ts';
import { bboxParam } from '../http/params.ts';

const CLOSURE_RULE = 'tailings-closure';

const adminCode = z.string().regex(/^\d{2,12}$/, 'a GB/T 2260 division code (digits)');
const areasQuery = z.object({ level: z.enum(['county', 'town']).default('county'), parent: adminCode.optional() });
const areaParam = z.object({ code: adminCode });
const areaQuery = z.object({ months: z.coerce.number().int().min(1).max(120).default(12) });
const sitesQuery = z.object({ bbox: bboxParam.optional(), shape: z.enum(['true', 'false']).optional() });

function byScore(a: AreaRisk, b: AreaRisk): number {
  return b.score - a.score || a.code.localeCompare(b.code);
}

function ranked(areas: AreaRisk[]): (AreaRisk & { rank: number })[] {
  return [...areas].sort(byScore).map((area, i) => ({ ...area, rank: i + 1 }));
}

export interface RiskSite {
  layer: SiteLayer;
  id: string;
  name: string;
  status: string | null;
  point: Point;
  county: AreaRef | null;
  town: AreaRef | null;
  worst: Worst;
  findings: SiteFinding[];
  /** Keys of the area's reasons this site is behind. */
  reasons: string[];
}

export interface HeadTopPond {
  id: string;
  name: string;
  status: string | null;
  county: AreaRef | null;
  town: AreaRef | null;
  /** How the downstream corridor was drawn (azimuth-sector or dem-d8). */
  method: string | null;
  population: number;
  /** Distance from the dam to the nearest settlement hit (m). */
  nearestM: number | null;
  settlements: { id: string; name: string; kind: string | null; population: number | null; distanceM: number | null }[];
  corridor: Geometry | null;
  /** The check's evidence: the corridor and the settlements it hits. */
  evidence: FeatureCollection;
  message: string;
  messageEn: string;
}

export function riskRoutes({ db, profiles }: Deps, scoring: Scoring = loadScoring()) {
  return new Hono()
    // Every risk answer reads the stored findings: bring them up to date with every write first (a full rebuild that
    // falls due runs in the background, and the answers say so in `audit.rebuilding`).
    .use(async (_c, next) => {
      await refreshFindings(db, profiles, { background: true });
      await next();
    })
    .get('/areas', validate('query', areasQuery), async (c) => {
      const { level, parent } = c.req.valid('query');
      const today = todayInChina();
      const filter: AreaFilter = { level, parent };
      const areas = await gradeAreas(db.orm, scoring, filter, today);
      return c.json({
        level,
        parent: parent ?? null,
        today,
        audit: await findingsState(db),
        scoringVersion: scoring.version,
        legend: legendOf(scoring, level),
        areas: ranked(areas),
      });
    })
    .get('/areas/:code', validate('param', areaParam), validate('query', areaQuery), async (c) => {
      const { code } = c.req.valid('param');
      const { months } = c.req.valid('query');
      const today = todayInChina();
      const [found] = await rows<{ level: string | null }>(db.orm, sql`SELECT level FROM admin_areas WHERE code = ${code} ORDER BY id LIMIT 1`);
      if (!found) throw new ApiError(404, `no admin area "${code}"`);
      if (found.level !== 'county' && found.level !== 'town') {
        throw new ApiError(400, `admin area "${code}" is a ${found.level}: risk is graded for counties and towns`, [{ field: 'code', problem: 'expected a county or town code' }]);
      }
      const level: AreaLevel = found.level;
      const self: AreaFilter = { level, codes: [code] };
      const children: AreaFilter = { level: 'town', parent: code };
      const [area] = await gradeAreas(db.orm, scoring, self, today);
      const towns = level === 'county' ? ranked(await gradeAreas(db.orm, scoring, children, today)) : [];

      // The sites behind the reasons, each with its findings.
      const reasonsBySite = new Map<string, string[]>();
      for (const reason of area.reasons) {
        for (const ref of reason.refs) {
          if (ref.layer !== 'mining_rights' && ref.layer !== 'tailings_ponds') continue;
          const key = `${ref.layer}/${ref.id}`;
          reasonsBySite.set(key, [...(reasonsBySite.get(key) ?? []), reason.key]);
        }
      }
      const refs = [...reasonsBySite.keys()].map((key) => {
        const [layer, ...id] = key.split('/');
        return { layer: layer as SiteLayer, id: id.join('/') };
      });
      const bySite = findingsBySite(await storedFindings(db.orm, { refs }));
      const placed = await placeSites(db.orm, scoring, { refs });
      const sites: RiskSite[] = placed.map((s) => {
        const key = `${s.layer}/${s.id}`;
        const list = bySite.get(key) ?? [];
        return { layer: s.layer, id: s.id, name: s.name, status: s.status, point: s.point, county: s.county, town: s.town, worst: worstOf(list), findings: list, reasons: reasonsBySite.get(key) ?? [] };
      });
      sites.sort((a, b) => (a.worst === b.worst ? a.id.localeCompare(b.id) : a.worst === 'fail' || (a.worst === 'warn' && b.worst === 'pass') ? -1 : 1));

      const byRule = registry.map((rule) => ({
        rule: rule.id,
        title: ruleTitles[rule.id],
        fail: area.counts.byRule[rule.id]?.fail ?? 0,
        warn: area.counts.byRule[rule.id]?.warn ?? 0,
      }));
      const trend = await ledgerTrend(db.orm, await areaCondition(db.orm, code), today, months);
      return c.json({ today, audit: await findingsState(db), legend: legendOf(scoring, level), area, towns, sites, byRule, ledgerTrend: trend });
    })
    .get('/sites', validate('query', sitesQuery), async (c) => {
      const { bbox, shape } = c.req.valid('query');
      const box = bbox as [number, number, number, number] | undefined;
      const bySite = findingsBySite(await storedFindings(db.orm, { bbox: box }));
      const placed = await placeSites(db.orm, scoring, { bbox: box }, shape === 'true');
      const features: Feature<Geometry, RiskSite & { active: boolean; fails: number; warns: number }>[] = placed.map((s) => {
        const list = bySite.get(`${s.layer}/${s.id}`) ?? [];
        return {
          type: 'Feature',
          id: `${s.layer}/${s.id}`,
          geometry: s.geometry ?? s.point,
          properties: {
            layer: s.layer,
            id: s.id,
            name: s.name,
            status: s.status,
            active: s.active,
            point: s.point,
            county: s.county,
            town: s.town,
            worst: worstOf(list),
            fails: list.filter((f) => f.status === 'fail').length,
            warns: list.filter((f) => f.status === 'warn').length,
            findings: list,
            reasons: [],
          },
        };
      });
      return c.json({ type: 'FeatureCollection' as const, features });
    })
    .get('/head-top', async (c) => {
      const findings = await storedFindings(db.orm, { rules: [HEAD_TOP_RULE] });
      const pondFindings = findings.filter((f) => f.layer === 'tailings_ponds' && (f.status === 'fail' || f.status === 'warn'));
      const placed = new Map(
        (await placeSites(db.orm, scoring, { refs: pondFindings.map((f) => ({ layer: 'tailings_ponds' as const, id: f.id })) })).map((s) => [s.id, s]),
      );
      const active = pondFindings.filter((f) => placed.get(f.id)?.active);

      // The corridors come from auditing the 头顶库 again with evidence, all in one query (stored findings carry no
      // geometry).
      const failing = active.filter((f) => f.status === 'fail');
      const verdicts = new Map(
        (await audit(db.orm, profiles, { rules: [HEAD_TOP_RULE], ids: failing.map((f) => f.id), withEvidence: true }))
          .filter((v) => v.layer === 'tailings_ponds')
          .map((v) => [v.id, v]),
      );
      const ponds: HeadTopPond[] = await Promise.all(
        failing.map(async (f): Promise<HeadTopPond> => {
          const site = placed.get(f.id)!;
          const verdict = verdicts.get(f.id);
          const details = (verdict?.details ?? {}) as { method?: string; population?: number; settlements?: HeadTopPond['settlements'] };
          const settlements = details.settlements ?? (await relatedSettlements(f.related.filter((r) => r.layer === 'settlements').map((r) => r.id)));
          const evidence = verdict?.evidence ?? { type: 'FeatureCollection' as const, features: [] };
          return {
            id: f.id,
            name: site.name,
            status: site.status,
            county: site.county,
            town: site.town,
            method: details.method ?? null,
            population: details.population ?? settlements.reduce((sum, s) => sum + (s.population ?? 0), 0),
            nearestM: f.measured,
            settlements,
            corridor: evidence.features.find((e) => e.properties?.kind === 'corridor')?.geometry ?? null,
            evidence,
            message: verdict?.message ?? f.message,
            messageEn: verdict?.messageEn ?? f.messageEn,
          };
        }),
      );
      ponds.sort((a, b) => b.population - a.population || a.id.localeCompare(b.id));

      // Totals per county and town; a settlement below two ponds is counted once.
      const totals = new Map<string, { code: string; name: string; level: AreaLevel; ponds: number; settlements: Map<string, number> }>();
      for (const pond of ponds) {
        for (const [level, area] of [['county', pond.county], ['town', pond.town]] as const) {
          if (!area) continue;
          const total = totals.get(area.code) ?? { code: area.code, name: area.name, level, ponds: 0, settlements: new Map<string, number>() };
          total.ponds += 1;
          for (const s of pond.settlements) total.settlements.set(s.id, s.population ?? 0);
          totals.set(area.code, total);
        }
      }
      const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
      const everywhere = new Map(ponds.flatMap((p) => p.settlements.map((s) => [s.id, s.population ?? 0] as const)));
      return c.json({
        ponds,
        undetermined: active
          .filter((f) => f.status === 'warn')
          .map((f) => ({ id: f.id, name: placed.get(f.id)!.name, county: placed.get(f.id)!.county, town: placed.get(f.id)!.town, message: f.message, messageEn: f.messageEn })),
        byArea: [...totals.values()]
          .map(({ settlements, ...t }) => ({ ...t, settlements: settlements.size, population: sum(settlements) }))
          .sort((a, b) => a.code.localeCompare(b.code)),
        total: { ponds: ponds.length, settlements: everywhere.size, population: sum(everywhere) },
      });
    })
    .get('/closure-candidates', async (c) => {
      const findings = await storedFindings(db.orm, { rules: [CLOSURE_RULE] });
      const listed = findings.filter((f) => f.layer === 'tailings_ponds' && (f.status === 'fail' || f.status === 'warn'));
      const ids = listed.map((f) => f.id);
      const placed = new Map((await placeSites(db.orm, scoring, { refs: ids.map((id) => ({ layer: 'tailings_ponds' as const, id })) })).map((s) => [s.id, s]));
      const attrs = new Map(
        (
          await rows<{ id: string; grade: number | null; idle_since: number | null; final_elevation_reached: boolean | null; operator: string | null; ledger_item_id: number | null }>(
            db.orm,
            sql`SELECT t.id, t.grade, t.idle_since, t.final_elevation_reached, t.operator,
                       (SELECT l.id FROM ledger_items l
                        WHERE l.site_layer = 'tailings_ponds' AND l.site_id = t.id AND l.source_rule = ${CLOSURE_RULE}
                          AND l.status NOT IN (SELECT jsonb_array_elements_text(${JSON.stringify(doneStatuses)}::jsonb))
                        ORDER BY l.id LIMIT 1) AS ledger_item_id
                FROM tailings_ponds t WHERE t.id IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`,
          )
        ).map((r) => [r.id, r]),
      );
      const candidates = listed.map((f) => {
        const site = placed.get(f.id);
        const a = attrs.get(f.id);
        return {
          id: f.id,
          name: site?.name ?? f.id,
          finding: f.status as 'fail' | 'warn',
          status: site?.status ?? null,
          grade: a?.grade ?? null,
          idleSince: a?.idle_since ?? null,
          finalElevationReached: a?.final_elevation_reached ?? null,
          operator: a?.operator ?? null,
          measured: f.measured,
          threshold: f.threshold,
          unit: f.unit,
          message: f.message,
          messageEn: f.messageEn,
          county: site?.county ?? null,
          town: site?.town ?? null,
          point: site?.point ?? null,
          /** The open ledger item already recording this closure, if any. */
          ledgerItemId: a?.ledger_item_id ?? null,
        };
      });
      candidates.sort((a, b) => (a.finding === b.finding ? a.id.localeCompare(b.id) : a.finding === 'fail' ? -1 : 1));
      return c.json({ rule: CLOSURE_RULE, candidates });
    });

  async function relatedSettlements(ids: string[]): Promise<HeadTopPond['settlements']> {
    if (ids.length === 0) return [];
    return rows(
      db.orm,
      sql`SELECT id, name, kind, population, NULL::float8 AS "distanceM" FROM settlements
          WHERE id IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)) ORDER BY id`,
    );
  }
}
