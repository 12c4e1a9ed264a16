/**
 * The layers that live around the mines: tailings ponds, settlements, hidden-hazard zones, restricted zones, ridge
 * lines and ore bodies. Most are placed relative to a random stored right (an "anchor"), so they cluster in the
 * mining districts as they do in reality; settlements and restricted zones also have a share spread over the box.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../server/db/client.ts';
import { HAZARD_LEVEL, HAZARD_TYPE, POND_GRADE, POND_STATUS, SETTLEMENT_KIND, SURVEY_STATUS, ZONE_TYPE } from './mixes.ts';
import { BOX, rightId } from './province.ts';
import { eastOf, logNormal, meanderLine, northOf, pick, polygonAround, uniform } from './sql.ts';

/**
 * `count` sites (i = 1…count), each `minM`–`maxM` metres in a random direction from the centroid of a random right
 * of the N stored: columns i, lon, lat, anchor_mineral plus the extra draws given.
 */
function anchoredSites(count: number, rights: number, minM: number, maxM: number, extra: SQL = sql``): SQL {
  return sql`
    anchors AS MATERIALIZED (
      SELECT g AS i, 1 + floor(random() * ${rights}::int)::int AS anchor, ${uniform(minM, maxM)} AS dist,
             2 * pi() * random() AS dir ${extra}
      FROM generate_series(1, ${count}::int) AS g),
    sites AS MATERIALIZED (
      SELECT a.*, m.mineral AS anchor_mineral,
             ${eastOf(sql`ST_X(c.pt)`, sql`ST_Y(c.pt)`, sql`a.dist * sin(a.dir)`)} AS lon,
             ${northOf(sql`ST_Y(c.pt)`, sql`a.dist * cos(a.dir)`)} AS lat
      FROM anchors a
      JOIN mining_rights m ON m.id = ${rightId(sql`a.anchor`)}
      CROSS JOIN LATERAL (SELECT ST_Centroid(m.geom) AS pt) c)`;
}

const synthetic = sql`jsonb_build_object('synthetic', true)`;

export async function insertTailingsPonds(db: Executor, rights: number, count: number): Promise<void> {
  const pondShape = polygonAround({
    lon: sql`s.lon`, lat: sql`s.lat`, areaM2: sql`s.area_m2`, corners: sql`s.corners`, elongation: sql`s.elongation`, rotation: sql`r.rotation`,
  });
  // The starter-dam toe sits just outside the pond on its downstream side (the pond's long axis points downstream).
  const reach = sql`1.4 * sqrt(s.area_m2 / pi()) * s.elongation`;
  await db.execute(sql`
    INSERT INTO tailings_ponds (id, name, grade, dam_height_m, capacity_wan_m3, status, downstream_azimuth_deg, one_time_dam,
                                final_elevation_reached, idle_since, operator, dam_point, props, geom)
    WITH ${anchoredSites(count, rights, 500, 2500, sql`,
             ${logNormal(80_000, 0.8, 20_000, 600_000)} AS area_m2, 6 + floor(random() * 5)::int AS corners,
             exp(0.3 * random()) AS elongation, 360 * random() AS azimuth,
             ${logNormal(35, 0.6, 5, 260)} AS dam_height, ${logNormal(150, 1.2, 2, 30_000)} AS capacity,
             random() AS u_grade, random() AS u_status, random() AS u_one_time, random() AS u_final,
             random() AS u_operator, 2008 + floor(random() * 17)::int AS idle_year`)}
    SELECT 'TP-' || lpad(s.i::text, 6, '0'), '合成' || s.i || '号尾矿库',
           ${pick(sql`s.u_grade`, POND_GRADE)}::int, round(s.dam_height::numeric, 1)::float8, round(s.capacity::numeric, 1)::float8,
           st.status, round(s.azimuth::numeric, 1)::float8, s.u_one_time < 0.3, s.u_final < 0.1,
           CASE WHEN st.status = 'idle' THEN s.idle_year END,
           CASE WHEN s.u_operator >= 0.06 THEN '合成' || s.i || '号选矿厂' END,
           ST_SetSRID(ST_MakePoint(${eastOf(sql`s.lon`, sql`s.lat`, sql`${reach} * sin(radians(s.azimuth))`)},
                                   ${northOf(sql`s.lat`, sql`${reach} * cos(radians(s.azimuth))`)}), 4326),
           ${synthetic}, ${pondShape}
    FROM sites s
    CROSS JOIN LATERAL (SELECT ${pick(sql`s.u_status`, POND_STATUS)} AS status) st
    -- Stretched along the valley: rotation is counter-clockwise from east, the azimuth clockwise from north.
    CROSS JOIN LATERAL (SELECT radians(90 - s.azimuth) AS rotation) r`);
}

export async function insertSettlements(db: Executor, rights: number, count: number): Promise<void> {
  // 70 % of the villages lie in the mining districts (within 6 km of a right), the rest anywhere in the province.
  await db.execute(sql`
    INSERT INTO settlements (id, name, population, kind, props, geom)
    WITH ${anchoredSites(count, rights, 200, 6000, sql`, random() AS u_spread, random() AS u_kind, random() AS ux, random() AS uy,
             ${logNormal(600, 0.8, 40, 8000)} AS village_pop, ${logNormal(20_000, 0.8, 3000, 150_000)} AS town_pop`)}
    SELECT 'ST-' || lpad(s.i::text, 7, '0'), '合成' || s.i || CASE k.kind WHEN 'village' THEN '村' WHEN 'town' THEN '镇' WHEN 'school' THEN '学校' WHEN 'hospital' THEN '医院' ELSE '设施' END,
           CASE k.kind WHEN 'village' THEN round(s.village_pop) WHEN 'town' THEN round(s.town_pop) WHEN 'school' THEN round(s.village_pop / 2)
                       ELSE round(s.village_pop / 4) END::int,
           k.kind, ${synthetic},
           CASE WHEN s.u_spread < 0.7 THEN ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326)
                ELSE ST_SetSRID(ST_MakePoint(${BOX.west}::float8 + s.ux * ${BOX.east - BOX.west}::float8,
                                             ${BOX.south}::float8 + s.uy * ${BOX.north - BOX.south}::float8), 4326) END
    FROM sites s
    CROSS JOIN LATERAL (SELECT ${pick(sql`s.u_kind`, SETTLEMENT_KIND)} AS kind) k`);
}

export async function insertHazardZones(db: Executor, rights: number, count: number): Promise<void> {
  const shape = polygonAround({
    lon: sql`s.lon`, lat: sql`s.lat`, areaM2: sql`s.area_m2`, corners: sql`s.corners`, elongation: sql`s.elongation`, rotation: sql`s.rotation`,
  });
  await db.execute(sql`
    INSERT INTO hazard_zones (id, name, hazard_type, survey_status, level, props, geom)
    WITH ${anchoredSites(count, rights, 0, 1500, sql`, ${logNormal(500_000, 0.9, 100_000, 5_000_000)} AS area_m2,
             8 + floor(random() * 9)::int AS corners, exp(0.6 * random()) AS elongation, pi() * random() AS rotation,
             random() AS u_type, random() AS u_survey, random() AS u_level`)}
    SELECT 'HZ-' || lpad(s.i::text, 6, '0'), '合成' || s.i || '号隐蔽致灾区',
           ${pick(sql`s.u_type`, HAZARD_TYPE)}, ${pick(sql`s.u_survey`, SURVEY_STATUS)}, ${pick(sql`s.u_level`, HAZARD_LEVEL)},
           ${synthetic}, ${shape}
    FROM sites s`);
}

export async function insertRestrictedZones(db: Executor, rights: number, count: number): Promise<void> {
  // Sizes from a 1 km² water-source area to a ~3 000 km² nature reserve; big zones get many corners (up to 400),
  // so restricted_zones_pieces has real subdividing to do.
  const shape = polygonAround({
    lon: sql`z.lon`, lat: sql`z.lat`, areaM2: sql`z.area_m2`, corners: sql`z.corners`, elongation: sql`z.elongation`, rotation: sql`z.rotation`,
  });
  await db.execute(sql`
    INSERT INTO restricted_zones (id, name, zone_type, props, geom)
    WITH ${anchoredSites(count, rights, 1000, 10_000, sql`, ${logNormal(15e6, 1.3, 1e6, 3e9)} AS area_m2,
             exp(0.7 * random()) AS elongation, pi() * random() AS rotation,
             random() AS u_spread, random() AS ux, random() AS uy, random() AS u_type`)},
    zones AS MATERIALIZED (
      SELECT s.i, s.area_m2, s.elongation, s.rotation, s.u_type,
             least(400, 12 + floor(4 * sqrt(s.area_m2 / 1e6)))::int AS corners,
             CASE WHEN s.u_spread < 0.6 THEN s.lon ELSE ${BOX.west}::float8 + s.ux * ${BOX.east - BOX.west}::float8 END AS lon,
             CASE WHEN s.u_spread < 0.6 THEN s.lat ELSE ${BOX.south}::float8 + s.uy * ${BOX.north - BOX.south}::float8 END AS lat
      FROM sites s)
    SELECT 'RZ-' || lpad(z.i::text, 5, '0'), '合成' || z.i || '号' || t.label, t.zone_type, ${synthetic}, ${shape}
    FROM zones z
    CROSS JOIN LATERAL (SELECT ${pick(sql`z.u_type`, ZONE_TYPE)} AS zone_type) t0
    CROSS JOIN LATERAL (SELECT t0.zone_type, CASE t0.zone_type WHEN 'ecological_red_line' THEN '生态保护红线'
                               WHEN 'nature_reserve' THEN '自然保护区' WHEN 'water_source' THEN '水源保护区' ELSE '禁采区' END AS label) t`);
}

export async function insertRidgeLines(db: Executor, rights: number, count: number): Promise<void> {
  // 2–12 km ridges through the districts (where the sand and stone quarries are), 20–80 vertices each.
  const half = sql`s.length_m / 2`;
  const line = meanderLine({
    x0: eastOf(sql`s.lon`, sql`s.lat`, sql`-${half} * cos(s.dir2)`),
    y0: northOf(sql`s.lat`, sql`-${half} * sin(s.dir2)`),
    x1: eastOf(sql`s.lon`, sql`s.lat`, sql`${half} * cos(s.dir2)`),
    y1: northOf(sql`s.lat`, sql`${half} * sin(s.dir2)`),
    vertices: sql`s.vertices`,
    offset: (t) => sql`s.length_m / 111000 * (0.05 * sin(2 * pi() * 1.3 * ${t} + s.p1) + 0.015 * sin(2 * pi() * 5 * ${t} + s.p2))`,
  });
  await db.execute(sql`
    INSERT INTO ridge_lines (id, name, props, geom)
    WITH ${anchoredSites(count, rights, 0, 800, sql`, ${uniform(2000, 12_000)} AS length_m, pi() * random() AS dir2,
             20 + floor(random() * 61)::int AS vertices, 2 * pi() * random() AS p1, 2 * pi() * random() AS p2`)}
    SELECT 'RL-' || lpad(s.i::text, 6, '0'), '合成' || s.i || '号山脊', ${synthetic}, ${line}
    FROM sites s`);
}

export async function insertOreBodies(db: Executor, rights: number, count: number): Promise<void> {
  // An ore body lies under its anchor right and usually reaches under neighbours: ore-body-single-right has work.
  const shape = polygonAround({
    lon: sql`s.lon`, lat: sql`s.lat`, areaM2: sql`s.area_m2`, corners: sql`s.corners`, elongation: sql`s.elongation`, rotation: sql`s.rotation`,
  });
  await db.execute(sql`
    INSERT INTO ore_bodies (id, name, mineral, props, geom)
    WITH ${anchoredSites(count, rights, 0, 400, sql`, ${logNormal(1e6, 0.7, 300_000, 6e6)} AS area_m2,
             8 + floor(random() * 7)::int AS corners, exp(0.8 * random()) AS elongation, pi() * random() AS rotation`)}
    SELECT 'OB-' || lpad(s.i::text, 6, '0'), '合成' || s.i || '号矿体', s.anchor_mineral, ${synthetic}, ${shape}
    FROM sites s`);
}
