/**
 * SQL fragments the synthetic province is built from: weighted choices, log-normal draws, star-shaped polygons and
 * meandering lines. Every constant goes in as a bound parameter; only the shape of the SQL is written here.
 *
 * Fragments that take column expressions repeat them; pass plain column references (values drawn once in a
 * MATERIALIZED CTE), never `random()` itself, or each repetition would draw a different number.
 */
import { sql, type SQL } from 'drizzle-orm';

/** Ground metres per degree of latitude, and of longitude at the equator (WGS84, good to 0.5 % here). */
export const M_PER_DEG_LAT = 110_574;
export const M_PER_DEG_LON = 111_320;

/** A weighted choice among values for a uniform draw `u` in [0, 1): `CASE WHEN u < p1 THEN v1 …`. */
export function pick(u: SQL, choices: readonly (readonly [string, number])[]): SQL {
  const total = choices.reduce((sum, [, w]) => sum + w, 0);
  let cumulative = 0;
  const arms = choices.slice(0, -1).map(([value, weight]) => {
    cumulative += weight / total;
    return sql`WHEN ${u} < ${cumulative}::float8 THEN ${value}::text`;
  });
  return sql`(CASE ${sql.join(arms, sql` `)} ELSE ${choices[choices.length - 1][0]}::text END)`;
}

/** A map from one text value to another (`CASE x WHEN k THEN v … END`), NULL for keys not listed. */
export function lookup(x: SQL, table: Readonly<Record<string, string>>): SQL {
  const arms = Object.entries(table).map(([k, v]) => sql`WHEN ${k}::text THEN ${v}::text`);
  return sql`(CASE ${x} ${sql.join(arms, sql` `)} END)`;
}

/** A standard normal draw (Box–Muller). */
export const normal = sql`(sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()))`;

/** A log-normal draw with the given median and log-σ, clamped to [min, max]. */
export function logNormal(median: number, sigma: number, min: number, max: number): SQL {
  return sql`least(greatest(exp(ln(${median}::float8) + ${sigma}::float8 * ${normal}), ${min}::float8), ${max}::float8)`;
}

/** A uniform draw in [lo, hi). */
export function uniform(lo: number, hi: number): SQL {
  return sql`(${lo}::float8 + random() * ${hi - lo}::float8)`;
}

/** Longitude / latitude of a point `dx`, `dy` metres east / north of (lon, lat) (local flat approximation). */
export function eastOf(lon: SQL, lat: SQL, dx: SQL): SQL {
  return sql`(${lon} + (${dx}) / (${M_PER_DEG_LON}::float8 * cos(radians(${lat}))))`;
}
export function northOf(lat: SQL, dy: SQL): SQL {
  return sql`(${lat} + (${dy}) / ${M_PER_DEG_LAT}::float8)`;
}

export interface PolygonShape {
  lon: SQL;
  lat: SQL;
  /** Target ground area, m² (the result is within a few per cent of it). */
  areaM2: SQL;
  /** Number of corners (拐点), integer. */
  corners: SQL;
  /** ≥ 1: the x axis is stretched and the y axis shrunk by this factor (aspect ratio elongation²). */
  elongation: SQL;
  /** Rotation, radians. */
  rotation: SQL;
}

/**
 * An irregular polygon around (lon, lat): corners at jittered angles (each within ±35 % of its slot, so they stay in
 * order) and jittered radii, then stretched, rotated and converted to degrees. Star-shaped with ordered angles, and
 * the stretch/rotation/scaling is affine, so the ring never self-intersects: every polygon is valid.
 * The random draws inside are per corner, which is what we want.
 */
export function polygonAround(p: PolygonShape): SQL {
  // A regular n-gon inscribed in a circle of radius R has area R² · n·sin(2π/n)/2; the radius jitter (independent,
  // mean 1) leaves that mean unchanged and the stretch preserves area.
  const radius = sql`sqrt(${p.areaM2} / (${p.corners} * sin(2 * pi() / ${p.corners}) / 2))`;
  return sql`(SELECT ST_SetSRID(ST_MakePolygon(ST_MakeLine(pv.pts || pv.pts[1])), 4326)
    FROM (SELECT array_agg(ST_MakePoint(
                   ${eastOf(p.lon, p.lat, sql`pk.x * cos(${p.rotation}) - pk.y * sin(${p.rotation})`)},
                   ${northOf(p.lat, sql`pk.x * sin(${p.rotation}) + pk.y * cos(${p.rotation})`)})
                 ORDER BY pk.j) AS pts
          FROM (SELECT pc.j, pc.r * ${p.elongation} * cos(pc.th) AS x, pc.r / ${p.elongation} * sin(pc.th) AS y
                FROM (SELECT j, 2 * pi() * (j + 0.7 * (random() - 0.5)) / ${p.corners} AS th,
                             ${radius} * (0.8 + 0.4 * random()) AS r
                      FROM generate_series(0, ${p.corners} - 1) AS j) pc) pk) pv)`;
}

export interface LineShape {
  /** Start and end (degrees). */
  x0: SQL;
  y0: SQL;
  x1: SQL;
  y1: SQL;
  vertices: SQL;
  /**
   * Lateral offset (degrees) as a function of `t` in [0, 1] along the line: a sum of sines written by the caller with
   * per-line random amplitudes and phases, plus any per-vertex noise. Offsetting perpendicular to a straight axis
   * keeps the line simple (it is a graph over the axis).
   */
  offset: (t: SQL) => SQL;
}

/** A meandering line from (x0, y0) to (x1, y1). */
export function meanderLine(l: LineShape): SQL {
  const length = sql`sqrt(power(${l.x1} - ${l.x0}, 2) + power(${l.y1} - ${l.y0}, 2))`;
  return sql`(SELECT ST_SetSRID(ST_MakeLine(array_agg(ST_MakePoint(
                 ${l.x0} + lt.t * (${l.x1} - ${l.x0}) - lo.off * (${l.y1} - ${l.y0}) / ${length},
                 ${l.y0} + lt.t * (${l.y1} - ${l.y0}) + lo.off * (${l.x1} - ${l.x0}) / ${length}) ORDER BY lt.j)), 4326)
    FROM (SELECT j, j::float8 / (${l.vertices} - 1) AS t FROM generate_series(0, ${l.vertices} - 1) AS j) lt
    CROSS JOIN LATERAL (SELECT ${l.offset(sql`lt.t`)} AS off) lo)`;
}
