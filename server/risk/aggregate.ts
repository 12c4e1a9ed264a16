/**
 * The database side of the risk grading: one set-based query turns the audit findings, the stored layers and the
 * ledger into the inputs of each admin area (score.ts then grades them, purely).
 *
 * A site (mining right, tailings pond) counts in the area containing its ST_PointOnSurface; the join is
 * `area.geom && site.geom AND ST_Intersects(area.geom, ST_PointOnSurface(site.geom))`, which lets either GiST index
 * drive it without transforming a stored column.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../db/client.ts';
import type { Label } from '../layers/catalog.ts';
import type { BBox } from '../layers/store.ts';
import { audit, type AuditFinding, type AuditRequest } from '../rules/engine.ts';
import type { ProfileSet } from '../rules/profiles.ts';
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

/** One audit per request, whatever number of times a handler asks for it. */
export function auditOnce(db: Executor, profiles: ProfileSet) {
  const cache = new Map<string, Promise<AuditFinding[]>>();
  return (request: AuditRequest = {}): Promise<AuditFinding[]> => {
    const key = JSON.stringify(request);
    let found = cache.get(key);
    if (!found) {
      found = audit(db, profiles, request);
      cache.set(key, found);
    }
    return found;
  };
}

function areaWhere(filter: AreaFilter): SQL {
  const parts = [sql`level = ${filter.level}`, sql`code IS NOT NULL`];
  if (filter.parent !== undefined) parts.push(sql`parent_code = ${filter.parent}`);
  if (filter.codes) parts.push(sql`code IN (SELECT jsonb_array_elements_text(${JSON.stringify(filter.codes)}::jsonb))`);
  return sql.join(parts, sql` AND `);
}

/** The bounding box of the areas matching any filter (to restrict the audit to their sites); null when none match. */
export async function areasExtent(db: Executor, ...filters: AreaFilter[]): Promise<BBox | null> {
  const where = sql.join(filters.map((f) => sql`(${areaWhere(f)})`), sql` OR `);
  const [box] = await rows<{ w: number | null; s: number | null; e: number | null; n: number | null }>(
    db,
    sql`SELECT ST_XMin(x.box) AS w, ST_YMin(x.box) AS s, ST_XMax(x.box) AS e, ST_YMax(x.box) AS n
        FROM (SELECT ST_Extent(geom) AS box FROM admin_areas WHERE ${where}) x`,
  );
  return box && box.w !== null ? [box.w, box.s!, box.e!, box.n!] : null;
}

const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

/** Active sites (not of an inactive status) located in the areas `a`, one area each. */
function sitesIn(layer: SiteLayer, inactive: string[]): SQL {
  const grade = layer === 'tailings_ponds' ? sql`t.grade` : sql`NULL::int`;
  return sql`SELECT DISTINCT ON (t.id) ${layer}::text AS layer, t.id, ${grade} AS grade, a.code
    FROM a JOIN ${sql.identifier(layer)} t ON t.geom && a.geom AND ST_Intersects(a.geom, ST_PointOnSurface(t.geom))
    WHERE t.status IS NULL OR t.status NOT IN (SELECT jsonb_array_elements_text(${json(inactive)}))
    ORDER BY t.id, a.code`;
}

/**
 * Open ledger items (not verified or closed) per area: counties by the item's admin_code (set when it was
 * recorded), towns by where its site lies now.
 */
function ledgerIn(level: AreaLevel, today: string): SQL {
  const select = sql`l.id, l.level, l.site_layer, l.site_id, (l.deadline < ${today}::date) AS overdue`;
  const open = sql`l.status NOT IN (SELECT jsonb_array_elements_text(${json(doneStatuses)}))`;
  if (level === 'county') return sql`SELECT a.code, ${select} FROM ledger_items l JOIN a ON a.code = l.admin_code WHERE ${open}`;
  return sql`SELECT DISTINCT ON (l.id) a.code, ${select}
    FROM ledger_items l
    LEFT JOIN mining_rights m ON l.site_layer = 'mining_rights' AND m.id = l.site_id
    LEFT JOIN tailings_ponds p ON l.site_layer = 'tailings_ponds' AND p.id = l.site_id
    JOIN a ON a.geom && coalesce(m.geom, p.geom) AND ST_Intersects(a.geom, ST_PointOnSurface(coalesce(m.geom, p.geom)))
    WHERE ${open}
    ORDER BY l.id, a.code`;
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
 * The inputs of every area matching the filter, in one query. `findings` are audit findings (fail/warn are used);
 * the 头顶库 population is the finding's `details.population` when the engine passes it on, otherwise the sum over
 * the settlements the finding names in `related`.
 */
export async function areaInputs(db: Executor, findings: AuditFinding[], scoring: Scoring, filter: AreaFilter, today: string): Promise<AreaInputs[]> {
  const posted = findings
    .filter((f) => f.status === 'fail' || f.status === 'warn')
    .map((f) => {
      const details = (f as { details?: { population?: unknown } }).details;
      return {
        rule: f.rule,
        layer: f.layer,
        id: f.id,
        status: f.status,
        measured: f.measured,
        population: typeof details?.population === 'number' ? details.population : null,
        related: f.related,
      };
    });
  const found = await rows<InputRow>(
    db,
    sql`WITH a AS (SELECT code, name, level, parent_code, geom FROM admin_areas WHERE ${areaWhere(filter)}),
    site AS ((${sitesIn('mining_rights', scoring.inactiveStatuses.mining_rights)})
             UNION ALL (${sitesIn('tailings_ponds', scoring.inactiveStatuses.tailings_ponds)})),
    f AS (
      SELECT f.rule, f.layer, f.id, f.status, f.measured, f.population, f.related, s.code
      FROM jsonb_to_recordset(${json(posted)})
           AS f(rule text, layer text, id text, status text, measured float8, population float8, related jsonb)
      JOIN site s ON s.layer = f.layer AND s.id = f.id),
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

/** Grades the areas matching the filter from audit findings that cover their sites (see areasExtent). */
export async function gradeAreas(db: Executor, scoring: Scoring, filter: AreaFilter, today: string, findings: AuditFinding[]): Promise<AreaRisk[]> {
  const inputs = await areaInputs(db, findings, scoring, filter, today);
  return inputs.map((input) => scoreArea(input, scoring, ruleTitles));
}
