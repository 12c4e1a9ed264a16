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
import { HEAD_TOP_RULE, scoreArea, type AreaInputs, type AreaLevel, type AreaRisk, type SiteLayer } from './score.ts';
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

/** Active sites (not of an inactive status) with the code of their area at this level. */
function sitesAt(level: AreaLevel, inactive: Scoring['inactiveStatuses']): SQL {
  const code = level === 'county' ? sql`s.county_code` : sql`s.town_code`;
  return sql`SELECT s.layer, s.id, s.grade, ${code} AS code
    FROM audit_sites s
    WHERE ${code} IN (SELECT code FROM a)
      AND NOT (s.status IS NOT NULL AND (
            (s.layer = 'mining_rights' AND s.status IN (SELECT jsonb_array_elements_text(${json(inactive.mining_rights)})))
         OR (s.layer = 'tailings_ponds' AND s.status IN (SELECT jsonb_array_elements_text(${json(inactive.tailings_ponds)})))))`;
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
  findings: AreaInputs['findings'];
  head_top: { id: string; population: number }[];
  zones: string[];
  ledger: { id: number; level: LedgerLevel; siteLayer: SiteLayer; siteId: string; overdue: boolean }[];
}

/**
 * The inputs of every area matching the filter, in one query. `findings` are the stored fail/warn findings of its
 * active sites; the 头顶库 population is the finding's `details.population`, or else the sum over the settlements
 * the finding names in `related`.
 */
export async function areaInputs(db: Executor, scoring: Scoring, filter: AreaFilter, today: string): Promise<AreaInputs[]> {
  const found = await rows<InputRow>(
    db,
    sql`WITH a AS (SELECT code, name, level, parent_code, geom FROM admin_areas WHERE ${areaWhere(filter)}),
    site AS (${sitesAt(filter.level, scoring.inactiveStatuses)}),
    f AS (
      SELECT f.rule, f.layer, f.subject_id AS id, f.status, f.measured, f.related, s.code,
             CASE WHEN jsonb_typeof(f.details->'population') = 'number' THEN (f.details->>'population')::float8 END AS population
      FROM audit_findings f JOIN site s ON s.layer = f.layer AND s.id = f.subject_id),
    head AS (
      SELECT f.code, f.id,
             coalesce(f.population,
                      (SELECT sum(st.population)::float8 FROM settlements st
                       WHERE st.id IN (SELECT r->>'id' FROM jsonb_array_elements(f.related) r WHERE r->>'layer' = 'settlements')),
                      0) AS population
      FROM f WHERE f.rule = ${HEAD_TOP_RULE} AND f.status = 'fail'),
    hz AS (
      SELECT a.code, h.id FROM a JOIN hazard_zones h ON h.geom && a.geom AND ST_Intersects(h.geom, a.geom)
      WHERE h.survey_status = 'unsurveyed'),
    led AS (${ledgerIn(filter.level, today)}),
    site_agg AS (
      SELECT code,
             count(*) FILTER (WHERE layer = 'mining_rights')::int AS rights,
             count(*) FILTER (WHERE layer = 'tailings_ponds')::int AS ponds,
             jsonb_agg(jsonb_build_object('id', id, 'grade', grade) ORDER BY id) FILTER (WHERE layer = 'tailings_ponds') AS pond_list
      FROM site GROUP BY code),
    f_agg AS (
      SELECT code, jsonb_agg(jsonb_build_object('rule', rule, 'layer', layer, 'id', id, 'status', status, 'measured', measured)
                             ORDER BY rule, layer, id) AS findings
      FROM f GROUP BY code),
    head_agg AS (SELECT code, jsonb_agg(jsonb_build_object('id', id, 'population', population) ORDER BY id) AS head_top FROM head GROUP BY code),
    hz_agg AS (SELECT code, jsonb_agg(id ORDER BY id) AS zones FROM hz GROUP BY code),
    led_agg AS (
      SELECT code, jsonb_agg(jsonb_build_object('id', id, 'level', level, 'siteLayer', site_layer, 'siteId', site_id, 'overdue', overdue)
                             ORDER BY id) AS ledger
      FROM led GROUP BY code)
    SELECT a.code, a.name, a.level, a.parent_code,
           coalesce(sa.rights, 0) AS rights, coalesce(sa.ponds, 0) AS ponds,
           coalesce(sa.pond_list, '[]'::jsonb) AS pond_list,
           coalesce(fa.findings, '[]'::jsonb) AS findings,
           coalesce(ha.head_top, '[]'::jsonb) AS head_top,
           coalesce(za.zones, '[]'::jsonb) AS zones,
           coalesce(la.ledger, '[]'::jsonb) AS ledger
    FROM a
    LEFT JOIN site_agg sa ON sa.code = a.code
    LEFT JOIN f_agg fa ON fa.code = a.code
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
    findings: r.findings,
    unsurveyedHazardZones: r.zones,
    ledger: r.ledger,
  }));
}

/** Grades the areas matching the filter from the stored findings (refresh them first: refreshFindings). */
export async function gradeAreas(db: Executor, scoring: Scoring, filter: AreaFilter, today: string): Promise<AreaRisk[]> {
  const inputs = await areaInputs(db, scoring, filter, today);
  return inputs.map((input) => scoreArea(input, scoring, ruleTitles));
}
