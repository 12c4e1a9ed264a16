/**
 * restricted-zone 禁止/限制勘查开采区: joint site selection (联合选址) must keep new or extended mines and tailings ponds
 * out of ecological red lines, nature reserves, water-source protection areas and no-mining zones.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { collection, evidence, fmt, relatedOf, round, roundAgainst } from '../evidence.ts';
import { defineRule } from '../types.ts';

const params = z.object({
  zoneTypes: z
    .array(z.string().min(1))
    .default(['ecological_red_line', 'nature_reserve', 'water_source', 'no_mining'])
    .describe('zoneType values that count (生态保护红线, 自然保护区, 水源保护区, 禁止开采区); zones of other types are ignored, zones with no zoneType count'),
  nearM: z.number().positive().default(500).describe('Ground distance within which a counted zone warns (touching counts as 0 m)'),
});

/** A check also looks this many nearM out, so a pass can still say how far the nearest zone is. */
const CHECK_REACH = 4;

interface ZoneRow {
  id: string;
  name: string;
  zone_type: string | null;
  gap_m: number;
  hits: boolean;
  area_m2: number;
  overlap: unknown;
  gap: unknown;
  zone: unknown;
}

const typeZh: Record<string, string> = {
  ecological_red_line: '生态保护红线', nature_reserve: '自然保护区', water_source: '水源保护区', no_mining: '禁止开采区',
};
const typeEn: Record<string, string> = {
  ecological_red_line: 'ecological red line', nature_reserve: 'nature reserve', water_source: 'water-source protection area', no_mining: 'no-mining zone',
};
const labelZh = (r: ZoneRow) => `${r.name}（${r.zone_type === null ? '类型未填写' : (typeZh[r.zone_type] ?? r.zone_type)}）`;
const labelEn = (r: ZoneRow) => `${r.name} (${r.zone_type === null ? 'type not recorded' : (typeEn[r.zone_type] ?? r.zone_type)})`;

export default defineRule({
  id: 'restricted-zone',
  version: 1,
  title: { zh: '禁止/限制勘查开采区避让', en: 'Restricted zones' },
  description: {
    zh: '采矿权、尾矿库与生态保护红线、自然保护区、水源保护区、禁止开采区重叠（面积大于0）的不通过；相接或距其不足500米的提示。',
    en: 'A mining right or tailings pond overlapping (area > 0) an ecological red line, nature reserve, water-source protection area or no-mining zone fails; touching one or lying within 500 m of one warns.',
  },
  appliesTo: ['mining_rights', 'tailings_ponds'],
  params,
  units: { nearM: 'm' },
  reach: (p) => ({ metres: p.nearM }),
  basis: {
    documents: ['江津区加强非煤矿山安全生产工作实施方案（江津府办发〔2023〕11号，seed 003）'],
    clause:
      '严格落实规划自然资源、生态环境、应急管理等部门和所在镇（街）参与新建、扩建（增划资源）非煤矿山联合选址制度，依法依规避让禁止限制勘查开采区域',
  },
  indexes: ['restricted_zones_pieces_geog_gix'],
  // An audit drives from the zone pieces into the subjects' own geography index (see the query).
  auditIndexes: (layer) => [`${layer}_geog_gix`],
  // Candidate zones come from their subdivided pieces (GiST on the pieces' geography); a zone's gap is the smallest
  // ground distance over its pieces, so a feature inside a zone's hole is measured to the hole's edge. Overlap is cut
  // from the zone's own geometry (&& first) and measured as geography.
  query: ({ subjects, params: { zoneTypes, nearM }, withEvidence }) => sql`
    ${
      withEvidence
        ? sql``
        : // An audit: the least distance per (subject, zone), driven from the ~100 zone pieces into the subjects' own
          // index (one probe per piece, not one probe of the pieces per subject). The lateral subquery (kept one by
          // OFFSET 0) fixes that direction: a parallel plan probing per subject looks cheaper to the planner, and is not.
          sql`WITH d AS (
      SELECT q.subject_id, p.feature_id, min(q.dist_m) AS gap_m
      FROM restricted_zones_pieces p
      CROSS JOIN LATERAL (
        SELECT i.id AS subject_id, ST_Distance(p.geog, i.geog) AS dist_m
        FROM (${subjects}) i
        WHERE ST_DWithin(p.geog, i.geog, ${nearM}::float8)
        OFFSET 0) q
      GROUP BY q.subject_id, p.feature_id)`
    }
    SELECT s.id AS subject_id, z.id, z.name, z.zone_type, d.gap_m, h.hits,
           coalesce(ST_Area(x.shape::geography), 0) AS area_m2,
           CASE WHEN ${withEvidence} THEN ST_AsGeoJSON(x.shape, 7)::json END AS overlap,
           CASE WHEN ${withEvidence} AND NOT h.hits THEN ST_AsGeoJSON(ST_ShortestLine(s.geom, z.geom), 7)::json END AS gap,
           CASE WHEN ${withEvidence} THEN ST_AsGeoJSON(ST_Intersection(z.geom, ST_Expand(ST_Envelope(s.geom), 0.02)), 7)::json END AS zone
    FROM ${
      withEvidence
        ? sql`(${subjects}) s
    JOIN LATERAL (
      SELECT p.feature_id, min(ST_Distance(p.geog, s.geog)) AS gap_m
      FROM restricted_zones_pieces p
      WHERE ST_DWithin(p.geog, s.geog, ${nearM * CHECK_REACH}::float8)
      GROUP BY p.feature_id
    ) d ON true`
        : sql`d JOIN (${subjects}) s ON s.id = d.subject_id`
    }
    JOIN restricted_zones z ON z.id = d.feature_id
     AND (z.zone_type IS NULL OR z.zone_type IN (SELECT jsonb_array_elements_text(${JSON.stringify(zoneTypes)}::jsonb)))
    CROSS JOIN LATERAL (SELECT (z.geom && s.geom AND ST_Intersects(z.geom, s.geom)) AS hits) h
    LEFT JOIN LATERAL (
      SELECT ST_CollectionExtract(ST_Intersection(s.geom, z.geom), 3) AS shape WHERE h.hits
    ) x ON true`,
  evaluate(rows, { nearM }) {
    const zones = [...(rows as unknown as ZoneRow[])].sort((a, b) => a.gap_m - b.gap_m || b.area_m2 - a.area_m2);
    const zoneEvidence = (r: ZoneRow) => evidence(r.zone, 'zone', { relatedId: r.id, label: r.name });
    const overlapEvidence = (r: ZoneRow) =>
      evidence(r.overlap, 'overlap', { relatedId: r.id, areaM2: roundAgainst(r.area_m2, 0), label: `${fmt(roundAgainst(r.area_m2, 0), 2)} m²` });
    const gapEvidence = (r: ZoneRow) =>
      evidence(r.gap, 'gap', { relatedId: r.id, lengthM: roundAgainst(r.gap_m, nearM), label: `${fmt(roundAgainst(r.gap_m, nearM), 2)} m` });
    const details = { zones: zones.map((r) => ({ id: r.id, zoneType: r.zone_type, gapM: round(r.gap_m), areaM2: round(r.area_m2) })) };

    const inside = zones.filter((r) => r.area_m2 > 0);
    if (inside.length) {
      const area = roundAgainst(inside.reduce((sum, r) => sum + r.area_m2, 0), 0);
      const related = relatedOf(inside as never, 'restricted_zones');
      return {
        status: 'fail',
        measured: area,
        threshold: 0,
        unit: 'm²',
        related,
        evidence: collection([...inside.map(zoneEvidence), ...inside.map(overlapEvidence)]),
        message: `与${inside.map(labelZh).join('、')}重叠 ${fmt(area, 2)} m²，须避让禁止/限制勘查开采区域`,
        messageEn: `Overlaps ${inside.map(labelEn).join(', ')} by ${fmt(area, 2)} m²: prohibited/restricted zones must be avoided`,
        details,
      };
    }

    // Touching (a shared boundary, no area) is a gap of 0 m.
    const near = zones.filter((r) => r.hits || r.gap_m < nearM);
    if (near.length) {
      const related = relatedOf(near as never, 'restricted_zones');
      const gap = near[0].hits ? 0 : roundAgainst(near[0].gap_m, nearM);
      return {
        status: 'warn',
        measured: gap,
        threshold: nearM,
        unit: 'm',
        related,
        evidence: collection([...near.map(zoneEvidence), ...near.map(gapEvidence)]),
        message: `${gap === 0 ? `与${near.map(labelZh).join('、')}相接（0 m）` : `距${near.map(labelZh).join('、')} ${fmt(gap, 2)} m`}，不足 ${nearM} m，联合选址时须核实避让`,
        messageEn: `${gap === 0 ? 'Touches' : `${fmt(gap, 2)} m from`} ${near.map(labelEn).join(', ')}, within ${nearM} m: verify avoidance in the joint site selection`,
        details,
      };
    }

    const nearest = zones[0];
    return {
      status: 'pass',
      measured: nearest ? round(nearest.gap_m) : null,
      threshold: nearM,
      unit: 'm',
      related: [],
      evidence: collection(nearest ? [zoneEvidence(nearest), gapEvidence(nearest)] : []),
      message: nearest
        ? `距最近的${labelZh(nearest)} ${fmt(nearest.gap_m)} m，不少于 ${nearM} m`
        : `${nearM * CHECK_REACH} m 范围内无禁止/限制勘查开采区域`,
      messageEn: nearest
        ? `Nearest restricted zone ${labelEn(nearest)} is ${fmt(nearest.gap_m)} m away, not under ${nearM} m`
        : `No restricted zone within ${nearM * CHECK_REACH} m`,
      details,
    };
  },
});
