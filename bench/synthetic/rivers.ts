/**
 * Rivers: a few long meandering centre lines of thousands of vertices (a real river in Natural Earth 1:10m has
 * that many), so the yellow-river-buffer rule meets the whole-line problem DOMAIN.md describes and the
 * rivers_pieces table (trigger, ST_Subdivide 48) does its job. Courses loosely follow the real ones.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../server/db/client.ts';
import { meanderLine } from './sql.ts';

interface RiverDef {
  id: string;
  name: string;
  riverClass: 'yellow_main' | 'yellow_tributary' | 'other';
  from: [number, number];
  to: [number, number];
  vertices: number;
  /** Largest meander amplitude, degrees. */
  amplitude: number;
}

const RIVERS: readonly RiverDef[] = [
  // Natural Earth also splits the main stem in two features; both are yellow_main.
  { id: 'RV-HUANG-N', name: '黄河', riverClass: 'yellow_main', from: [111.2, 39.4], to: [110.42, 34.62], vertices: 4500, amplitude: 0.1 },
  { id: 'RV-HUANG-S', name: '黄河', riverClass: 'yellow_main', from: [110.42, 34.62], to: [113.7, 34.85], vertices: 3000, amplitude: 0.06 },
  { id: 'RV-FEN', name: '汾河', riverClass: 'yellow_tributary', from: [111.95, 38.95], to: [110.55, 35.45], vertices: 4000, amplitude: 0.12 },
  { id: 'RV-QIN', name: '沁河', riverClass: 'yellow_tributary', from: [112.2, 37.1], to: [113.1, 35.0], vertices: 2500, amplitude: 0.08 },
  { id: 'RV-SANGGAN', name: '桑干河', riverClass: 'other', from: [112.4, 38.9], to: [115.2, 38.6], vertices: 2000, amplitude: 0.07 },
  { id: 'RV-HUTUO', name: '滹沱河', riverClass: 'other', from: [112.9, 38.7], to: [116.3, 38.1], vertices: 2000, amplitude: 0.07 },
  { id: 'RV-ZHANG', name: '漳河', riverClass: 'other', from: [112.8, 36.9], to: [116.0, 36.2], vertices: 1800, amplitude: 0.06 },
  { id: 'RV-SUSHUI', name: '涑水河', riverClass: 'other', from: [111.9, 35.5], to: [110.5, 34.8], vertices: 1000, amplitude: 0.04 },
];

export async function insertRivers(db: Executor): Promise<void> {
  const values = sql.join(
    RIVERS.map(
      (r) =>
        sql`(${r.id}::text, ${r.name}::text, ${r.riverClass}::text, ${r.from[0]}::float8, ${r.from[1]}::float8,
             ${r.to[0]}::float8, ${r.to[1]}::float8, ${r.vertices}::int, ${r.amplitude}::float8)`,
    ),
    sql`, `,
  );
  const line = meanderLine({
    x0: sql`v.x0`,
    y0: sql`v.y0`,
    x1: sql`v.x1`,
    y1: sql`v.y1`,
    vertices: sql`v.vertices`,
    // Three scales of meander plus a little per-vertex noise.
    offset: (t) => sql`v.amplitude * (0.6 * sin(2 * pi() * 3 * ${t} + v.p1) + 0.3 * sin(2 * pi() * 11 * ${t} + v.p2)
                                      + 0.1 * sin(2 * pi() * 37 * ${t} + v.p3)) + 0.0004 * (random() - 0.5)`,
  });
  await db.execute(sql`
    INSERT INTO rivers (id, name, river_class, props, geom)
    WITH v AS MATERIALIZED (
      SELECT d.*, 2 * pi() * random() AS p1, 2 * pi() * random() AS p2, 2 * pi() * random() AS p3
      FROM (VALUES ${values}) AS d(id, name, river_class, x0, y0, x1, y1, vertices, amplitude)
      ORDER BY d.id)
    SELECT v.id, v.name, v.river_class, jsonb_build_object('synthetic', true), ${line}
    FROM v`);
}
