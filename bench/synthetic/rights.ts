/**
 * Mining rights: N rights in mining districts. District centres sit on a jittered grid over the province (so at 1M
 * the districts tile it, at 100k there is open country between them); each district gets a log-normal share of the
 * rights, laid out on a sunflower lattice (even density, round districts; spacing: province.ts) with jitter.
 * Licence areas are log-normal (median 0.12 km², 0.05–3 km²), so most neighbours keep a gap but the large ones
 * overlap theirs, and near-misses under 50 m are common: the overlap and pillar rules see real work.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../server/db/client.ts';
import { capacityWanTpa, groupOf, HOLDER_PREFIXES, methodFor, mineralZh, MINERALS, RIGHT_STATUS, SLOPE_MONITORING, slopeHeightM } from './mixes.ts';
import { BOX, districtCount, latticeSpacingM, rightId } from './province.ts';
import { eastOf, logNormal, normal, northOf, pick, polygonAround } from './sql.ts';

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
const TRADE_NAMES = ['鑫', '宏', '盛', '源', '泰', '通', '达', '华', '兴', '隆', '昌', '丰', '瑞', '祥', '金', '恒'];

const textArray = (values: readonly string[]) => sql`ARRAY[${sql.join(values.map((v) => sql`${v}::text`), sql`, `)}]`;

export async function insertRights(db: Executor, rights: number): Promise<void> {
  const districts = districtCount(rights);
  const lattice = latticeSpacingM(rights);
  const widthKm = (BOX.east - BOX.west) * 92;
  const heightKm = (BOX.north - BOX.south) * 111;
  const cols = Math.max(1, Math.round(Math.sqrt((districts * widthKm) / heightKm)));
  const rows = Math.ceil(districts / cols);
  const cw = (BOX.east - BOX.west) / cols;
  const ch = (BOX.north - BOX.south) / rows;
  const prefixes = textArray(HOLDER_PREFIXES);
  const trades = textArray(TRADE_NAMES);

  await db.execute(sql`
    INSERT INTO mining_rights (id, name, license_no, holder, mineral, mineral_group, method, status, capacity_wan_tpa,
                               elevation_top, elevation_bottom, slope_height_m, slope_monitoring, props, geom)
    WITH districts AS MATERIALIZED (
      SELECT c,
             ${BOX.west}::float8 + (c % ${cols}::int + 0.5 + 0.7 * (random() - 0.5)) * ${cw}::float8 AS cx,
             ${BOX.south}::float8 + (c / ${cols}::int + 0.5 + 0.7 * (random() - 0.5)) * ${ch}::float8 AS cy,
             exp(0.6 * ${normal}) AS w,
             2 * pi() * random() AS spin,
             (${prefixes})[1 + floor(random() * ${HOLDER_PREFIXES.length}::int)::int]
               || (${trades})[1 + floor(random() * ${TRADE_NAMES.length}::int)::int] || '矿业集团有限公司' AS group_holder
      FROM generate_series(0, ${districts - 1}::int) AS c),
    -- Each district's share of the N rights: [lo, hi) from the running sum of the weights; the last ends at N exactly.
    shares AS MATERIALIZED (
      SELECT d.*, lag(hi, 1, 0) OVER (ORDER BY c) AS lo
      FROM (SELECT *, CASE WHEN c = ${districts - 1}::int THEN ${rights}::int
                           ELSE floor(${rights}::int * sum(w) OVER (ORDER BY c) / sum(w) OVER ())::int END AS hi
            FROM districts) d),
    draws AS MATERIALIZED (
      SELECT s.lo + k + 1 AS i, s.c, s.group_holder,
             ${eastOf(sql`s.cx`, sql`s.cy`, sql`p.rho * cos(p.th) + ${lattice * 0.3}::float8 * (random() - 0.5)`)} AS lon,
             ${northOf(sql`s.cy`, sql`p.rho * sin(p.th) + ${lattice * 0.3}::float8 * (random() - 0.5)`)} AS lat,
             ${logNormal(120_000, 0.75, 50_000, 3_000_000)} AS area_m2,
             6 + floor(random() * 5)::int AS corners,
             exp(0.35 * random()) AS elongation,
             pi() * random() AS rotation,
             random() AS u_mineral, random() AS u_method, random() AS u_status, random() AS u_monitoring,
             random() AS u_holder, random() AS u_trade1, random() AS u_trade2, random() AS u_prefix,
             ${capacityWanTpa} AS capacity, ${slopeHeightM} AS slope,
             150 * ${normal} AS elevation_noise, 60 + 540 * random() AS depth, 2004 + floor(random() * 20)::int AS year
      FROM shares s
      CROSS JOIN LATERAL generate_series(0, s.hi - s.lo - 1) AS k
      CROSS JOIN LATERAL (SELECT ${lattice}::float8 * sqrt((k + 0.5) / pi()) AS rho,
                                 k * ${GOLDEN_ANGLE}::float8 + s.spin AS th) p),
    typed AS MATERIALIZED (
      SELECT d.*, m.mineral, ${groupOf(sql`m.mineral`)} AS mineral_group
      FROM draws d CROSS JOIN LATERAL (SELECT ${pick(sql`d.u_mineral`, MINERALS)} AS mineral) m),
    attributed AS (
      SELECT t.*, ${methodFor(sql`t.mineral_group`, sql`t.u_method`)} AS method,
             -- Terrain: 1 000–2 000 m, smooth across the province, plus local noise.
             round(1400 + 450 * sin(t.lon * 2.1) * cos(t.lat * 1.7) + t.elevation_noise) AS top
      FROM typed t)
    SELECT ${rightId(sql`a.i`)},
           (${prefixes})[1 + floor(a.u_prefix * ${HOLDER_PREFIXES.length}::int)::int] || a.i || '号' || ${mineralZh(sql`a.mineral`)} || '矿',
           'C140000' || a.year || lpad(a.i::text, 12, '0'),
           CASE WHEN a.u_holder < 0.35 THEN a.group_holder
                ELSE (${prefixes})[1 + floor(a.u_prefix * ${HOLDER_PREFIXES.length}::int)::int]
                     || (${trades})[1 + floor(a.u_trade1 * ${TRADE_NAMES.length}::int)::int]
                     || (${trades})[1 + floor(a.u_trade2 * ${TRADE_NAMES.length}::int)::int] || '矿业有限公司' END,
           a.mineral, a.mineral_group, a.method,
           ${pick(sql`a.u_status`, RIGHT_STATUS)},
           a.capacity, a.top, a.top - round(a.depth),
           CASE WHEN a.method IN ('open_pit', 'mixed') THEN a.slope END,
           CASE WHEN a.method IN ('open_pit', 'mixed') THEN ${pick(sql`a.u_monitoring`, SLOPE_MONITORING)} END,
           jsonb_build_object('synthetic', true, 'district', a.c),
           ${polygonAround({
             lon: sql`a.lon`,
             lat: sql`a.lat`,
             areaM2: sql`a.area_m2`,
             corners: sql`a.corners`,
             elongation: sql`a.elongation`,
             rotation: sql`a.rotation`,
           })}
    FROM attributed a`);
}
