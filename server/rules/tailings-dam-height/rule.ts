/**
 * tailings-dam-height 尾矿库总坝高: no tailings pond with a total dam height above 200 m; small (grade 4/5) ponds are
 * built in one go (一次性建坝), not raised in stages with tailings.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { fmt, plain, round } from '../evidence.ts';
import { defineRule, type Verdict } from '../types.ts';

const params = z.object({
  maxHeightM: z.number().positive().default(200).describe('Greatest total dam height (总坝高) of a tailings pond'),
  oneTimeDamGrades: z
    .array(z.number().int().min(1).max(5))
    .default([4, 5])
    .describe('Declared grades (等别) that must be built with a one-time dam (一次性建坝)'),
});

type Params = z.infer<typeof params>;

interface DamRow {
  dam_height_m: number | null;
  grade: number | null;
  one_time_dam: boolean | null;
}

export default defineRule({
  id: 'tailings-dam-height',
  version: 1,
  title: { zh: '尾矿库总坝高与筑坝方式', en: 'Tailings dam height and construction' },
  description: {
    zh: '严禁新建总坝高超过200米的尾矿库；新建四等、五等尾矿库应当采用一次性建坝，分期堆筑的提示。',
    en: 'No tailings pond with a total dam height above 200 m; a grade 4 or 5 pond must be built with a one-time dam, so one raised in stages warns.',
  },
  appliesTo: ['tailings_ponds'],
  params,
  units: { maxHeightM: 'm', oneTimeDamGrades: 'grade' },
  reach: () => ({ metres: 0 }),
  basis: {
    documents: ['山西省应急管理厅关于持续推进非煤矿山安全生产专项整治三年行动工作有效落实的督办函（晋应急函〔2022〕136号，seed 001）任务23', '拉萨市关于加强非煤矿山安全生产工作的实施意见（2023，seed 000）', '非煤矿山系统安全生产治本攻坚三年行动方案（2024—2026年，西藏，seed 002）'],
    clause: '严禁新建“头顶库”、总坝高超过200米的尾矿库；新建四等、五等小型尾矿库应当采用一次性建坝',
  },
  indexes: [],
  query: ({ subjects }) => sql`SELECT s.id AS subject_id, s.dam_height_m, s.grade, s.one_time_dam FROM (${subjects}) s`,
  evaluate(rows, { maxHeightM, oneTimeDamGrades }: Params): Verdict {
    const row = rows[0] as unknown as DamRow | undefined;
    const H = row?.dam_height_m == null ? null : round(row.dam_height_m, 2);
    const base = { threshold: maxHeightM, unit: 'm' };
    if (H === null) {
      return plain('warn', {
        ...base, measured: null,
        message: '缺少总坝高 damHeightM，无法判断是否超过限高',
        messageEn: 'Cannot check the dam height: damHeightM missing',
        details: { missing: ['damHeightM'] },
      });
    }
    const details = { damHeightM: H, grade: row?.grade ?? null, oneTimeDam: row?.one_time_dam ?? null };
    if (H > maxHeightM) {
      return plain('fail', {
        ...base, measured: H, details,
        message: `总坝高 ${fmt(H)} m，超过 ${fmt(maxHeightM)} m 限值`,
        messageEn: `Total dam height ${fmt(H)} m exceeds the ${fmt(maxHeightM)} m limit`,
      });
    }
    const grade = row?.grade ?? null;
    if (grade !== null && oneTimeDamGrades.includes(grade) && row?.one_time_dam === false) {
      return plain('warn', {
        ...base, measured: H, details,
        message: `${grade}等尾矿库未采用一次性建坝（分期堆筑），新建${oneTimeDamGrades.join('、')}等尾矿库应当一次性建坝`,
        messageEn: `Grade ${grade} pond raised in stages: new ponds of grade ${oneTimeDamGrades.join(' or ')} must be built with a one-time dam`,
      });
    }
    if (grade !== null && oneTimeDamGrades.includes(grade) && row?.one_time_dam == null) {
      return plain('warn', {
        ...base, measured: H, details: { ...details, missing: ['oneTimeDam'] },
        message: `${grade}等尾矿库缺少一次性建坝 oneTimeDam，无法核查筑坝方式（总坝高 ${fmt(H)} m 未超限）`,
        messageEn: `Cannot check how this grade ${grade} pond is built: oneTimeDam missing (dam height ${fmt(H)} m is within the limit)`,
      });
    }
    return plain('pass', {
      ...base, measured: H, details,
      message: `总坝高 ${fmt(H)} m，未超过 ${fmt(maxHeightM)} m`,
      messageEn: `Total dam height ${fmt(H)} m is within the ${fmt(maxHeightM)} m limit`,
    });
  },
});
