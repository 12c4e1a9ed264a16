/**
 * open-pit-spacing 露天矿山间距: neighbouring open-pit (or mixed) mines should keep a minimum working distance
 * between them (blasting, flyrock, shared slopes). The seeds only say "meet the safety rules", so the default
 * 300 m is provincial practice and the rule warns rather than fails.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { collection, fmt, names, namesEn, round } from '../evidence.ts';
import { CHECK_REACH, mineGaps, readGaps } from '../mine-gaps.ts';
import { minePairsPart } from '../mine-pairs.ts';
import { defineRule } from '../types.ts';

const params = z.object({
  minGapM: z.number().positive().default(300).describe('Least ground gap between open-pit/mixed mines (provincial practice)'),
});

/** Stored rights of these methods are the neighbours (closed ones are not). */
const NEIGHBOUR_METHODS = ['open_pit', 'mixed'];

export default defineRule({
  id: 'open-pit-spacing',
  version: 4,
  title: { zh: '露天矿山最小间距', en: 'Open-pit spacing' },
  description: {
    zh: '露天（或联合）开采矿山与相邻露天/联合开采矿山生产建设作业范围之间的地面距离宜不小于最小间距（默认300米，省级实践，提示性），重叠或相接按0米计。',
    en: 'An open-pit or mixed mine should keep at least the minimum gap (300 m by default, provincial practice; a warning) from a neighbouring open-pit/mixed mine; overlap or touching counts as 0 m.',
  },
  appliesTo: ['mining_rights'],
  advisory: true,
  // A right without a method may be an open pit: it is judged too, and warns when a neighbour is too close.
  appliesWhen: (s) => sql`(${s}.method IS NULL OR ${s}.method IN ('open_pit', 'mixed'))`,
  params,
  units: { minGapM: 'm' },
  reach: (p) => ({ metres: p.minGapM }),
  basis: {
    documents: ['拉萨市关于加强非煤矿山安全生产工作的实施意见（2023，seed 000）', '非煤矿山系统安全生产治本攻坚三年行动方案（2024—2026年，seed 002）'],
    clause: '相邻非煤矿山生产建设作业范围最小距离应满足相关安全规定（000）；推进……生产作业范围最小距离不满足相关安全规定的非煤矿山……企业整合重组（002）',
  },
  indexes: ['mining_rights_geom_gix'],
  sharedAudit: minePairsPart((p: z.infer<typeof params>) => ({ kind: 'gap', methods: NEIGHBOUR_METHODS, thresholdM: p.minGapM })),
  query: ({ subjects, params: { minGapM }, withEvidence }) =>
    mineGaps({ subjects, methods: NEIGHBOUR_METHODS, thresholdM: minGapM, withEvidence }),
  evaluate(rows, { minGapM }) {
    const { nearest, tooClose, related, gap, methodMissing, line, details } = readGaps(rows, minGapM);
    if (tooClose.length === 0) {
      return {
        status: 'pass',
        measured: nearest ? round(nearest.gap_m) : null,
        threshold: minGapM,
        unit: 'm',
        related: [],
        evidence: collection(nearest ? [line(nearest)] : []),
        message: nearest
          ? `与最近的露天矿山${nearest.name}相距 ${fmt(nearest.gap_m)} m，满足 ${minGapM} m 最小间距`
          : `${minGapM * CHECK_REACH} m 范围内无相邻露天开采矿山`,
        messageEn: nearest
          ? `Nearest open-pit mine ${nearest.name} is ${fmt(nearest.gap_m)} m away: the ${minGapM} m spacing is kept`
          : `No open-pit mine within ${minGapM * CHECK_REACH} m`,
      };
    }
    if (methodMissing) {
      return {
        status: 'warn',
        measured: gap,
        threshold: minGapM,
        unit: 'm',
        related,
        evidence: collection(tooClose.map(line)),
        message: `缺少开采方式（method），无法判断是否适用露天矿山 ${minGapM} m 最小间距：与露天开采矿山${names(related)}最小间距 ${gap} m`,
        messageEn: `method is missing: cannot tell whether the ${minGapM} m open-pit spacing applies; the gap to open-pit mine(s) ${namesEn(related)} is ${gap} m`,
      };
    }
    return {
      status: 'warn',
      measured: gap,
      threshold: minGapM,
      unit: 'm',
      related,
      evidence: collection(tooClose.map(line)),
      message: `与露天开采矿山${names(related)}最小间距 ${gap} m，小于 ${minGapM} m${gap === 0 ? '（相接或重叠）' : ''}，需按相关安全规定论证作业范围最小距离`,
      messageEn: `Gap to open-pit mine(s) ${namesEn(related)} is ${gap} m, less than ${minGapM} m${gap === 0 ? ' (touching or overlapping)' : ''}: the minimum working distance must be justified under the safety rules`,
      details,
    };
  },
});
