/**
 * The PostGIS floor: what the database needs for the core of the work when asked in ONE hand-written query with
 * bound parameters, no HTTP, no validation, no evidence geometry, no other rules.
 *  - check: overlap area with stored rights + smallest gap to an underground/mixed right within the 50 m pillar +
 *    distance to a Yellow River main stem / tributary within 3 km, for one proposal;
 *  - audit: overlap + pillar over all rights in a single self-join (ST_DWithin on the indexed geography), counting
 *    the rights that fail each.
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../server/db/client.ts';
import { sample, timed } from '../measure.ts';
import { explainAnalyze, type PlanSummary } from '../plans.ts';
import type { Proposal } from '../proposals.ts';
import { latencyFigure, runsFigure, type Figure } from '../report.ts';

const checkFloor = (geometry: unknown) => sql`
  WITH q AS (SELECT g AS geom, g::geography AS geog
             FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}::text), 4326) AS g) p)
  SELECT
    (SELECT coalesce(sum(ST_Area(ST_Intersection(q.geom, m.geom)::geography)), 0)
       FROM mining_rights m
      WHERE m.geom && q.geom AND ST_Intersects(m.geom, q.geom) AND m.status IS DISTINCT FROM 'closed') AS overlap_m2,
    (SELECT min(ST_Distance(m.geog, q.geog))
       FROM mining_rights m
      WHERE ST_DWithin(m.geog, q.geog, 50) AND m.method IN ('underground', 'mixed')
        AND m.status IS DISTINCT FROM 'closed') AS pillar_gap_m,
    (SELECT min(ST_Distance(p.geog, q.geog))
       FROM rivers_pieces p JOIN rivers r ON r.id = p.feature_id
      WHERE ST_DWithin(p.geog, q.geog, 3000) AND r.river_class IN ('yellow_main', 'yellow_tributary')) AS river_m
  FROM q`;

// Per subject, like the engine (a right against every other non-closed right). Writing the pair once (a.id < b.id)
// looks cheaper but is a trap: the planner turns `b.id > a.id` into a bitmap scan of the primary key ANDed with the
// GiST scan, i.e. half the table per row (O(N²): minutes at 100k).
const auditFloor = sql`
  SELECT count(*) FILTER (WHERE f.overlap)::int AS overlapping, count(*) FILTER (WHERE f.pillar)::int AS pillar_failing
  FROM (
    SELECT a.id,
           bool_or(ST_Intersects(a.geom, b.geom) AND ST_Area(ST_Intersection(a.geom, b.geom)::geography) > 1) AS overlap,
           bool_or(a.method IN ('underground', 'mixed') AND b.method IN ('underground', 'mixed')) AS pillar
    FROM mining_rights a
    JOIN mining_rights b ON ST_DWithin(a.geog, b.geog, 50) AND a.id <> b.id AND b.status IS DISTINCT FROM 'closed'
    GROUP BY a.id) f`;

export interface FloorContext {
  db: Db;
  target: Figure['target'];
  dataset: string;
}

export async function checkFloorFigure(ctx: FloorContext, proposals: Proposal[]): Promise<{ figure: Figure; plan: PlanSummary }> {
  for (const p of proposals.slice(0, 10)) await rows(ctx.db.orm, checkFloor(p.feature.geometry));
  const times = await sample(proposals, (p) => rows(ctx.db.orm, checkFloor(p.feature.geometry)));
  const slowest = times.indexOf(Math.max(...times));
  const label = `${ctx.target}-${ctx.dataset}-floor-check`;
  const plan = await explainAnalyze(ctx.db.orm, label, checkFloor(proposals[slowest].feature.geometry));
  const figure = latencyFigure(
    { section: 'floor', target: ctx.target, dataset: ctx.dataset, name: 'floor: 1 SQL, overlap+pillar+river' },
    times,
  );
  return { figure, plan };
}

export async function runAuditFloor(db: Db): Promise<{ ms: number; overlapping: number; pillarFailing: number }> {
  const { value, ms } = await timed(() => rows<{ overlapping: number; pillar_failing: number }>(db.orm, auditFloor));
  return { ms, overlapping: value[0].overlapping, pillarFailing: value[0].pillar_failing };
}

export function auditFloorFigure(ctx: FloorContext, runs: Awaited<ReturnType<typeof runAuditFloor>>[]): Figure {
  const found = runs[0];
  return runsFigure(
    {
      section: 'floor',
      target: ctx.target,
      dataset: ctx.dataset,
      name: 'floor: 1 SQL self-join, overlap+pillar',
      note: `${found?.overlapping} rights overlap another, ${found?.pillarFailing} are underground/mixed within 50 m of another`,
    },
    runs.map((r) => r.ms),
  );
}

export async function explainAuditFloor(ctx: FloorContext): Promise<PlanSummary> {
  return explainAnalyze(ctx.db.orm, `${ctx.target}-${ctx.dataset}-floor-audit`, auditFloor);
}
