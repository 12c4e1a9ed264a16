/**
 * tailings-grade 尾矿库等别: the declared grade must agree with the grade computed from storage volume and dam height.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { plain } from '../evidence.ts';
import { defineRule, type Verdict } from '../types.ts';
import { computeGrade, DEFAULT_HEIGHT_BREAKS_M, DEFAULT_VOLUME_BREAKS_WAN_M3 } from './grade.ts';

const breaks = (defaults: { grade2: number; grade3: number; grade4: number }, unit: string) =>
  z
    .object({
      grade2: z.number().positive().describe(`Least value (${unit}) of a grade-2 pond`),
      grade3: z.number().positive().describe(`Least value (${unit}) of a grade-3 pond`),
      grade4: z.number().positive().describe(`Least value (${unit}) of a grade-4 pond; below it, grade 5`),
    })
    .refine((b) => b.grade2 > b.grade3 && b.grade3 > b.grade4, 'grade2 > grade3 > grade4')
    .default(defaults);

const params = z.object({
  volumeBreaksWanM3: breaks(DEFAULT_VOLUME_BREAKS_WAN_M3, '万m³').describe('Total storage capacity bounds of grades 2, 3 and 4 (万m³)'),
  heightBreaksM: breaks(DEFAULT_HEIGHT_BREAKS_M, 'm').describe('Total dam height bounds of grades 2, 3 and 4 (m)'),
});

type Params = z.infer<typeof params>;

interface GradeRow {
  grade: number | null;
  capacity_wan_m3: number | null;
  dam_height_m: number | null;
}

export default defineRule({
  id: 'tailings-grade',
  version: 1,
  title: { zh: '尾矿库等别核定', en: 'Tailings pond grade' },
  description: {
    zh: '按总库容和总坝高核定尾矿库等别（两者相差一等取高者，相差两等及以上取高者降一等），申报等别低于核定等别（数字偏大）的不通过，高于核定等别的提示；一等库由主管部门确定。',
    en: 'The declared grade must match the grade computed from total storage and dam height (one grade apart: the higher; more apart: the higher lowered by one). An understated declaration (larger number) fails, an overstated one warns; grade 1 is set by the authorities.',
  },
  appliesTo: ['tailings_ponds'],
  params,
  units: { volumeBreaksWanM3: '万m³', heightBreaksM: 'm' },
  reach: () => ({ metres: 0 }),
  basis: {
    documents: ['尾矿设施设计规范 GB 50863 第3.2.1条', '尾矿库安全规程 GB 39496'],
    clause: '尾矿库使用期设计等别应根据该期的全库容和坝高按表3.2.1确定：当按尾矿库的全库容和坝高分别确定的尾矿库等别的等差为一等时，应以高者为准；当等差大于一等时，应按高者降一等确定',
  },
  indexes: [],
  query: ({ subjects }) => sql`SELECT s.id AS subject_id, s.grade, s.capacity_wan_m3, s.dam_height_m FROM (${subjects}) s`,
  evaluate(rows, { volumeBreaksWanM3, heightBreaksM }: Params): Verdict {
    const row = rows[0] as unknown as GradeRow | undefined;
    const missing = [
      row?.grade == null && { prop: 'grade', zh: '等别 grade' },
      row?.capacity_wan_m3 == null && { prop: 'capacityWanM3', zh: '总库容 capacityWanM3' },
      row?.dam_height_m == null && { prop: 'damHeightM', zh: '总坝高 damHeightM' },
    ].filter((m): m is { prop: string; zh: string } => !!m);
    if (!row || missing.length) {
      return plain('warn', {
        measured: row?.grade ?? null, threshold: null, unit: 'grade',
        message: `缺少${missing.map((m) => m.zh).join('、')}，无法核定尾矿库等别`,
        messageEn: `Cannot check the grade: ${missing.map((m) => m.prop).join(', ')} missing`,
        details: { missing: missing.map((m) => m.prop) },
      });
    }
    const declared = row.grade!;
    const V = row.capacity_wan_m3!;
    const H = row.dam_height_m!;
    const computed = computeGrade(V, H, volumeBreaksWanM3, heightBreaksM);
    const how = {
      zh: `总库容 ${V} 万m³ 为${computed.byVolume}等、坝高 ${H} m 为${computed.byHeight}等，核定为${computed.grade}等`,
      en: `storage ${V} 万m³ gives grade ${computed.byVolume}, dam height ${H} m grade ${computed.byHeight}: computed grade ${computed.grade}`,
    };
    const fields = { measured: declared, threshold: computed.grade, unit: 'grade', details: { declared, ...computed } };
    if (declared === 1) {
      return plain('pass', {
        ...fields,
        message: `申报一等库（由主管部门确定）；${how.zh}`,
        messageEn: `Declared grade 1 (set by the authorities); ${how.en}`,
      });
    }
    if (declared > computed.grade) {
      return plain('fail', {
        ...fields,
        message: `申报${declared}等，${how.zh}：等别偏低，安全标准不足`,
        messageEn: `Declared grade ${declared} is understated: ${how.en}`,
      });
    }
    if (declared < computed.grade) {
      return plain('warn', {
        ...fields,
        message: `申报${declared}等，${how.zh}：申报等别偏高，需核实`,
        messageEn: `Declared grade ${declared} is higher than needed (overstated): ${how.en}; verify`,
      });
    }
    return plain('pass', { ...fields, message: `申报${declared}等与核定一致：${how.zh}`, messageEn: `Declared grade ${declared} agrees: ${how.en}` });
  },
});
