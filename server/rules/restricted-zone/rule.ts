/**
 * restricted-zone 禁止/限制勘查开采区: joint site selection (联合选址) must keep new or extended mines and tailings ponds
 * out of ecological red lines, nature reserves, water-source protection areas and no-mining zones.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { collection, fmt, relatedOf, round, roundAgainst } from '../evidence.ts';
import { defineRule } from '../types.ts';
import { CHECK_REACH, nearestPass, overlapFailure, zoneEvidence as zoneEvidenceOf, zoneProximityRule, type ZoneRow as ZoneRowBase } from '../zone-proximity.ts';

const params = z.object({
  zoneTypes: z
    .array(z.string().min(1))
    .default(['ecological_red_line', 'nature_reserve', 'water_source', 'no_mining'])
    .describe('zoneType values that count (生态保护红线, 自然保护区, 水源保护区, 禁止开采区); zones of other types are ignored, zones with no zoneType count'),
  nearM: z.number().positive().default(500).describe('Ground distance within which a counted zone warns (touching counts as 0 m)'),
});

/**
 * The zones that count, for the query shared with hidden-hazard-zone (../zone-proximity.ts): those of `zoneTypes`,
 * and those of no type. A check looks 4 × nearM out, so a pass can still say how far the nearest zone is.
 */
const counted = ({ zoneTypes }: z.infer<typeof params>) =>
  sql`z.zone_type IS NULL OR z.zone_type IN (SELECT jsonb_array_elements_text(${JSON.stringify(zoneTypes)}::jsonb))`;

interface ZoneRow extends ZoneRowBase {
  zone_type: string | null;
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
  version: 2,
  title: { zh: '禁止/限制勘查开采区避让', en: 'Restricted zones' },
  description: {
    zh: '采矿权、尾矿库与生态保护红线、自然保护区、水源保护区、禁止开采区重叠（面积大于0）的不通过；相接或距其不足500米的提示。',
    en: 'A mining right or tailings pond overlapping (area > 0) an ecological red line, nature reserve, water-source protection area or no-mining zone fails; touching one or lying within 500 m of one warns.',
  },
  ...zoneProximityRule({ zones: 'restricted_zones', columns: ['zone_type'], filter: counted }),
  params,
  basis: {
    documents: ['江津区加强非煤矿山安全生产工作实施方案（江津府办发〔2023〕11号，seed 003）'],
    clause:
      '严格落实规划自然资源、生态环境、应急管理等部门和所在镇（街）参与新建、扩建（增划资源）非煤矿山联合选址制度，依法依规避让禁止限制勘查开采区域',
  },
  evaluate(rows, { nearM }) {
    const zones = [...(rows as unknown as ZoneRow[])].sort((a, b) => a.gap_m - b.gap_m || b.area_m2 - a.area_m2);
    const { zone: zoneEvidence, gap: gapEvidence } = zoneEvidenceOf(nearM);
    const details = { zones: zones.map((r) => ({ id: r.id, zoneType: r.zone_type, gapM: round(r.gap_m), areaM2: round(r.area_m2) })) };

    const inside = zones.filter((r) => r.area_m2 > 0);
    if (inside.length) {
      return overlapFailure(inside, 'restricted_zones', nearM, (area) => ({
        message: `与${inside.map(labelZh).join('、')}重叠 ${fmt(area, 2)} m²，须避让禁止/限制勘查开采区域`,
        messageEn: `Overlaps ${inside.map(labelEn).join(', ')} by ${fmt(area, 2)} m²: prohibited/restricted zones must be avoided`,
      }), details);
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
    return nearestPass(nearest, nearM, [], {
      message: nearest
        ? `距最近的${labelZh(nearest)} ${fmt(nearest.gap_m)} m，不少于 ${nearM} m`
        : `${nearM * CHECK_REACH} m 范围内无禁止/限制勘查开采区域`,
      messageEn: nearest
        ? `Nearest restricted zone ${labelEn(nearest)} is ${fmt(nearest.gap_m)} m away, not under ${nearM} m`
        : `No restricted zone within ${nearM * CHECK_REACH} m`,
    }, details);
  },
});
