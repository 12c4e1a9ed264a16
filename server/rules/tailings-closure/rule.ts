/**
 * tailings-closure 闭库销号: an operating or idle tailings pond that reached its final elevation, has been idle more
 * than 3 years, or has no operator is listed for closure and delisting.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { plain } from '../evidence.ts';
import { defineRule, type Verdict } from '../types.ts';

const params = z.object({
  maxIdleYears: z.number().int().nonnegative().default(3).describe('Longest time a pond may stay idle (停用) before it must be closed'),
  asOfYear: z
    .number()
    .int()
    .min(1900)
    .max(2100)
    .nullable()
    .default(null)
    .describe('Year to count idle years up to; null means the current year of the database clock'),
});

type Params = z.infer<typeof params>;

interface ClosureRow {
  status: string;
  final_elevation_reached: boolean | null;
  idle_since: number | null;
  operator: string | null;
  as_of_year: number;
}

export default defineRule({
  id: 'tailings-closure',
  version: 1,
  title: { zh: '尾矿库闭库销号', en: 'Tailings pond closure (闭库销号)' },
  description: {
    zh: '运行或停用的尾矿库，已运行到设计最终标高、停用时间超过3年或没有生产经营主体的，列入闭库销号。',
    en: 'An operating or idle tailings pond that has reached its final design elevation, has been idle for more than 3 years, or has no operator is listed for closure and delisting.',
  },
  appliesTo: ['tailings_ponds'],
  appliesWhen: (s) => sql`${s}.status IN ('operating', 'idle')`,
  params,
  units: { maxIdleYears: 'years', asOfYear: 'year' },
  // Idle years are counted to the current year (unless asOfYear is set).
  asOf: 'year',
  reach: () => ({ metres: 0 }),
  basis: {
    documents: ['拉萨市关于加强非煤矿山安全生产工作的实施意见（2023，seed 000）', '山西省应急管理厅关于持续推进非煤矿山安全生产专项整治三年行动工作有效落实的督办函（晋应急函〔2022〕136号，seed 001）任务26', '非煤矿山系统安全生产治本攻坚三年行动方案（2024—2026年，西藏，seed 002）'],
    clause: '各县（区）要重点推动“头顶库”、运行到设计最终标高、不再进行排尾作业、停用时间超过3年或者没有生产经营主体的尾矿库闭库销号工作',
  },
  indexes: [],
  // The year comes from the database clock (or the asOfYear parameter), so a saved result says what it counted to.
  query: ({ subjects, params: { asOfYear } }) => sql`
    SELECT s.id AS subject_id, s.status, s.final_elevation_reached, s.idle_since, s.operator,
           coalesce(${asOfYear}::int, EXTRACT(year FROM now())::int) AS as_of_year
    FROM (${subjects}) s`,
  evaluate(rows, { maxIdleYears }: Params): Verdict {
    const row = rows[0] as unknown as ClosureRow | undefined;
    if (!row) {
      return plain('not_applicable', {
        measured: null, threshold: maxIdleYears, unit: 'years',
        message: '仅适用于运行或停用的尾矿库', messageEn: 'Applies to operating or idle ponds only',
      });
    }
    const idle = row.status === 'idle';
    const idleYears = idle ? (row.idle_since === null ? null : row.as_of_year - row.idle_since) : 0;
    const reasons: { zh: string; en: string; code: string }[] = [];
    if (row.final_elevation_reached === true) {
      reasons.push({ code: 'final_elevation_reached', zh: '已运行到设计最终标高', en: 'it has reached its final design elevation' });
    }
    if (idleYears !== null && idleYears > maxIdleYears) {
      reasons.push({
        code: 'idle_too_long',
        zh: `自${row.idle_since}年停用已${idleYears}年，超过${maxIdleYears}年`,
        en: `idle since ${row.idle_since}: ${idleYears} years, more than ${maxIdleYears}`,
      });
    }
    if (row.operator === null || row.operator.trim() === '') {
      reasons.push({ code: 'no_operator', zh: '没有生产经营主体（无主库）', en: 'it has no operator (ownerless pond)' });
    }
    const details = { reasons: reasons.map((r) => r.code), idleSince: row.idle_since, asOfYear: row.as_of_year, status: row.status };
    const base = { measured: idleYears, threshold: maxIdleYears, unit: 'years', details };
    if (reasons.length) {
      return plain('fail', {
        ...base,
        message: `${reasons.map((r) => r.zh).join('；')}：应列入闭库销号`,
        messageEn: `Listed for closure and delisting (闭库销号): ${reasons.map((r) => r.en).join('; ')}`,
      });
    }
    const missing = [idleYears === null && 'idleSince', row.final_elevation_reached === null && 'finalElevationReached'].filter(Boolean) as string[];
    if (missing.length) {
      const zh: Record<string, string> = {
        idleSince: `停用年份 idleSince（无法判断停用是否超过${maxIdleYears}年）`,
        finalElevationReached: '是否已到设计最终标高 finalElevationReached',
      };
      return plain('warn', {
        ...base,
        details: { ...details, missing },
        message: `缺少${missing.map((m) => zh[m]).join('、')}，无法判断是否应闭库销号`,
        messageEn: `Cannot tell whether the pond must be closed: ${missing.join(' and ')} missing`,
      });
    }
    return plain('pass', {
      ...base,
      message: idle
        ? `自${row.idle_since}年停用${idleYears}年，未超过${maxIdleYears}年；有生产经营主体，未到设计最终标高`
        : '运行中，有生产经营主体，未到设计最终标高',
      messageEn: idle
        ? `Idle since ${row.idle_since} (${idleYears} years, not more than ${maxIdleYears}); has an operator; final elevation not reached`
        : 'Operating, has an operator, final elevation not reached',
    });
  },
});
