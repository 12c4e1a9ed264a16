/**
 * The local Gauss–Krüger zone of a shape, in SQL: the CGCS2000 3° zone (EPSG:4534–4554, central meridians 75°E–135°E,
 * no zone prefix; the table of SRIDs is in server/corners/parse.ts) whose central meridian is nearest the centre of the
 * shape's box, and the zone's scale factor there. NULL outside China's zones (73.5°E–136.5°E), where a rule falls back
 * to the spheroid.
 *
 * Why a zone and not the spheroid: a licence's 拐点坐标 are Gauss–Krüger coordinates, so its edges are straight in the
 * zone, and planar distances there cost ~5 µs a pair against ~50 µs for `ST_Distance(geography, geography)` on
 * polygons (docs/benchmarks.md). A zone stretches distances by its scale factor k = 1 + (1 + η²)(Δλ·cos φ)²/2 (0.023 %
 * at 1.5° from the central meridian at 35°N); dividing by k at the shape (the 投影变形改正 of survey practice) leaves
 * under 0.001 % within a few kilometres of it.
 */
import { sql, type SQL } from 'drizzle-orm';

/** A stored or proposed shape in a rule query: its EPSG:4326 geometry and its geography. */
export interface Shape {
  geom: SQL;
  geog: SQL;
}

/** The `geom` and `geog` columns of row `alias` in a rule query (`s` a subject, `p` a piece…). */
export function shapeOf(alias: string): Shape {
  const row = sql.identifier(alias);
  return { geom: sql`${row}.geom`, geog: sql`${row}.geog` };
}

/** SRID of the first 3° zone without prefix (zone 25, 75°E). */
const FIRST_ZONE_SRID = 4534;
const FIRST_ZONE = 25;
const LAST_ZONE = 45;
/** Second eccentricity squared of the CGCS2000 (GRS80) ellipsoid. */
const E2_SECOND = 0.006739496775;

/**
 * A one-row relation `(srid, k)` for geometry `g` (EPSG:4326): the zone SRID (NULL outside zones 25–45) and the scale
 * factor at the centre of `g`'s box, to divide planar zone lengths by.
 */
export function gaussKrugerZone(g: SQL): SQL {
  return sql`SELECT CASE WHEN zone BETWEEN ${FIRST_ZONE} AND ${LAST_ZONE} THEN ${FIRST_ZONE_SRID - FIRST_ZONE}::int + zone END AS srid,
                    1 + (1 + ${E2_SECOND}::float8 * cos(phi) ^ 2) * (radians(lon - 3 * zone) * cos(phi)) ^ 2 / 2 AS k
    FROM (SELECT floor(lon / 3 + 0.5)::int AS zone, lon, phi
          FROM (SELECT (ST_XMin(${g}) + ST_XMax(${g})) / 2 AS lon, radians((ST_YMin(${g}) + ST_YMax(${g})) / 2) AS phi) centre) z`;
}

/**
 * A one-row relation `(gap_m)`: the ground distance from `from` to `to`, measured in `from`'s zone and divided by the
 * zone's scale factor there (both shapes projected, so a pair straddling a zone border is measured in one plane); on
 * the spheroid outside China's zones (how far this is from the spheroid: ./mine-gaps.ts). The zone is a subquery of
 * its own (OFFSET 0), worked out once per pair rather than at each of its four uses: a smaller query to plan (PGlite
 * checks: the zone rules 1.6 → 1.2 ms each). Used as `CROSS JOIN LATERAL ${groundGap(a, b)} g`; the planner folds it into the join.
 */
export function groundGap(from: Shape, to: Shape & { projected?: Projected }): SQL {
  const toPlane = to.projected
    ? sql`CASE WHEN z.srid = ${to.projected.srid} THEN ${to.projected.plane} ELSE ST_Transform(${to.geom}, z.srid) END`
    : sql`ST_Transform(${to.geom}, z.srid)`;
  return sql`(SELECT CASE WHEN z.srid IS NULL THEN ST_Distance(${from.geog}, ${to.geog})
                          ELSE ST_Distance(ST_Transform(${from.geom}, z.srid), ${toPlane}) / z.k END AS gap_m
              FROM (${gaussKrugerZone(from.geom)} OFFSET 0) z)`;
}

/** A shape already projected into a zone (`srid`, NULL outside zones): `plane`. */
export interface Projected {
  srid: SQL;
  plane: SQL;
}

/**
 * `shape` projected into its own zone, once. An audit driven from a few large pieces (rivers, zones, ridges) projects
 * each piece once this way instead of once per nearby subject: `CROSS JOIN LATERAL ${lateral}` (named `alias`; OFFSET 0
 * keeps it computed once per row of the shape's table), then `groundGap(…, shape)`, which uses the projection wherever
 * the subject lies in the same zone (the same projection, so the same distance).
 */
export function projectedOnce(shape: Shape, alias: string): { lateral: SQL; shape: Shape & { projected: Projected } } {
  const row = sql.identifier(alias);
  return {
    lateral: sql`(SELECT zone.srid, ST_Transform(${shape.geom}, zone.srid) AS plane FROM (${gaussKrugerZone(shape.geom)}) zone OFFSET 0) ${row}`,
    shape: { ...shape, projected: { srid: sql`${row}.srid`, plane: sql`${row}.plane` } },
  };
}

/** The index box reaches this much farther than the reach (the zone's distances differ from the spheroid's by < 0.2 %). */
const INDEX_MARGIN = 1.01;
/**
 * Least metres in a degree of latitude (GRS80 meridian radius of curvature at the equator × π/180); a degree of
 * longitude at latitude φ holds at least this × cos φ.
 */
const M_PER_DEG_MIN = 110574;

/**
 * `geom`'s box (EPSG:4326) grown to hold everything within `reachM` (metres: a number, or SQL) of it on the ground,
 * for `&&` on a 2-D geometry index (cheaper to probe than a geography index, and no spheroid test per candidate): the
 * reach in degrees with the least metres per degree of latitude, longitudes widened by 1 / cos of the highest latitude
 * the box reaches, and 1 % and 1 m to spare, so no pair that `groundGap` or the spheroid puts within the reach is
 * missed.
 */
export function reachBox(geom: SQL, reachM: number | SQL): SQL {
  // A reach known now is one bound parameter; a reach that varies by row (a column, a CASE) is worked out in SQL.
  const reachDeg =
    typeof reachM === 'number'
      ? sql`${(reachM * INDEX_MARGIN + 1) / M_PER_DEG_MIN}::float8`
      : sql`((${reachM}) * ${INDEX_MARGIN}::float8 + 1) / ${M_PER_DEG_MIN}::float8`;
  return sql`ST_Expand(${geom}, ${reachDeg} / cos(radians(least(89::float8, greatest(abs(ST_YMin(${geom})), abs(ST_YMax(${geom}))) + ${reachDeg}))),
                       ${reachDeg})`;
}
