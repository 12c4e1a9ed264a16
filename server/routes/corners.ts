/**
 * /api/corners: a pasted 拐点坐标 table → a lon/lat polygon. server/corners/parse.ts reads the table (pure); PostGIS
 * converts it (ST_Transform from the table's CGCS2000 Gauss–Krüger or geographic SRID to EPSG:4326), judges each ring
 * (ST_IsValidReason) and measures the area on the spheroid.
 */
import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import type { MultiPolygon, Polygon } from 'geojson';
import { z } from 'zod';
import { parseCorners, type CornerNote, type CornerProblem, type CornerRing, type ResolvedSystem } from '../corners/parse.ts';
import { rows, type Executor } from '../db/client.ts';
import { ApiError } from '../http/errors.ts';
import { validate } from '../http/validator.ts';
import type { Deps } from './deps.ts';

const MAX_POINTS = 20_000;

const parseBody = z.object({
  text: z.string().min(1, 'paste the corner-point table (点号 X Y per line)').max(2_000_000),
  system: z
    .object({
      kind: z.enum(['gk3', 'gk6', 'lonlat']),
      zone: z.number().int().optional(),
      centralMeridian: z.number().optional(),
    })
    .strict()
    .optional(),
});

export interface CornerPointOut {
  no: string;
  ring: number;
  line: number;
  /** Northing (m) or latitude (°), as in the table. */
  x: number;
  /** Easting (m, zone prefix included) or longitude (°), as in the table. */
  y: number;
  lon: number;
  lat: number;
}

export interface CornersResult {
  polygon: Polygon | MultiPolygon;
  points: CornerPointOut[];
  system: ResolvedSystem;
  /** Area on the CGCS2000/WGS84 spheroid, m² (licences print km² to 4 decimals). */
  areaM2: number;
  rings: { ring: number; lines: [number, number]; role: 'outer' | 'hole'; areaM2: number; autoClosed: boolean }[];
  notes: CornerNote[];
}

/** Digits kept in lon/lat output: 1e-9° is 0.1 mm, well under the 0.01 m of a licence. */
const DIGITS = 9;

/** Converts parsed rings to EPSG:4326 and assembles them into one (Multi)Polygon; throws ApiError(400) on bad rings. */
export async function convertCorners(db: Executor, system: ResolvedSystem, rings: CornerRing[], notes: CornerNote[]): Promise<CornersResult> {
  const positions = rings.flatMap((r) => r.coordinates.map(([e, n], i) => ({ ring: r.ring, i, e, n })));
  const transformed = await rows<{ ring: number; i: number; lon: number; lat: number }>(
    db,
    sql`SELECT (p->>'ring')::int AS ring, (p->>'i')::int AS i, ST_X(g) AS lon, ST_Y(g) AS lat
        FROM (SELECT p, ST_Transform(ST_SetSRID(ST_MakePoint((p->>'e')::float8, (p->>'n')::float8), ${system.epsg}::int), 4326) AS g
              FROM jsonb_array_elements(${JSON.stringify(positions)}::jsonb) AS p) t`,
  );
  const lonLat = new Map(transformed.map((t) => [`${t.ring}:${t.i}`, [Number(t.lon), Number(t.lat)] as [number, number]]));
  const ringPolygons = rings.map((r) => ({
    type: 'Polygon' as const,
    coordinates: [r.coordinates.map((_, i) => lonLat.get(`${r.ring}:${i}`)!)],
  }));

  // Each ring on its own: valid (no self-intersection, no spike), and where PostGIS says the problem is, in the table's
  // own coordinates too, so the user can find the corner.
  const judged = await rows<{ ring: number; reason: string; x: number | null; y: number | null; area: number }>(
    db,
    sql`WITH r AS (
          SELECT t.ord::int AS ring, ST_SetSRID(ST_GeomFromGeoJSON(t.g), 4326) AS g
          FROM jsonb_array_elements(${JSON.stringify(ringPolygons)}::jsonb) WITH ORDINALITY AS t(g, ord))
        SELECT ring, ST_IsValidReason(g) AS reason, ST_Area(g::geography) AS area,
               ST_Y(ST_Transform(ST_SetSRID((ST_IsValidDetail(g)).location, 4326), ${system.epsg}::int)) AS x,
               ST_X(ST_Transform(ST_SetSRID((ST_IsValidDetail(g)).location, 4326), ${system.epsg}::int)) AS y
        FROM r ORDER BY ring`,
  );
  const problems: CornerProblem[] = [];
  for (const j of judged) {
    if (j.reason === 'Valid Geometry') continue;
    const ring = rings[j.ring - 1];
    const where = j.x === null ? '' : system.kind === 'lonlat' ? '' : ` (near X = ${Number(j.x).toFixed(2)}, Y = ${Number(j.y).toFixed(2)})`;
    problems.push({
      line: ring.lines[0],
      field: 'ring',
      problem: `ring ${ring.ring} (lines ${ring.lines[0]}–${ring.lines[1]}) is not a valid polygon: ${j.reason}${where}`,
    });
  }
  if (problems.length) throw new ApiError(400, 'the corner points do not make a valid polygon', problems);

  // Several rings: a ring inside another is a hole (扣除区); rings may touch, but two that partly overlap are an error.
  const relations = rings.length < 2 ? [] : await rows<{ a: number; b: number; a_in_b: boolean; b_in_a: boolean; overlap: boolean }>(
    db,
    sql`WITH r AS (
          SELECT t.ord::int AS ring, ST_SetSRID(ST_GeomFromGeoJSON(t.g), 4326) AS g
          FROM jsonb_array_elements(${JSON.stringify(ringPolygons)}::jsonb) WITH ORDINALITY AS t(g, ord))
        SELECT a.ring AS a, b.ring AS b, ST_Within(a.g, b.g) AS a_in_b, ST_Within(b.g, a.g) AS b_in_a,
               ST_Relate(a.g, b.g, '2********') AS overlap
        FROM r a JOIN r b ON a.ring < b.ring AND ST_Intersects(a.g, b.g)`,
  );
  const depth = new Map<number, number>();
  for (const rel of relations) {
    if (rel.a_in_b) depth.set(rel.a, (depth.get(rel.a) ?? 0) + 1);
    else if (rel.b_in_a) depth.set(rel.b, (depth.get(rel.b) ?? 0) + 1);
    else if (rel.overlap) {
      const [a, b] = [rings[rel.a - 1], rings[rel.b - 1]];
      problems.push({
        line: b.lines[0],
        field: 'ring',
        problem: `ring ${a.ring} (lines ${a.lines[0]}–${a.lines[1]}) and ring ${b.ring} (lines ${b.lines[0]}–${b.lines[1]}) overlap; blocks of one licence must not overlap, and a hole must lie wholly inside its ring`,
      });
    }
  }
  if (problems.length) throw new ApiError(400, 'the rings of the corner table overlap', problems);
  for (const [ring, d] of depth) {
    if (d % 2 === 1) {
      notes.push({
        line: rings[ring - 1].lines[0],
        code: 'hole',
        message: `第${ring}圈位于另一圈内，按扣除范围（洞）处理`,
        messageEn: `ring ${ring} lies inside another ring and is read as an excluded area (hole)`,
      });
    }
  }

  // With no partial overlaps, the even–odd reading (outer, hole, island …) is the symmetric difference of the rings.
  const ringParams = ringPolygons.map((p) => sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(p)}), 4326)`);
  const assembled = ringParams.slice(1).reduce((acc, g) => sql`ST_SymDifference(${acc}, ${g})`, ringParams[0]);
  const [shape] = await rows<{ geojson: Polygon | MultiPolygon; area: number; valid: string }>(
    db,
    sql`SELECT ST_AsGeoJSON(g, ${DIGITS})::json AS geojson, ST_Area(g::geography) AS area, ST_IsValidReason(g) AS valid
        FROM (SELECT ST_ForcePolygonCCW(CASE WHEN ST_NumGeometries(a) = 1 THEN ST_GeometryN(a, 1) ELSE a END) AS g
              FROM (SELECT ST_CollectionExtract(${assembled}, 3) AS a) x) y`,
  );
  if (shape.valid !== 'Valid Geometry') {
    throw new ApiError(400, 'the corner points do not make a valid polygon', [{ field: 'ring', problem: `the assembled outline is not valid: ${shape.valid}` }]);
  }

  const round = (v: number) => Number(v.toFixed(DIGITS));
  return {
    polygon: shape.geojson,
    points: rings.flatMap((r) =>
      r.points.map((p, i) => {
        const [lon, lat] = lonLat.get(`${r.ring}:${i}`)!;
        return { no: p.no, ring: p.ring, line: p.line, x: p.x, y: p.y, lon: round(lon), lat: round(lat) };
      }),
    ),
    system,
    areaM2: Number(shape.area),
    rings: rings.map((r, i) => ({
      ring: r.ring,
      lines: r.lines,
      role: (depth.get(r.ring) ?? 0) % 2 === 1 ? ('hole' as const) : ('outer' as const),
      areaM2: Number(judged[i].area),
      autoClosed: r.autoClosed,
    })),
    notes,
  };
}

export function cornersRoutes({ db }: Deps) {
  return new Hono().post('/parse', validate('json', parseBody), async (c) => {
    const { text, system } = c.req.valid('json');
    const parsed = parseCorners(text, system);
    if (!parsed.ok) {
      const lines = parsed.problems.filter((p) => p.line !== undefined).length;
      throw new ApiError(400, lines ? `${lines} line(s) of the corner table could not be read` : 'the corner table could not be read', parsed.problems);
    }
    const count = parsed.rings.reduce((n, r) => n + r.coordinates.length, 0);
    if (count > MAX_POINTS) throw new ApiError(400, 'too many corner points', [{ field: 'text', problem: `${count} points; at most ${MAX_POINTS}` }]);
    return c.json(await convertCorners(db.orm, parsed.system, parsed.rings, parsed.notes));
  });
}
