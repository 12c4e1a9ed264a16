/**
 * The downstream corridor of a tailings dam: the ground a dam-break flow would sweep over in its first `reachM`
 * metres (头顶库 "overhead" pond test, 应急〔2020〕15号). Kept behind one small interface so that a DEM flow path
 * (steepest descent D8 from the dam, buffered by the corridor half-width) can replace the azimuth sector later
 * without touching the rule: the rule only asks for "a geometry to intersect settlements with".
 */
import { sql, type SQL } from 'drizzle-orm';

export interface CorridorParams {
  /** Length of the downstream path to consider (m). */
  reachM: number;
  /** Half opening angle of the sector either side of the downstream azimuth (degrees). */
  halfAngleDeg: number;
}

export interface DownstreamCorridor {
  /** Reported with every result so a planner knows how the corridor was drawn. */
  method: 'azimuth-sector' | 'dem-d8';
  /**
   * SQL expression of the corridor polygon (geometry, EPSG:4326) for a dam point expression (geometry Point, 4326)
   * and a downstream azimuth expression (degrees clockwise from north). NULL when either input is NULL.
   * Every point of the corridor lies within `reachM` of the dam on the ground.
   */
  corridor(dam: SQL, azimuthDeg: SQL, params: CorridorParams): SQL;
}

/**
 * Spacing of the arc vertices. The arc between two vertices is a chord, inside the true circle by at most
 * reachM·(1 − cos(step/2)): 4 cm at 1000 m for 1° (it would be 0.95 m for 5°), so a settlement just inside the
 * radius is not missed between vertices, and the polygon stays small (2·halfAngle/step + 3 vertices).
 */
export const ARC_STEP_DEG = 1;

/**
 * Without a DEM: a circular sector with its apex at the dam toe, its axis along the downstream azimuth, radius
 * `reachM` and ±`halfAngleDeg`. The arc vertices are placed on the spheroid (ST_Project on geography), so the
 * radius is a true ground distance whatever the latitude or Gauss–Krüger zone.
 */
export const azimuthSector: DownstreamCorridor = {
  method: 'azimuth-sector',
  corridor(dam, azimuthDeg, { reachM, halfAngleDeg }) {
    const steps = Math.max(2, Math.ceil((2 * halfAngleDeg) / ARC_STEP_DEG));
    return sql`CASE WHEN ${dam} IS NOT NULL AND ${azimuthDeg} IS NOT NULL THEN (
      SELECT ST_MakePolygon(ST_MakeLine(
               ARRAY[${dam}]
               || array_agg(ST_Project(${dam}::geography, ${reachM}::float8,
                      radians(${azimuthDeg} - ${halfAngleDeg}::float8 + i * (2 * ${halfAngleDeg}::float8 / ${steps}::int)))::geometry
                    ORDER BY i)
               || ARRAY[${dam}]))
      FROM generate_series(0, ${steps}::int) AS i) END`;
  },
};
