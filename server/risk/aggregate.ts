/**
 * The database side of the risk grading: one set-based query turns the stored audit findings, the site placements
 * (server/findings/: both kept fresh by refreshFindings, which callers run first), the hazard zones and the ledger
 * into the inputs of each admin area (score.ts then grades them, purely).
 *
 * A site (mining right, tailings pond) counts in the county and town containing its ST_PointOnSurface, as placed in
 * audit_sites; grading a province is then a GROUP BY, not a million point-in-polygon tests per request.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../db/client.ts';
import type { Label } from '../layers/catalog.ts';
import { registry } from '../rules/registry.ts';
import { doneStatuses, type LedgerLevel } from './lifecycle.ts';
import { AREA_REFS, byLayerAndId, HEAD_TOP_RULE, scoreArea, SLOPE_RULE, type AreaInputs, type AreaLevel, type AreaRisk, type SiteLayer, type SiteRef } from './score.ts';
import type { Scoring } from './scoring.ts';

export interface AreaFilter {
  level: AreaLevel;
  /** Only areas whose parentCode is this. */
  parent?: string;
  /** Only these codes. */
  codes?: string[];
}

export const ruleTitles: Record<string, Label> = Object.fromEntries(registry.map((r) => [r.id, r.title]));

function areaWhere(filter: AreaFilter): SQL {
  const parts = [sql`level = ${filter.level}`, sql`code IS NOT NULL`];
  if (filter.parent !== undefined) parts.push(sql`parent_code = ${filter.parent}`);
  if (filter.codes) parts.push(sql`code IN (SELECT jsonb_array_elements_text(${JSON.stringify(filter.codes)}::jsonb))`);
  return sql.join(parts, sql` AND `);
}

const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

/** The area code of site row `s` at this level. */
function codeAt(level: AreaLevel, s: SQL): SQL {
  return sql`${s}.${sql.identifier(`${level}_code`)}`;
}

/** True for a site (layer and status columns given) of a status the grading counts. */
function active(inactive: Scoring['inactiveStatuses'], layer: SQL, status: SQL): SQL {
  return sql`NOT (${status} IS NOT NULL AND (
      (${layer} = 'mining_rights' AND ${status} IN (SELECT jsonb_array_elements_text(${json(inactive.mining_rights)})))
   OR (${layer} = 'tailings_ponds' AND ${status} IN (SELECT jsonb_array_elements_text(${json(inactive.tailings_ponds)})))))`;
}

/**
 * Fail findings of one rule on active sites of the areas `a`, with the site's area code. Each finding's site is looked
 * up by its key (a lateral subquery, kept one by LIMIT): the planner, underestimating a rule's findings, would
 * otherwise hash-join them to the whole of audit_sites (a 1M province: 0.3 s per rule and request).
 */
function findingsOf(rule: string, level: AreaLevel, scoring: Scoring, extra: SQL = sql`true`): SQL {
  return sql`SELECT ${codeAt(level, sql`s`)} AS code, f.layer, f.subject_id AS id, f.status, f.measured, f.details, f.related
    FROM audit_findings f
    CROSS JOIN LATERAL (
      SELECT s.layer, s.status, ${codeAt(level, sql`s`)} FROM audit_sites s WHERE s.layer = f.layer AND s.id = f.subject_id LIMIT 1) s
    WHERE f.rule = ${rule} AND ${codeAt(level, sql`s`)} IN (SELECT code FROM a)
      AND ${active(scoring.inactiveStatuses, sql`s.layer`, sql`s.status`)} AND ${extra}`;
}

/**
 * Open ledger items (not verified or closed) per area: counties by the item's admin_code (set when it was
 * recorded), towns by where its site lies now.
 */
function ledgerIn(level: AreaLevel, today: string): SQL {
  const select = sql`l.id, l.level, l.site_layer, l.site_id, (l.deadline < ${today}::date) AS overdue`;
  const open = sql`l.status NOT IN (SELECT jsonb_array_elements_text(${json(doneStatuses)}))`;
  if (level === 'county') return sql`SELECT a.code, ${select} FROM ledger_items l JOIN a ON a.code = l.admin_code WHERE ${open}`;
  return sql`SELECT s.town_code AS code, ${select}
    FROM ledger_items l
    JOIN audit_sites s ON s.layer = l.site_layer AND s.id = l.site_id
    WHERE s.town_code IN (SELECT code FROM a) AND ${open}`;
}

interface InputRow {
  code: string;
  name: string;
  level: AreaLevel;
  parent_code: string | null;
  rights: number;
  ponds: number;
  pond_list: { id: string; grade: number | null }[];
  findings: { rule: string; status: 'fail' | 'warn'; count: number; refs: SiteRef[][] }[];
  slopes: SiteRef[];
  head_top: { id: string; population: number }[];
  zones: string[];
  ledger: { id: number; level: LedgerLevel; siteLayer: SiteLayer; siteId: string; overdue: boolean }[];
}

/**
 * The inputs of every area matching the filter, in one query over the per-area summaries the findings refresh keeps
 * (audit_area_sites, audit_area_findings) and the few findings the grading reads one by one (头顶库, high slopes).
 * The 头顶库 population is the finding's `details.population`, or else the sum over the settlements it names.
 */
export async function areaInputs(db: Executor, scoring: Scoring, filter: AreaFilter, today: string): Promise<AreaInputs[]> {
  const level = filter.level;
  const inArea = sql`level = ${level} AND code IN (SELECT code FROM a)`;
  const found = await rows<InputRow>(
    db,
    sql`WITH a AS (SELECT code, name, level, parent_code, geom FROM admin_areas WHERE ${areaWhere(filter)}),
    site_agg AS (
      SELECT code, (sum(n) FILTER (WHERE layer = 'mining_rights'))::int AS rights, (sum(n) FILTER (WHERE layer = 'tailings_ponds'))::int AS ponds
      FROM audit_area_sites WHERE ${inArea} AND ${active(scoring.inactiveStatuses, sql`layer`, sql`site_status`)}
      GROUP BY code),
    pond_agg AS (
      SELECT ${codeAt(level, sql`s`)} AS code, jsonb_agg(jsonb_build_object('id', s.id, 'grade', s.grade) ORDER BY s.id) AS pond_list
      FROM audit_sites s
      WHERE s.layer = 'tailings_ponds' AND ${codeAt(level, sql`s`)} IN (SELECT code FROM a)
        AND ${active(scoring.inactiveStatuses, sql`s.layer`, sql`s.status`)}
      GROUP BY 1),
    f_rows AS (
      SELECT code, rule, status, sum(n)::int AS count, jsonb_agg(refs) AS refs
      FROM audit_area_findings WHERE ${inArea} AND ${active(scoring.inactiveStatuses, sql`layer`, sql`site_status`)}
      GROUP BY code, rule, status),
    f_agg AS (
      SELECT code, jsonb_agg(jsonb_build_object('rule', rule, 'status', status, 'count', count, 'refs', refs) ORDER BY rule, status) AS findings
      FROM f_rows GROUP BY code),
    slope_agg AS (
      SELECT code, jsonb_agg(jsonb_build_object('layer', layer, 'id', id) ORDER BY layer, id) AS slopes
      FROM (${findingsOf(SLOPE_RULE, level, scoring, sql`f.measured >= ${scoring.items.unmonitoredSlopes.minHeightM}::float8`)}) x
      GROUP BY code),
    head AS (
      SELECT h.code, h.id,
             coalesce(CASE WHEN jsonb_typeof(h.details->'population') = 'number' THEN (h.details->>'population')::float8 END,
                      (SELECT sum(st.population)::float8 FROM settlements st
                       WHERE st.id IN (SELECT r->>'id' FROM jsonb_array_elements(h.related) r WHERE r->>'layer' = 'settlements')),
                      0) AS population
      FROM (${findingsOf(HEAD_TOP_RULE, level, scoring, sql`f.status = 'fail'`)}) h),
    hz AS (
      SELECT a.code, h.id FROM a JOIN hazard_zones h ON h.geom && a.geom AND ST_Intersects(h.geom, a.geom)
      WHERE h.survey_status = 'unsurveyed'),
    led AS (${ledgerIn(level, today)}),
    head_agg AS (SELECT code, jsonb_agg(jsonb_build_object('id', id, 'population', population) ORDER BY id) AS head_top FROM head GROUP BY code),
    hz_agg AS (SELECT code, jsonb_agg(id ORDER BY id) AS zones FROM hz GROUP BY code),
    led_agg AS (
      SELECT code, jsonb_agg(jsonb_build_object('id', id, 'level', level, 'siteLayer', site_layer, 'siteId', site_id, 'overdue', overdue)
                             ORDER BY id) AS ledger
      FROM led GROUP BY code)
    SELECT a.code, a.name, a.level, a.parent_code,
           coalesce(sa.rights, 0) AS rights, coalesce(sa.ponds, 0) AS ponds,
           coalesce(pa.pond_list, '[]'::jsonb) AS pond_list,
           coalesce(fa.findings, '[]'::jsonb) AS findings,
           coalesce(sl.slopes, '[]'::jsonb) AS slopes,
           coalesce(ha.head_top, '[]'::jsonb) AS head_top,
           coalesce(za.zones, '[]'::jsonb) AS zones,
           coalesce(la.ledger, '[]'::jsonb) AS ledger
    FROM a
    LEFT JOIN site_agg sa ON sa.code = a.code
    LEFT JOIN pond_agg pa ON pa.code = a.code
    LEFT JOIN f_agg fa ON fa.code = a.code
    LEFT JOIN slope_agg sl ON sl.code = a.code
    LEFT JOIN head_agg ha ON ha.code = a.code
    LEFT JOIN hz_agg za ON za.code = a.code
    LEFT JOIN led_agg la ON la.code = a.code
    ORDER BY a.code`,
  );
  return found.map((r) => ({
    code: r.code,
    name: r.name,
    level: r.level,
    parentCode: r.parent_code,
    sites: { mining_rights: r.rights, tailings_ponds: r.ponds },
    headTop: r.head_top.map((h) => ({ id: h.id, population: Number(h.population) })),
    tailingsPonds: r.pond_list,
    // The summaries of the site statuses that count, merged: the first AREA_REFS sites by layer and id.
    findings: r.findings.map((f) => ({ rule: f.rule, status: f.status, count: f.count, refs: firstRefs(f.refs.flat()) })),
    unmonitoredSlopes: { count: r.slopes.length, refs: firstRefs(r.slopes) },
    unsurveyedHazardZones: r.zones,
    ledger: r.ledger,
  }));
}

function firstRefs(refs: SiteRef[]): SiteRef[] {
  return [...refs].sort(byLayerAndId).slice(0, AREA_REFS);
}

/** Grades the areas matching the filter from the stored findings (refresh them first: refreshFindings). */
export async function gradeAreas(db: Executor, scoring: Scoring, filter: AreaFilter, today: string): Promise<AreaRisk[]> {
  const inputs = await areaInputs(db, scoring, filter, today);
  return inputs.map((input) => scoreArea(input, scoring, ruleTitles));
}
