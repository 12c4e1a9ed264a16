/**
 * The one query behind safety-pillar-50m and open-pit-spacing: for each subject, the stored mining rights of some
 * methods within a reach, with the ground gap on the spheroid (`ST_Distance(geography, geography)`).
 *
 * The spheroid distance is what is reported and compared with the threshold, always. It is also the expensive part
 * (~30 µs per polygon pair against ~1 µs planar), and at 100k rights an audit meets ~120,000 candidate pairs from the
 * geography index, of which ~68,000 lie within 300 m. So the pairs go through three steps, each exact or
 * conservative:
 *
 * 1. `o.geog && _ST_Expand(s.geog, reach)`: the geography index box test (what `ST_DWithin` itself adds).
 * 2. A planar test that never drops a pair within the reach (below): ~1 µs, it drops most of the rest.
 * 3. `ST_Distance(s.geog, o.geog)` once per remaining pair, kept when `<= reach` (the same test as
 *    `ST_DWithin(s.geog, o.geog, reach)`: both measure the spheroid distance between the same closest points).
 *
 * The planar test (2) compares lon/lat geometries with longitudes scaled by k = cos φmax, where φmax bounds the
 * latitude anywhere on a shortest path of length ≤ reach from the subject. On the ellipsoid
 * ds² = M²dφ² + N²cos²φ dλ² ≥ M₀²(dφ² + k²dλ²) (M₀ = 6,335,439 m, the least meridian radius of curvature; N ≥ M₀), so
 * a ground distance d spans at most d / 110,574 scaled degrees. Geography edges are great-circle arcs, not straight in
 * lon/lat: each shape may lie up to L²·tan φ / 8R from its planar drawing (L its box diagonal), which is added,
 * doubled, with 1 % and 1 m to spare. Nothing here is an approximation of the reported distance.
 */
import { sql, type SQL } from 'drizzle-orm';

/** Metres per degree of latitude, at least (least meridian radius of curvature of GRS80/WGS84 × π/180). */
const M_PER_DEG_MIN = 110574;
/** Metres per degree along any axis, at most (lon ≤ 111,320 m, lat ≤ 111,694 m). */
const M_PER_DEG_MAX = 111700;
/** Least radius of curvature, for the great-circle vs lon/lat edge bulge. */
const RADIUS_MIN = 6335439;

/** Upper bound (m) of how far a geography's great-circle edges stray from its lon/lat drawing, at latitude ≤ φmax. */
function bulge(g: SQL, tanPhi: SQL): SQL {
  return sql`(2 * (${M_PER_DEG_MAX}::float8 * ${M_PER_DEG_MAX}::float8
                   * ((ST_XMax(${g}) - ST_XMin(${g})) ^ 2 + (ST_YMax(${g}) - ST_YMin(${g})) ^ 2))
              * ${tanPhi} / (8 * ${RADIUS_MIN}::float8))`;
}

/**
 * True for every pair of lon/lat geometries whose spheroid distance is ≤ reachM (and for some farther ones).
 * `a` is the subject (its latitude bounds the path); `b` the stored candidate.
 */
export function maybeWithin(a: SQL, b: SQL, reachM: number): SQL {
  const reachDeg = (reachM * 1.01) / M_PER_DEG_MIN + 0.01;
  const phi = sql`radians(least(89::float8, greatest(abs(ST_YMin(${a})), abs(ST_YMax(${a}))) + ${reachDeg}::float8))`;
  const k = sql`cos(${phi})`;
  const tanPhi = sql`tan(${phi})`;
  return sql`ST_DWithin(ST_Scale(${b}, ${k}, 1), ST_Scale(${a}, ${k}, 1),
    (${reachM * 1.01 + 1}::float8 + ${bulge(a, tanPhi)} + ${bulge(b, tanPhi)}) / ${M_PER_DEG_MIN}::float8)`;
}

export interface MineGapsInput {
  subjects: SQL;
  /** Methods of the stored rights that count as neighbours. */
  methods: readonly string[];
  reachM: number;
  withEvidence: boolean;
}

/**
 * Rows `subject_id, method_missing, id, name, gap_m, evidence` for every stored, not closed right of `methods` within
 * `reachM` of a subject (itself excepted), uses `mining_rights_geog_gix`.
 */
export function mineGaps({ subjects, methods, reachM, withEvidence }: MineGapsInput): SQL {
  // OFFSET 0 keeps the subquery from being flattened: the distance is then computed once per pair, not again in the
  // outer filter.
  return sql`
    SELECT subject_id, method_missing, id, name, gap_m, evidence FROM (
      SELECT s.id AS subject_id, s.method IS NULL AS method_missing, o.id, o.name, ST_Distance(s.geog, o.geog) AS gap_m,
             CASE WHEN ${withEvidence} THEN ST_AsGeoJSON(ST_ShortestLine(s.geom, o.geom), 7)::json END AS evidence
      FROM (${subjects}) s
      JOIN mining_rights o
        ON o.geog && _ST_Expand(s.geog, ${reachM}::float8)
       AND o.id <> s.id AND o.method IN (${sql.join(methods.map((m) => sql`${m}`), sql`, `)}) AND o.status IS DISTINCT FROM 'closed'
       AND ${maybeWithin(sql`s.geom`, sql`o.geom`, reachM)}
      OFFSET 0) pair
    WHERE gap_m <= ${reachM}::float8`;
}
