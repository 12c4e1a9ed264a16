/**
 * Sites (mining rights and tailings ponds) as the risk views show them: where each lies (point on surface, county,
 * town), its status, and the worst of its audit findings.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Geometry, Point } from 'geojson';
import { rows, type Executor } from '../db/client.ts';
import { refsCondition, siteInBox } from '../findings/read.ts';
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

function selectionWhere(selection: SiteSelection): SQL {
  if ('refs' in selection) return refsCondition(selection.refs, sql`s.layer`, sql`s.id`);
  return selection.bbox ? siteInBox(sql`s`, selection.bbox) : sql`true`;
}

/**
 * The selected sites with their point on surface and the county and town that contain it, as placed by the last
 * refresh of the stored findings (server/findings/: run refreshFindings first).
 */
export async function placeSites(db: Executor, scoring: Scoring, selection: SiteSelection, withGeometry = false): Promise<PlacedSite[]> {
  if ('refs' in selection && selection.refs.length === 0) return [];
  const shape = (layer: SiteLayer) => sql`(SELECT ST_AsGeoJSON(t.geom, 7)::json FROM ${sql.identifier(layer)} t WHERE t.id = s.id)`;
  const found = await rows<PlacedRow>(
    db,
    sql`SELECT s.layer, s.id, s.name, s.status, ST_AsGeoJSON(s.point, 7)::json AS point,
               CASE WHEN NOT ${withGeometry} THEN NULL
                    WHEN s.layer = 'mining_rights' THEN ${shape('mining_rights')} ELSE ${shape('tailings_ponds')} END AS geometry,
               s.county_code, s.county_name, s.town_code, s.town_name
        FROM audit_sites s
        WHERE ${selectionWhere(selection)}
        ORDER BY s.layer, s.id`,
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
