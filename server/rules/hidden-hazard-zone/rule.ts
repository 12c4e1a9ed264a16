/**
 * hidden-hazard-zone 隐蔽致灾因素: a mining right or tailings pond must not be set over a hidden-hazard zone that has not
 * been surveyed (普查); surveyed but untreated major/significant zones, and goaf / old workings nearby, call for review.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { collection, fmt, relatedOf, round, roundAgainst } from '../evidence.ts';
import { defineRule, type Verdict } from '../types.ts';
import { nearestPass, overlapArea, overlapFailure, zoneEvidence as zoneEvidenceOf, zoneProximityRule, type ZoneRow as ZoneRowBase } from '../zone-proximity.ts';

const params = z.object({
  nearM: z.number().positive().default(200).describe('Ground distance within which an untreated goaf or old-workings zone warns'),
  nearHazardTypes: z
    .array(z.string().min(1))
    .default(['goaf', 'old_workings'])
    .describe('hazardType values (采空区, 老窑) that warn within nearM even without touching'),
  warnLevels: z
    .array(z.string().min(1))
    .default(['major', 'significant'])
    .describe('level values (重大, 较大) of a surveyed, untreated zone that warn when the subject intersects it'),
});

interface ZoneRow extends ZoneRowBase {
  hazard_type: string | null;
  survey_status: string | null;
  level: string | null;
}

type Finding = 'overlap-unsurveyed' | 'adjacent-unsurveyed' | 'intersects-surveyed' | 'near' | 'none';

/**
 * The zones that count, for the query shared with restricted-zone (../zone-proximity.ts): every zone but the treated
 * ones. A check looks 4 × nearM out, so a pass can still name the nearest goaf / old workings.
 */
const counted = () => sql`z.survey_status IS DISTINCT FROM 'treated'`;

const typeZh: Record<string, string> = {
  goaf: '采空区', old_workings: '老窑', closed_mine: '废弃矿井', water: '水体', karst: '岩溶', fault: '断层', landslide: '滑坡',
};
const levelZh: Record<string, string> = { major: '重大', significant: '较大', general: '一般', low: '低' };

function classify(r: ZoneRow, p: z.infer<typeof params>): Finding {
  // A zone without surveyStatus is taken as unsurveyed: "take the higher, not the lower" (就高不就低).
  const unsurveyed = r.survey_status === null || r.survey_status === 'unsurveyed';
  const touches = r.hits || r.gap_m === 0;
  if (unsurveyed && r.area_m2 > 0) return 'overlap-unsurveyed';
  if (unsurveyed && touches) return 'adjacent-unsurveyed';
  // A surveyed zone without a level is taken as major/significant (就高不就低).
  if (!unsurveyed && touches && (r.level === null || p.warnLevels.includes(r.level))) return 'intersects-surveyed';
  if (r.hazard_type !== null && p.nearHazardTypes.includes(r.hazard_type) && r.gap_m < p.nearM) return 'near';
  return 'none';
}

function describeZone(r: ZoneRow): { zh: string; en: string } {
  const t = r.hazard_type ?? 'unknown';
  const s = r.survey_status ?? 'unsurveyed (not recorded)';
  const l = r.level ?? 'level not recorded';
  return {
    zh: `${r.name}（${typeZh[t] ?? t}，${r.survey_status === 'surveyed' ? `已普查，${levelZh[l] ?? l}` : r.survey_status === null ? '普查状态未填写，按未普查' : '未普查'}）`,
    en: `${r.name} (${t}, ${s}${r.survey_status === 'surveyed' ? `, ${l}` : ''})`,
  };
}

export default defineRule({
  id: 'hidden-hazard-zone',
  version: 2,
  title: { zh: '隐蔽致灾因素', en: 'Hidden-hazard zones' },
  description: {
    zh: '采矿权、尾矿库与未普查的隐蔽致灾因素区重叠的不通过；与已普查未治理的重大/较大风险区相交，与未普查区相接，或距未治理采空区、老窑不足200米的提示；已治理的不计。',
    en: 'A mining right or tailings pond overlapping an unsurveyed hidden-hazard zone fails; intersecting a surveyed, untreated major/significant zone, touching an unsurveyed one, or lying within 200 m of untreated goaf or old workings warns; treated zones are ignored.',
  },
  ...zoneProximityRule({ zones: 'hazard_zones', columns: ['hazard_type', 'survey_status', 'level'], filter: counted }),
  params,
  basis: {
    documents: [
      '非煤矿山系统安全生产治本攻坚三年行动方案（2024—2026年，seed 002）第13条',
      '湖北省某市2022年非煤矿山安全生产工作安排（seed 004）第6条',
    ],
    clause:
      '推动矿山企业查清3-5年采掘范围内各类隐蔽致灾因素，按照“就高不就低”的原则调整每座矿山灾害防治等级……对普查不清的立即采取措施查明……推动各地区对连片矿区统筹组织开展区域性矿山隐蔽致灾因素普查，及时予以治理（002）；全面开展隐蔽致灾因素普查治理……探清查明矿区周边闭坑矿井、老采空区和导水通道等情况（004）',
  },
  evaluate(rows, p) {
    const { nearM } = p;
    const zones = (rows as unknown as ZoneRow[]).map((r) => ({ ...r, finding: classify(r, p) })).sort((a, b) => a.gap_m - b.gap_m);
    const { zone: zoneEvidence, overlap: overlapEvidence, gap: gapEvidence } = zoneEvidenceOf(nearM);
    const details = {
      zones: zones
        .filter((r) => r.finding !== 'none')
        .map((r) => ({ id: r.id, finding: r.finding, hazardType: r.hazard_type, surveyStatus: r.survey_status, level: r.level, gapM: round(r.gap_m), areaM2: round(r.area_m2) })),
    };

    const failing = zones.filter((r) => r.finding === 'overlap-unsurveyed');
    if (failing.length) {
      const list = failing.map(describeZone);
      return overlapFailure(failing, 'hazard_zones', nearM, (area) => ({
        message: `与未普查的隐蔽致灾因素区${list.map((d) => d.zh).join('、')}重叠 ${fmt(area, 2)} m²，须先查明隐蔽致灾因素`,
        messageEn: `Overlaps unsurveyed hidden-hazard zone(s) ${list.map((d) => d.en).join(', ')} by ${fmt(area, 2)} m²: the hazards must be surveyed first`,
      }), details);
    }

    const warning = zones.filter((r) => r.finding !== 'none');
    if (warning.length) {
      const related = relatedOf(warning as never, 'hazard_zones');
      const pictures = collection([...warning.map(zoneEvidence), ...warning.map((r) => (r.hits ? overlapEvidence(r) : gapEvidence(r)))]);
      const parts = warning.map((r) => {
        const d = describeZone(r);
        switch (r.finding) {
          case 'adjacent-unsurveyed':
            return { zh: `与未普查区${d.zh}相接，须查明`, en: `touches unsurveyed zone ${d.en}: survey required` };
          case 'intersects-surveyed':
            return r.area_m2 > 0
              ? { zh: `与已普查未治理区${d.zh}相交 ${fmt(roundAgainst(r.area_m2, 0), 2)} m²`, en: `intersects surveyed, untreated zone ${d.en} by ${fmt(roundAgainst(r.area_m2, 0), 2)} m²` }
              : { zh: `与已普查未治理区${d.zh}相接`, en: `touches surveyed, untreated zone ${d.en}` };
          default:
            return { zh: `距未治理的${d.zh} ${fmt(roundAgainst(r.gap_m, nearM), 2)} m（< ${nearM} m）`, en: `${fmt(roundAgainst(r.gap_m, nearM), 2)} m from untreated ${d.en} (< ${nearM} m)` };
        }
      });
      // The measure shown: overlap area with surveyed major/significant zones when there is one, else the smallest gap.
      const overlapping = warning.filter((r) => r.finding === 'intersects-surveyed' && r.area_m2 > 0);
      const measure: Pick<Verdict, 'measured' | 'threshold' | 'unit'> = overlapping.length
        ? { measured: overlapArea(overlapping), threshold: 0, unit: 'm²' }
        : { measured: roundAgainst(warning[0].gap_m, nearM), threshold: nearM, unit: 'm' };
      return {
        status: 'warn',
        ...measure,
        related,
        evidence: pictures,
        message: `隐蔽致灾因素需核查：${parts.map((x) => x.zh).join('；')}`,
        messageEn: `Hidden hazards to review: ${parts.map((x) => x.en).join('; ')}`,
        details,
      };
    }

    // Pass: name the nearest goaf / old workings (the distance the rule compares) and any zone intersected.
    const nearest = zones.find((r) => r.hazard_type !== null && p.nearHazardTypes.includes(r.hazard_type));
    const crossed = zones.filter((r) => r.hits || r.gap_m === 0);
    const zh: string[] = [];
    const en: string[] = [];
    if (nearest) {
      zh.push(`最近的未治理采空区/老窑${describeZone(nearest).zh}相距 ${fmt(nearest.gap_m)} m，不少于 ${nearM} m`);
      en.push(`nearest untreated goaf/old workings ${describeZone(nearest).en} is ${fmt(nearest.gap_m)} m away, not under ${nearM} m`);
    }
    if (crossed.length) {
      zh.push(`与${crossed.map((r) => describeZone(r).zh).join('、')}相交，已普查且风险等级非重大/较大`);
      en.push(`intersects ${crossed.map((r) => describeZone(r).en).join(', ')}, surveyed and not major/significant`);
    }
    if (!zh.length) {
      zh.push(zones.length ? `附近的隐蔽致灾因素区${describeZone(zones[0]).zh}相距 ${fmt(zones[0].gap_m)} m，未相交` : '未涉及未普查或未治理的隐蔽致灾因素区');
      en.push(zones.length ? `nearest hidden-hazard zone ${describeZone(zones[0]).en} is ${fmt(zones[0].gap_m)} m away, not intersected` : 'no unsurveyed or untreated hidden-hazard zone involved');
    }
    return nearestPass(nearest, nearM, crossed.map(zoneEvidence), {
      message: zh.join('；'),
      messageEn: `${en.join('; ').replace(/^./, (c) => c.toUpperCase())}`,
    }, details);
  },
});
