/**
 * safety-pillar-50m 保安矿柱: neighbouring underground mines keep at least 50 m of rock between them.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { collection, fmt, names, namesEn, round } from '../evidence.ts';
import { CHECK_REACH, mineGaps, readGaps } from '../mine-gaps.ts';
import { minePairsPart } from '../mine-pairs.ts';
import { defineRule } from '../types.ts';

const params = z.object({
  pillarM: z.number().positive().default(50).describe('Least ground gap between underground/mixed mines'),
});

/** Stored rights of these methods are the neighbours (closed ones are not). */
const NEIGHBOUR_METHODS = ['underground', 'mixed'];

export default defineRule({
  id: 'safety-pillar-50m',
  version: 5,
  title: { zh: '50米保安矿柱', en: '50 m safety pillar' },
  description: {
    zh: '地下（或联合）开采矿山与相邻地下/联合开采矿山之间的地面距离不得小于保安矿柱宽度（默认50米），重叠按0米计。',
    en: 'An underground or mixed mine must keep at least the pillar width (50 m) of ground between it and a neighbouring underground/mixed mine; overlap counts as 0 m.',
  },
  appliesTo: ['mining_rights'],
  // A right without a method may be underground: it is judged too, and warns when a neighbour is too close.
  appliesWhen: (s) => sql`(${s}.method IS NULL OR ${s}.method IN ('underground', 'mixed'))`,
  params,
  units: { pillarM: 'm' },
  reach: (p) => ({ metres: p.pillarM }),
  basis: {
    documents: ['拉萨市关于加强非煤矿山安全生产工作的实施意见（2023，seed 000）'],
    clause: '相邻非煤矿山之间要留设50米以上的保安矿柱',
  },
  indexes: ['mining_rights_geom_gix'],
  sharedAudit: minePairsPart((p: z.infer<typeof params>) => ({ kind: 'gap', methods: NEIGHBOUR_METHODS, thresholdM: p.pillarM })),
  query: ({ subjects, params: { pillarM }, withEvidence }) =>
    mineGaps({ subjects, methods: NEIGHBOUR_METHODS, thresholdM: pillarM, withEvidence }),
  evaluate(rows, { pillarM }) {
    const { nearest, tooClose, related, gap, methodMissing, line, details } = readGaps(rows, pillarM);
    if (tooClose.length > 0 && methodMissing) {
      // Without a method it may be an open pit (not judged) or underground (fail): never a silent pass, never a guess.
      return {
        status: 'warn',
        measured: gap,
        threshold: pillarM,
        unit: 'm',
        related,
        evidence: collection(tooClose.map(line)),
        message: `缺少开采方式（method），无法判断是否需留设 ${pillarM} m 保安矿柱：与地下开采矿山${names(related)}最小间距 ${gap} m`,
        messageEn: `method is missing: cannot tell whether the ${pillarM} m safety pillar applies; the gap to underground mine(s) ${namesEn(related)} is ${gap} m`,
      };
    }
    if (tooClose.length === 0) {
      return {
        status: 'pass',
        measured: nearest ? round(nearest.gap_m) : null,
        threshold: pillarM,
        unit: 'm',
        related: [],
        evidence: collection(nearest ? [line(nearest)] : []),
        message: nearest
          ? `与最近的地下矿山${nearest.name}相距 ${fmt(nearest.gap_m)} m，满足 ${pillarM} m 保安矿柱要求`
          : `${pillarM * CHECK_REACH} m 范围内无相邻地下开采矿山`,
        messageEn: nearest
          ? `Nearest underground mine ${nearest.name} is ${fmt(nearest.gap_m)} m away: the ${pillarM} m pillar is kept`
          : `No underground mine within ${pillarM * CHECK_REACH} m`,
      };
    }
    return {
      status: 'fail',
      measured: gap,
      threshold: pillarM,
      unit: 'm',
      related,
      evidence: collection(tooClose.map(line)),
      message: `与地下开采矿山${names(related)}最小间距 ${gap} m，小于 ${pillarM} m 保安矿柱${gap === 0 ? '（相接或重叠）' : ''}`,
      messageEn: `Gap to underground mine(s) ${namesEn(related)} is ${gap} m, less than the ${pillarM} m safety pillar${gap === 0 ? ' (touching or overlapping)' : ''}`,
      details,
    };
  },
});
