/**
 * Sites (mining rights and tailings ponds) as the risk views show them: where each lies (point on surface, county,
 * town), its status, and the worst of its audit findings.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Geometry, Point } from 'geojson';
import { rows, type Executor } from '../db/client.ts';
import type { BBox } from '../layers/store.ts';
import type { AuditFinding } from '../rules/engine.ts';
import { ruleTitles } from './aggregate.ts';
import type { SiteLayer } from './score.ts';
import type { Scoring } from './scoring.ts';

export interface AreaRef {
  code: string;
  name: string;
}

export interface PlacedSite {
  layer: SiteLayer;
  id: string;
  name: string;
  status: string | null;
  /** False for statuses the grading leaves out (closed rights, delisted ponds…: scoring.inactiveStatuses). */
  active: boolean;
  /** ST_PointOnSurface of the site. */
  point: Point;
  /** The full geometry, when asked for. */
  geometry: Geometry | null;
  county: AreaRef | null;
  town: AreaRef | null;
}

export type SiteSelection = { refs: { layer: SiteLayer; id: string }[] } | { bbox?: BBox };

interface PlacedRow {
  layer: SiteLayer;
  id: string;
  name: string;
  status: string | null;
  point: Point;
  geometry: Geometry | null;
  county_code: string | null;
  county_name: string | null;
  town_code: string | null;
  town_name: string | null;
}

function selectionWhere(layer: SiteLayer, selection: SiteSelection): SQL {
  if ('refs' in selection) {
    const ids = selection.refs.filter((r) => r.layer === layer).map((r) => r.id);
    return sql`t.id IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;
  }
  const b = selection.bbox;
  return b ? sql`t.geom && ST_MakeEnvelope(${b[0]}, ${b[1]}, ${b[2]}, ${b[3]}, 4326)` : sql`true`;
}

/** The selected sites with their point on surface and the county and town that contain it. */
export async function placeSites(db: Executor, scoring: Scoring, selection: SiteSelection, withGeometry = false): Promise<PlacedSite[]> {
  if ('refs' in selection && selection.refs.length === 0) return [];
  const branch = (layer: SiteLayer) =>
    sql`SELECT ${layer}::text AS layer, t.id, t.name, t.status, ST_PointOnSurface(t.geom) AS pt,
               CASE WHEN ${withGeometry} THEN ST_AsGeoJSON(t.geom, 7)::json END AS geometry
        FROM ${sql.identifier(layer)} t WHERE ${selectionWhere(layer, selection)}`;
  const area = (level: 'county' | 'town') =>
    sql`SELECT a.code, a.name FROM admin_areas a
        WHERE a.level = ${level} AND a.geom && x.pt AND ST_Intersects(a.geom, x.pt) ORDER BY a.code LIMIT 1`;
  const found = await rows<PlacedRow>(
    db,
    sql`SELECT x.layer, x.id, x.name, x.status, ST_AsGeoJSON(x.pt, 7)::json AS point, x.geometry,
               c.code AS county_code, c.name AS county_name, tw.code AS town_code, tw.name AS town_name
        FROM (${branch('mining_rights')} UNION ALL ${branch('tailings_ponds')}) x
        LEFT JOIN LATERAL (${area('county')}) c ON true
        LEFT JOIN LATERAL (${area('town')}) tw ON true
        ORDER BY x.layer, x.id`,
  );
  return found.map((r) => ({
    layer: r.layer,
    id: r.id,
    name: r.name,
    status: r.status,
    active: !(r.status !== null && scoring.inactiveStatuses[r.layer].includes(r.status)),
    point: r.point,
    geometry: r.geometry,
    county: r.county_code ? { code: r.county_code, name: r.county_name! } : null,
    town: r.town_code ? { code: r.town_code, name: r.town_name! } : null,
  }));
}

export type Worst = 'fail' | 'warn' | 'pass';

export interface SiteFinding {
  rule: string;
  title: { zh: string; en: string };
  status: 'fail' | 'warn';
  measured: number | null;
  threshold: number | null;
  unit: string | null;
  message: string;
  messageEn: string;
}

/** Fail/warn findings per site (`layer/id` key), worst first. */
export function findingsBySite(findings: AuditFinding[]): Map<string, SiteFinding[]> {
  const bySite = new Map<string, SiteFinding[]>();
  for (const f of findings) {
    if (f.status !== 'fail' && f.status !== 'warn') continue;
    const key = `${f.layer}/${f.id}`;
    const list = bySite.get(key) ?? [];
    list.push({
      rule: f.rule,
      title: ruleTitles[f.rule] ?? { zh: f.rule, en: f.rule },
      status: f.status,
      measured: f.measured,
      threshold: f.threshold,
      unit: f.unit,
      message: f.message,
      messageEn: f.messageEn,
    });
    bySite.set(key, list);
  }
  for (const list of bySite.values()) list.sort((a, b) => (a.status === b.status ? a.rule.localeCompare(b.rule) : a.status === 'fail' ? -1 : 1));
  return bySite;
}

export function worstOf(findings: SiteFinding[] | undefined): Worst {
  if (!findings?.length) return 'pass';
  return findings.some((f) => f.status === 'fail') ? 'fail' : 'warn';
}
