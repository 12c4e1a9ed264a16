/**
 * Admin areas: ~100 counties tiling the province box, and the two provinces they make up. The grid nodes are
 * jittered and every edge is a wiggly line of 60 vertices shared by both neighbours (ST_Polygonize of the edge
 * network), so counties have a few hundred vertices and no gaps: like real boundaries, point-in-county costs
 * something. Codes are 14xxxx (the Shanxi profile applies), the five Shanxi key counties of the minimum-scale
 * profile among them, and a few south-western cells are 6105xx (Shaanxi, the national profile applies).
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../server/db/client.ts';
import { BOX, COUNTY_GRID } from './province.ts';
import { meanderLine } from './sql.ts';

/** Cells (row from the south, column from the west) given a real code: the five key counties, and Shaanxi.
 * The others are 14RRCC with CC = 31…40, which none of these codes use. */
const NAMED_CELLS: readonly [number, number, string, string][] = [
  [3, 1, '140882', '河津市'],
  [2, 3, '140827', '垣曲县'],
  [8, 4, '140923', '代县'],
  [8, 5, '140924', '繁峙县'],
  [6, 1, '141127', '岚县'],
  [0, 0, '610581', '韩城市'],
  [1, 0, '610582', '华阴市'],
  [2, 0, '610583', '合成陕县'],
];

const EDGE_VERTICES = 60;
const NODE_JITTER_DEG = 0.08;
const WIGGLE_DEG = 0.025;

export async function insertAdminAreas(db: Executor): Promise<void> {
  const { cols, rows } = COUNTY_GRID;
  const cw = (BOX.east - BOX.west) / cols;
  const ch = (BOX.north - BOX.south) / rows;
  const named = sql.join(
    NAMED_CELLS.map(([r, c, code, name]) => sql`(${r}::int, ${c}::int, ${code}::text, ${name}::text)`),
    sql`, `,
  );
  const edge = meanderLine({
    x0: sql`e.x0`,
    y0: sql`e.y0`,
    x1: sql`e.x1`,
    y1: sql`e.y1`,
    vertices: sql`${EDGE_VERTICES}::int`,
    // 4t(1-t) pins both ends to the nodes; two waves give a boundary that looks drawn along valleys and ridges.
    offset: (t) => sql`4 * ${t} * (1 - ${t}) * (e.a1 * sin(2 * pi() * 1.5 * ${t} + e.p1) + e.a2 * sin(2 * pi() * 4 * ${t} + e.p2))`,
  });

  await db.execute(sql`
    INSERT INTO admin_areas (id, name, code, level, parent_code, props, geom)
    WITH nodes AS MATERIALIZED (
      SELECT r, c,
             ${BOX.west}::float8 + c * ${cw}::float8
               + CASE WHEN c BETWEEN 1 AND ${cols - 1}::int AND r BETWEEN 1 AND ${rows - 1}::int
                      THEN ${2 * NODE_JITTER_DEG}::float8 * (random() - 0.5) ELSE 0 END AS x,
             ${BOX.south}::float8 + r * ${ch}::float8
               + CASE WHEN c BETWEEN 1 AND ${cols - 1}::int AND r BETWEEN 1 AND ${rows - 1}::int
                      THEN ${2 * NODE_JITTER_DEG}::float8 * (random() - 0.5) ELSE 0 END AS y
      FROM generate_series(0, ${rows}::int) AS r, generate_series(0, ${cols}::int) AS c),
    edges AS MATERIALIZED (
      SELECT a.x AS x0, a.y AS y0, b.x AS x1, b.y AS y1,
             ${WIGGLE_DEG}::float8 * random() AS a1, ${WIGGLE_DEG / 3}::float8 * random() AS a2,
             2 * pi() * random() AS p1, 2 * pi() * random() AS p2
      FROM nodes a
      JOIN nodes b ON (b.r = a.r AND b.c = a.c + 1) OR (b.c = a.c AND b.r = a.r + 1)
      ORDER BY a.r, a.c, b.r, b.c),
    -- The line's end vertices are set to the node coordinates exactly, so neighbouring edges meet bit for bit.
    lines AS (
      SELECT ST_SetPoint(ST_SetPoint(${edge}, 0, ST_SetSRID(ST_MakePoint(e.x0, e.y0), 4326)),
                         ${EDGE_VERTICES - 1}::int, ST_SetSRID(ST_MakePoint(e.x1, e.y1), 4326)) AS geom
      FROM edges e),
    faces AS (SELECT (ST_Dump(ST_Polygonize(geom))).geom AS geom FROM lines),
    cells AS (
      SELECT r, c, n.code, n.name,
             ST_SetSRID(ST_MakePoint(${BOX.west}::float8 + (c + 0.5) * ${cw}::float8,
                                     ${BOX.south}::float8 + (r + 0.5) * ${ch}::float8), 4326) AS centre
      FROM generate_series(0, ${rows - 1}::int) AS r
      CROSS JOIN generate_series(0, ${cols - 1}::int) AS c
      LEFT JOIN (VALUES ${named}) AS n(nr, nc, code, name) ON n.nr = r AND n.nc = c),
    counties AS (
      SELECT coalesce(cells.code, '14' || lpad((cells.r + 1)::text, 2, '0') || lpad((cells.c + 31)::text, 2, '0')) AS code,
             cells.name, f.geom
      FROM cells JOIN faces f ON ST_Contains(f.geom, cells.centre))
    SELECT 'AD-' || code, coalesce(name, '合成县' || code), code, 'county', left(code, 4) || '00',
           jsonb_build_object('synthetic', true), geom
    FROM counties`);

  // Provinces are the union of their counties, so they share the county edges exactly.
  await db.execute(sql`
    INSERT INTO admin_areas (id, name, code, level, parent_code, props, geom)
    SELECT 'AD-' || p.code, p.name, p.code, 'province', NULL, jsonb_build_object('synthetic', true), ST_Multi(ST_Union(a.geom))
    FROM (VALUES ('140000', '合成省（山西）'), ('610000', '合成省（陕西）')) AS p(code, name)
    JOIN admin_areas a ON a.level = 'county' AND left(a.code, 2) = left(p.code, 2)
    GROUP BY p.code, p.name`);
}
