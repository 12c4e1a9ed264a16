/**
 * Proposals to check: new mining rights and tailings ponds at random realistic places, i.e. in the mining districts
 * next to stored rights (a right 0–1.5 km from a random stored one, so many overlap or crowd a neighbour; a pond
 * 0.5–3 km away), with the same attribute mixes as the stored data. Drawn in the database with setseed, so the same
 * dataset gives the same proposals on every run and target.
 */
import { sql } from 'drizzle-orm';
import type { Feature, Polygon } from 'geojson';
import { rows, type Db } from '../server/db/client.ts';
import type { SubjectLayer } from '../server/rules/types.ts';
import { capacityWanTpa, groupOf, methodFor, MINERALS, POND_GRADE, SLOPE_MONITORING, slopeHeightM } from './synthetic/mixes.ts';
import { rightId } from './synthetic/province.ts';
import { eastOf, logNormal, northOf, pick, polygonAround, uniform } from './synthetic/sql.ts';

export interface Proposal {
  layer: SubjectLayer;
  feature: Feature<Polygon>;
}

const SEED = 0.1234;

/** `count` proposals, 3 in 10 of them tailings ponds, interleaved so drift over the run affects both alike. */
export async function makeProposals(db: Db, rights: number, count: number): Promise<Proposal[]> {
  const ponds = Math.round(count * 0.3);
  const drawn = await db.orm.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.execute(sql`SET LOCAL jit = off`);
    await tx.execute(sql`SELECT setseed(${SEED}::float8)`);
    const shape = polygonAround({
      lon: sql`s.lon`, lat: sql`s.lat`, areaM2: sql`s.area_m2`, corners: sql`s.corners`, elongation: sql`s.elongation`, rotation: sql`s.rotation`,
    });
    return rows<Record<string, unknown>>(
      tx,
      sql`
      WITH d AS MATERIALIZED (
        SELECT g AS i, g > ${count - ponds}::int AS pond, 1 + floor(random() * ${rights}::int)::int AS anchor,
               2 * pi() * random() AS dir, random() AS u_dist,
               ${logNormal(120_000, 0.75, 50_000, 3_000_000)} AS right_area, ${logNormal(80_000, 0.8, 20_000, 600_000)} AS pond_area,
               6 + floor(random() * 5)::int AS corners, exp(0.35 * random()) AS elongation, ${uniform(0, 360)} AS azimuth,
               random() AS u_mineral, random() AS u_method, random() AS u_monitoring, random() AS u_grade,
               ${capacityWanTpa} AS capacity, ${slopeHeightM} AS slope, 60 + 540 * random() AS depth,
               ${logNormal(35, 0.6, 5, 260)} AS dam_height, ${logNormal(150, 1.2, 2, 30_000)} AS pond_capacity
        FROM generate_series(1, ${count}::int) AS g),
      s AS MATERIALIZED (
        SELECT d.*, m.holder AS anchor_holder, m.elevation_top AS anchor_top,
               CASE WHEN d.pond THEN d.pond_area ELSE d.right_area END AS area_m2,
               CASE WHEN d.pond THEN radians(90 - d.azimuth) ELSE pi() * d.u_dist END AS rotation,
               ${eastOf(sql`ST_X(c.pt)`, sql`ST_Y(c.pt)`, sql`r.dist * sin(d.dir)`)} AS lon,
               ${northOf(sql`ST_Y(c.pt)`, sql`r.dist * cos(d.dir)`)} AS lat,
               mn.mineral, ${groupOf(sql`mn.mineral`)} AS mineral_group
        FROM d
        JOIN mining_rights m ON m.id = ${rightId(sql`d.anchor`)}
        CROSS JOIN LATERAL (SELECT ST_Centroid(m.geom) AS pt) c
        CROSS JOIN LATERAL (SELECT CASE WHEN d.pond THEN 500 + 2500 * d.u_dist ELSE 1500 * d.u_dist END AS dist) r
        CROSS JOIN LATERAL (SELECT ${pick(sql`d.u_mineral`, MINERALS)} AS mineral) mn)
      SELECT s.i, s.pond, ST_AsGeoJSON(${shape}, 7) AS geometry,
             s.mineral, s.mineral_group, ${methodFor(sql`s.mineral_group`, sql`s.u_method`)} AS method,
             s.capacity, s.slope, ${pick(sql`s.u_monitoring`, SLOPE_MONITORING)} AS monitoring, s.anchor_holder,
             round(s.anchor_top) AS top, round(s.anchor_top - s.depth) AS bottom,
             s.azimuth, round(s.dam_height::numeric, 1)::float8 AS dam_height, round(s.pond_capacity::numeric, 1)::float8 AS pond_capacity,
             ${pick(sql`s.u_grade`, POND_GRADE)}::int AS grade,
             ST_X(dam.pt) AS dam_lon, ST_Y(dam.pt) AS dam_lat
      FROM s
      CROSS JOIN LATERAL (SELECT ST_MakePoint(
               ${eastOf(sql`s.lon`, sql`s.lat`, sql`1.4 * sqrt(s.area_m2 / pi()) * s.elongation * sin(radians(s.azimuth))`)},
               ${northOf(sql`s.lat`, sql`1.4 * sqrt(s.area_m2 / pi()) * s.elongation * cos(radians(s.azimuth))`)}) AS pt) dam
      ORDER BY s.i`,
    );
  });
  const rightsOut = drawn.filter((r) => !r.pond).map(rightProposal);
  const pondsOut = drawn.filter((r) => r.pond).map(pondProposal);
  // Interleave: 7 rights then 3 ponds, repeated.
  const out: Proposal[] = [];
  while (rightsOut.length || pondsOut.length) {
    out.push(...rightsOut.splice(0, 7), ...pondsOut.splice(0, 3));
  }
  return out;
}

const num = (x: unknown) => (x === null || x === undefined ? undefined : Number(x));

function rightProposal(r: Record<string, unknown>): Proposal {
  const openPit = r.method === 'open_pit' || r.method === 'mixed';
  const properties = {
    id: `P-MR-${String(r.i).padStart(3, '0')}`,
    name: `拟设采矿权${r.i}`,
    // Half the proposals come from the neighbour's holder (extensions, layered rights), half from a newcomer.
    holder: Number(r.i) % 2 === 0 ? r.anchor_holder : `拟设${r.i}号矿业有限公司`,
    mineral: r.mineral,
    mineralGroup: r.mineral_group,
    method: r.method,
    status: 'proposed',
    capacityWanTpa: num(r.capacity),
    elevationTop: num(r.top),
    elevationBottom: num(r.bottom),
    ...(openPit ? { slopeHeightM: num(r.slope), slopeMonitoring: r.monitoring } : {}),
  };
  return { layer: 'mining_rights', feature: { type: 'Feature', properties, geometry: JSON.parse(String(r.geometry)) } };
}

function pondProposal(r: Record<string, unknown>): Proposal {
  const properties = {
    id: `P-TP-${String(r.i).padStart(3, '0')}`,
    name: `拟建尾矿库${r.i}`,
    grade: num(r.grade),
    damHeightM: num(r.dam_height),
    capacityWanM3: num(r.pond_capacity),
    status: 'proposed',
    downstreamAzimuthDeg: Math.round(Number(r.azimuth) * 10) / 10,
    oneTimeDam: Number(r.i) % 3 === 0,
    operator: `拟建${r.i}号选矿厂`,
    damPoint: [Number(r.dam_lon), Number(r.dam_lat)],
  };
  return { layer: 'tailings_ponds', feature: { type: 'Feature', properties, geometry: JSON.parse(String(r.geometry)) } };
}
