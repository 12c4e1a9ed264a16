/**
 * The one query behind hidden-hazard-zone and restricted-zone: for each subject, the stored zones of a polygon layer
 * within a reach, found through the layer's subdivided pieces (`<layer>_pieces`, GiST on the pieces' geography), with
 * - `gap_m`: the least ground distance over the zone's pieces (`groundGap`: in the subject's Gauss–Krüger zone), so a
 *   subject inside a zone's hole is measured to the hole's edge (the pieces do not cover the hole);
 * - `hits`: whether the subject intersects the zone's own geometry (`&&` first), touching included;
 * - `area_m2`: the overlap area (`ST_Intersection`, polygons only, measured as geography), 0 when none;
 * - for a check only, evidence: the overlap polygon, the shortest line to a zone not hit, the zone clipped to ~2 km
 *   around the subject.
 * Each rule passes its own zone columns and zone filter (hazard survey status, zone types). Also the rule fields that
 * follow from the query (`zoneProximityRule`) and the verdict helpers both rules build their fail / pass with.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Feature } from 'geojson';
import { collection, evidence, fmt, relatedOf, round, roundAgainst } from './evidence.ts';
import type { QueryInput, Reach, SubjectLayer, Verdict } from './types.ts';
import { groundGap, projectedOnce, reachBox, shapeOf } from './gauss-kruger.ts';
import { OVERLAY_GRID } from './overlay.ts';

/** A check also looks this many nearM out, so a pass can still name the nearest zone. */
export const CHECK_REACH = 4;

export type ZoneLayer = 'hazard_zones' | 'restricted_zones';

export interface ZoneProximityInput {
  subjects: SQL;
  /** The zone layer; its pieces are `<zones>_pieces` (GiST `<zones>_pieces_geog_gix`). */
  zones: ZoneLayer;
  /** Further zone columns (snake_case) returned as they are, after `id, name`. */
  columns: readonly string[];
  /** Which zones count: a condition on the zone row `z`. */
  filter: SQL;
  /** An audit's reach (m): zones farther than this from a subject are not returned. */
  reachM: number;
  /** A check's reach (m), usually farther, so a pass can still name the nearest zone. */
  checkReachM: number;
  withEvidence: boolean;
}

/** One row per (subject, zone within reach). Each rule's own columns come with it. */
export interface ZoneRow {
  id: string;
  name: string;
  gap_m: number;
  hits: boolean;
  area_m2: number;
  overlap: unknown;
  gap: unknown;
  zone: unknown;
}

/**
 * Rows `subject_id, id, name, <columns>, gap_m, hits, area_m2, overlap, gap, zone` for every zone passing `filter`
 * whose pieces lie within the reach of a subject. A check uses `<zones>_pieces_geom_gix`; an audit the subjects' own
 * geometry index (`<layer>_geom_gix`).
 */
export function zoneProximity({ subjects, zones, columns, filter, reachM, checkReachM, withEvidence }: ZoneProximityInput): SQL {
  const zoneTable = sql.identifier(zones);
  const pieces = sql.identifier(`${zones}_pieces`);
  const zoneColumns = columns.map((c) => sql`, z.${sql.identifier(c)}`);
  const piece = projectedOnce(shapeOf('p'), 'pp');
  return sql`
    ${
      withEvidence
        ? sql``
        : // An audit: the least distance per (subject, zone), driven from the zone pieces into the subjects' own index
          // (one probe per piece, not one probe of the pieces per subject). The lateral subquery (kept one by OFFSET 0)
          // fixes that direction: a parallel plan probing per subject looks cheaper to the planner, and is not.
          sql`WITH d AS (
      SELECT q.subject_id, p.feature_id, min(q.dist_m) AS gap_m
      FROM ${pieces} p
      CROSS JOIN LATERAL ${piece.lateral}
      CROSS JOIN LATERAL (
        SELECT i.id AS subject_id, g.gap_m AS dist_m
        FROM (${subjects}) i
        CROSS JOIN LATERAL ${groundGap(shapeOf('i'), piece.shape)} g
        WHERE i.geom && ${reachBox(sql`p.geom`, reachM)}
        OFFSET 0) q
      WHERE q.dist_m <= ${reachM}::float8
      GROUP BY q.subject_id, p.feature_id)`
    }
    SELECT s.id AS subject_id, z.id, z.name${sql.join(zoneColumns)}, d.gap_m, h.hits,
           coalesce(ST_Area(x.shape::geography), 0) AS area_m2,
           CASE WHEN ${withEvidence} THEN ST_AsGeoJSON(x.shape, 7)::json END AS overlap,
           CASE WHEN ${withEvidence} AND NOT h.hits THEN ST_AsGeoJSON(ST_ShortestLine(s.geom, z.geom), 7)::json END AS gap,
           CASE WHEN ${withEvidence} THEN ST_AsGeoJSON(ST_Intersection(z.geom, ST_Expand(ST_Envelope(s.geom), 0.02), ${OVERLAY_GRID}::float8), 7)::json END AS zone
    FROM ${
      withEvidence
        ? sql`(${subjects}) s
    JOIN LATERAL (
      SELECT p.feature_id, min(g.gap_m) AS gap_m
      FROM ${pieces} p
      CROSS JOIN LATERAL ${groundGap(shapeOf('s'), shapeOf('p'))} g
      WHERE p.geom && ${reachBox(sql`s.geom`, checkReachM)}
      GROUP BY p.feature_id
      HAVING min(g.gap_m) <= ${checkReachM}::float8
    ) d ON true`
        : sql`d JOIN (${subjects}) s ON s.id = d.subject_id`
    }
    JOIN ${zoneTable} z ON z.id = d.feature_id AND (${filter})
    CROSS JOIN LATERAL (SELECT (z.geom && s.geom AND ST_Intersects(z.geom, s.geom)) AS hits) h
    LEFT JOIN LATERAL (
      SELECT ST_CollectionExtract(ST_Intersection(s.geom, z.geom, ${OVERLAY_GRID}::float8), 3) AS shape WHERE h.hits
    ) x ON true`;
}

/**
 * The evidence features of a zone row (check only; null where the query gave no geometry): the zone clipped around
 * the subject (`zone`), the overlap polygon labelled with its area (`overlap`, none without area), the shortest line
 * labelled with the gap (`gap`), a gap never labelled rounded up onto `nearM`.
 */
export function zoneEvidence(nearM: number) {
  return {
    zone: (r: ZoneRow): Feature | null => evidence(r.zone, 'zone', { relatedId: r.id, label: r.name }),
    overlap: (r: ZoneRow): Feature | null =>
      r.area_m2 > 0
        ? evidence(r.overlap, 'overlap', { relatedId: r.id, areaM2: roundAgainst(r.area_m2, 0), label: `${fmt(roundAgainst(r.area_m2, 0), 2)} m²` })
        : null,
    gap: (r: ZoneRow): Feature | null =>
      evidence(r.gap, 'gap', { relatedId: r.id, lengthM: roundAgainst(r.gap_m, nearM), label: `${fmt(roundAgainst(r.gap_m, nearM), 2)} m` }),
  };
}

/** The total overlap area of some zone rows (m², the fail measure), never shown rounded down to 0. */
export function overlapArea(rows: readonly ZoneRow[]): number {
  return roundAgainst(rows.reduce((sum, r) => sum + r.area_m2, 0), 0);
}

export interface ZoneRuleInput<P> {
  /** The zone layer; its pieces are `<zones>_pieces` (GiST `<zones>_pieces_geog_gix`). */
  zones: ZoneLayer;
  /** Further zone columns (snake_case) returned as they are, after `id, name`. */
  columns: readonly string[];
  /** Which zones count under the rule's parameters: a condition on the zone row `z`. */
  filter: (params: P) => SQL;
}

/**
 * The fields of a rule over `zoneProximity` with a `nearM` parameter (m): it judges mining rights and tailings ponds,
 * reaches `nearM` in an audit and `CHECK_REACH × nearM` in a check, and uses the pieces' GiST index for a check, the
 * subjects' own geography index for an audit (driven from the zone pieces).
 */
export function zoneProximityRule<P extends { nearM: number }>({ zones, columns, filter }: ZoneRuleInput<P>) {
  return {
    appliesTo: ['mining_rights', 'tailings_ponds'] as const,
    units: { nearM: 'm' },
    reach: (p: P): Reach => ({ metres: p.nearM }),
    indexes: [`${zones}_pieces_geom_gix`] as const,
    auditIndexes: (layer: SubjectLayer): readonly string[] => [`${layer}_geom_gix`],
    query: ({ subjects, params, withEvidence }: QueryInput<P>): SQL =>
      zoneProximity({ subjects, zones, columns, filter: filter(params), reachM: params.nearM, checkReachM: params.nearM * CHECK_REACH, withEvidence }),
  };
}

type Text = Pick<Verdict, 'message' | 'messageEn'>;

/**
 * The fail verdict of overlapping zones: measured = their total overlap area (m², threshold 0), related = the zones,
 * evidence = the zones and the overlap polygons; `text` words it from that area.
 */
export function overlapFailure(rows: readonly ZoneRow[], zones: ZoneLayer, nearM: number, text: (area: number) => Text, details: Record<string, unknown>): Verdict {
  const area = overlapArea(rows);
  const pictures = zoneEvidence(nearM);
  const related = relatedOf(rows as never, zones);
  const evidence = collection([...rows.map(pictures.zone), ...rows.map(pictures.overlap)]);
  return { status: 'fail', measured: area, threshold: 0, unit: 'm²', related, evidence, ...text(area), details };
}

/**
 * The pass verdict: measured = the gap to `nearest` (the zone the rule measures, if any in reach), threshold `nearM`;
 * evidence = that zone and its gap line, then `more`.
 */
export function nearestPass(nearest: ZoneRow | undefined, nearM: number, more: (Feature | null)[], text: Text, details: Record<string, unknown>): Verdict {
  const pictures = zoneEvidence(nearM);
  const measured = nearest ? round(nearest.gap_m) : null;
  const evidence = collection([...(nearest ? [pictures.zone(nearest), pictures.gap(nearest)] : []), ...more]);
  return { status: 'pass', measured, threshold: nearM, unit: 'm', related: [], evidence, ...text, details };
}
