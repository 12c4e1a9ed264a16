/**
 * head-top-tailings 头顶库: no residents or important facilities within 1 km downstream of the starter-dam toe.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { collection, evidence, fmt, names, namesEn, relatedOf, round } from '../evidence.ts';
import { defineRule, type Verdict } from '../types.ts';
import { azimuthSector, type DownstreamCorridor } from './flow-path.ts';

const params = z.object({
  reachM: z.number().positive().default(1000).describe('Length of the downstream corridor from the starter-dam toe (初期坝坡脚)'),
  halfAngleDeg: z
    .number()
    .positive()
    .max(90)
    .default(30)
    .describe('Half opening angle of the downstream sector either side of downstreamAzimuthDeg (used without a DEM)'),
});

type Params = z.infer<typeof params>;

/** How the downstream corridor is drawn; a DEM steepest-descent path can replace it here (see flow-path.ts). */
const flowPath: DownstreamCorridor = azimuthSector;

/**
 * The index prefilter looks this much beyond `reachM`: the corridor lies within `reachM` of the dam, but a settlement
 * touching it exactly at the arc must not be lost to rounding in the distance test. ST_Intersects decides.
 */
const PREFILTER_SLACK_M = 1;

interface SectorRow {
  no_dam_point: boolean;
  no_azimuth: boolean;
  id: string | null;
  name: string | null;
  kind: string | null;
  population: number | null;
  dist_m: number | null;
  corridor: unknown;
  hit: unknown;
}

export default defineRule({
  id: 'head-top-tailings',
  version: 1,
  title: { zh: '头顶库', en: 'Head-top tailings pond (头顶库)' },
  description: {
    zh: '尾矿库初期坝坡脚下游1公里流经范围内有居民或重要设施的为“头顶库”，严禁新建；无数字高程模型时按下游方位角±30°、半径1000米的扇形判断。',
    en: 'A tailings pond with residents or important facilities within 1 km downstream of the starter-dam toe is a head-top pond (头顶库): none may be built. Without a DEM the downstream path is a sector of radius 1000 m and ±30° about the downstream azimuth.',
  },
  appliesTo: ['tailings_ponds'],
  params,
  units: { reachM: 'm', halfAngleDeg: '°' },
  reach: (p) => ({ metres: p.reachM + PREFILTER_SLACK_M }),
  basis: {
    documents: ['山西省应急管理厅关于持续推进非煤矿山安全生产专项整治三年行动工作有效落实的督办函（晋应急函〔2022〕136号，seed 001）任务23、35', '拉萨市关于加强非煤矿山安全生产工作的实施意见（2023，seed 000）', '应急〔2020〕15号 防范化解尾矿库安全风险工作方案'],
    clause: '严禁新建“头顶库”、总坝高超过200米的尾矿库',
  },
  indexes: ['settlements_geog_gix'],
  query: ({ subjects, params: p, withEvidence }) => {
    const sector = flowPath.corridor(sql`s.dam_point`, sql`s.downstream_azimuth_deg`, p);
    // One row per subject even without a hit (LEFT JOIN), so a missing dam point or azimuth is reported as a warning.
    return sql`
    SELECT s.id AS subject_id,
           s.dam_point IS NULL AS no_dam_point,
           s.downstream_azimuth_deg IS NULL AS no_azimuth,
           h.id, h.name, h.kind, h.population, h.dist_m,
           CASE WHEN ${withEvidence} THEN ST_AsGeoJSON(c.shape, 7)::json END AS corridor,
           CASE WHEN ${withEvidence} THEN ST_AsGeoJSON(h.geom, 7)::json END AS hit
    FROM (${subjects}) s
    CROSS JOIN LATERAL (SELECT ${sector} AS shape) c
    LEFT JOIN LATERAL (
      SELECT near.id, near.name, near.kind, near.population, near.geom,
             ST_Distance(near.geog, s.dam_point::geography) AS dist_m
      -- The settlements within reach of the dam, by the geography index; OFFSET 0 keeps the sector test out of the
      -- scan, so the plan is the same whether the sector is known up front (check) or per pond (audit).
      FROM (SELECT st.* FROM settlements st
            WHERE ST_DWithin(st.geog, s.dam_point::geography, ${p.reachM + PREFILTER_SLACK_M}::float8) OFFSET 0) near
      WHERE ST_Intersects(near.geom, c.shape)) h ON true`;
  },
  evaluate(rows, { reachM, halfAngleDeg }: Params): Verdict {
    const all = rows as unknown as SectorRow[];
    const sectorText = { zh: `下游 ${fmt(reachM, 0)} m、±${halfAngleDeg}° 扇形范围`, en: `the downstream sector (${fmt(reachM, 0)} m, ±${halfAngleDeg}°)` };
    const first = all[0];
    const missing = first ? ([first.no_dam_point && 'damPoint', first.no_azimuth && 'downstreamAzimuthDeg'].filter(Boolean) as string[]) : [];
    if (missing.length) {
      const zh: Record<string, string> = { damPoint: '初期坝坡脚位置 damPoint', downstreamAzimuthDeg: '下游方位角 downstreamAzimuthDeg' };
      return {
        status: 'warn', measured: null, threshold: reachM, unit: 'm', related: [], evidence: collection([]),
        message: `缺少${missing.map((m) => zh[m]).join('、')}，无法判断是否为“头顶库”`,
        messageEn: `Cannot tell whether this is a head-top pond: ${missing.join(' and ')} missing`,
        details: { method: flowPath.method, missing },
      };
    }
    const corridor = evidence(first?.corridor, 'corridor', { method: flowPath.method, label: `${fmt(reachM, 0)} m ±${halfAngleDeg}°` });
    const hits = all.filter((r) => r.id !== null).sort((a, b) => (a.dist_m ?? 0) - (b.dist_m ?? 0) || a.id!.localeCompare(b.id!));
    if (hits.length === 0) {
      return {
        status: 'pass', measured: null, threshold: reachM, unit: 'm', related: [], evidence: collection([corridor]),
        message: `初期坝${sectorText.zh}内无居民点或重要设施`,
        messageEn: `No settlement or important facility in ${sectorText.en} below the dam`,
        details: { method: flowPath.method, population: 0, settlements: [] },
      };
    }
    const related = relatedOf(hits as never, 'settlements');
    const nearest = hits[0].dist_m ?? 0;
    const population = hits.reduce((sum, r) => sum + (r.population ?? 0), 0);
    const unknown = hits.filter((r) => r.population === null).length;
    const popText = {
      zh: `涉及人口 ${population.toLocaleString('en-US')} 人${unknown ? `（${unknown}处人口不详）` : ''}`,
      en: `exposed population ${population.toLocaleString('en-US')}${unknown ? ` (${unknown} without a population figure)` : ''}`,
    };
    return {
      status: 'fail',
      measured: round(nearest),
      threshold: reachM,
      unit: 'm',
      related,
      evidence: collection([
        corridor,
        ...hits.map((r) => evidence(r.hit, 'hit', { relatedId: r.id, distanceM: round(r.dist_m ?? 0), label: `${r.name} ${fmt(r.dist_m ?? 0)} m` })),
      ]),
      message: `初期坝${sectorText.zh}内有${names(related)}，最近 ${fmt(nearest)} m，${popText.zh}：属“头顶库”（严禁新建；已建的应搬迁下游居民或闭库治理）`,
      messageEn: `${namesEn(related)} in ${sectorText.en} below the dam, nearest ${fmt(nearest)} m, ${popText.en}: a head-top pond (头顶库; none may be built, existing ones need relocation or closure)`,
      details: {
        method: flowPath.method,
        population,
        settlements: hits.map((r) => ({ id: r.id, name: r.name, kind: r.kind, population: r.population, distanceM: round(r.dist_m ?? 0) })),
      },
    };
  },
});
