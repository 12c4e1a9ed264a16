/**
 * slope-monitoring 边坡监测: an open pit's slope of 200 m or more needs online (radar) monitoring, of 150 m or more a
 * monitoring and early-warning system, and of 100 m or more a yearly stability analysis. Attributes only.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { fmt, plain, round } from '../evidence.ts';
import { defineRule } from '../types.ts';

const params = z.object({
  failHeightM: z.number().positive().default(200).describe('Slope height from which online (radar) monitoring is required; fails without it'),
  warnHeightM: z.number().positive().default(150).describe('Slope height from which a monitoring and early-warning system is required; warns when slopeMonitoring is none or missing'),
  analysisHeightM: z.number().positive().default(100).describe('Slope height from which a yearly slope-stability analysis is required (a reminder, passes)'),
});

interface SlopeRow {
  slope_height_m: number | null;
  slope_monitoring: string | null;
}

const monitoringZh: Record<string, string> = { none: '无监测', system: '监测系统', online: '在线监测' };
const monitoringEn: Record<string, string> = { none: 'none', system: 'a monitoring system', online: 'online monitoring' };
const monZh = (m: string | null) => (m === null ? '未填写' : (monitoringZh[m] ?? m));
const monEn = (m: string | null) => (m === null ? 'not declared' : (monitoringEn[m] ?? m));

export default defineRule({
  id: 'slope-monitoring',
  version: 1,
  title: { zh: '露天边坡监测', en: 'Open-pit slope monitoring' },
  description: {
    zh: '露天（或联合）开采矿山现状边坡高度200米及以上未进行在线监测的不通过；150米及以上无监测预警系统的提示；100米及以上须每年进行1次边坡稳定性分析（提醒）；未申报边坡高度的提示。',
    en: 'An open-pit (or mixed) mine with a slope of 200 m or more and no online monitoring fails; 150 m or more with no monitoring system warns; 100 m or more passes with the reminder that a yearly stability analysis is required; an undeclared slope height warns.',
  },
  appliesTo: ['mining_rights'],
  appliesWhen: (s) => sql`${s}.method IN ('open_pit', 'mixed')`,
  params,
  units: { failHeightM: 'm', warnHeightM: 'm', analysisHeightM: 'm' },
  reach: () => ({ metres: 0 }),
  basis: {
    documents: [
      '拉萨市关于加强非煤矿山安全生产工作的实施意见（2023，seed 000）',
      '非煤矿山系统安全生产治本攻坚三年行动方案（2024—2026年，seed 002）',
      '江津区加强非煤矿山安全生产工作实施方案（江津府办发〔2023〕11号，seed 003）',
    ],
    clause:
      '对现状高度200米及以上的边坡要进行雷达在线监测，同时定期开展人工监测并及时记录，100米及以上的边坡要每年进行1次边坡稳定性分析（000，003）；现状高度150米及以上的露天矿山和排土场全部建成风险监测预警系统（002）',
  },
  indexes: [],
  // One row per subject, so a missing slope height can warn in an audit too.
  query: ({ subjects }) => sql`SELECT s.id AS subject_id, s.slope_height_m, s.slope_monitoring FROM (${subjects}) s`,
  evaluate(rows, { failHeightM, warnHeightM, analysisHeightM }) {
    const row = rows[0] as unknown as SlopeRow | undefined;
    const h = row?.slope_height_m ?? null;
    const m = row?.slope_monitoring ?? null;
    const details = { slopeMonitoring: m, yearlyStabilityAnalysis: h !== null && h >= analysisHeightM };
    if (h === null) {
      return plain('warn', {
        measured: null,
        threshold: null,
        unit: 'm',
        message: '未申报边坡高度（slopeHeightM），无法判断边坡监测要求',
        messageEn: 'Slope height not declared (slopeHeightM): the slope-monitoring requirements cannot be judged',
        details,
      });
    }
    const reminderZh = `，须每年进行1次边坡稳定性分析`;
    const reminderEn = '; a yearly slope-stability analysis is required';
    if (h >= failHeightM) {
      if (m !== 'online') {
        return plain('fail', {
          measured: round(h, 2),
          threshold: failHeightM,
          unit: 'm',
          message: `边坡现状高度 ${fmt(h)} m（≥ ${failHeightM} m），未进行在线监测（现为：${monZh(m)}）：须进行雷达在线监测并定期人工监测${reminderZh}`,
          messageEn: `Slope height ${fmt(h)} m (≥ ${failHeightM} m) without online monitoring (now: ${monEn(m)}): radar online monitoring with regular manual monitoring is required${reminderEn}`,
          details,
        });
      }
      return plain('pass', {
        measured: round(h, 2),
        threshold: failHeightM,
        unit: 'm',
        message: `边坡现状高度 ${fmt(h)} m（≥ ${failHeightM} m），已在线监测；须同时定期人工监测${reminderZh}`,
        messageEn: `Slope height ${fmt(h)} m (≥ ${failHeightM} m) with online monitoring; regular manual monitoring is also required${reminderEn}`,
        details,
      });
    }
    if (h >= warnHeightM) {
      if (m === null || m === 'none') {
        return plain('warn', {
          measured: round(h, 2),
          threshold: warnHeightM,
          unit: 'm',
          message: `边坡现状高度 ${fmt(h)} m（≥ ${warnHeightM} m），未建成监测预警系统（现为：${monZh(m)}）${reminderZh}`,
          messageEn: `Slope height ${fmt(h)} m (≥ ${warnHeightM} m) without a monitoring and early-warning system (now: ${monEn(m)})${reminderEn}`,
          details,
        });
      }
      return plain('pass', {
        measured: round(h, 2),
        threshold: warnHeightM,
        unit: 'm',
        message: `边坡现状高度 ${fmt(h)} m（≥ ${warnHeightM} m），已有${monZh(m)}${reminderZh}`,
        messageEn: `Slope height ${fmt(h)} m (≥ ${warnHeightM} m) with ${monEn(m)}${reminderEn}`,
        details,
      });
    }
    if (h >= analysisHeightM) {
      return plain('pass', {
        measured: round(h, 2),
        threshold: analysisHeightM,
        unit: 'm',
        message: `边坡现状高度 ${fmt(h)} m（≥ ${analysisHeightM} m）${reminderZh}`,
        messageEn: `Slope height ${fmt(h)} m (≥ ${analysisHeightM} m)${reminderEn}`,
        details,
      });
    }
    return plain('pass', {
      measured: round(h, 2),
      threshold: failHeightM,
      unit: 'm',
      message: `边坡现状高度 ${fmt(h)} m，低于 ${analysisHeightM} m，无在线监测或年度稳定性分析要求`,
      messageEn: `Slope height ${fmt(h)} m, under ${analysisHeightM} m: no online-monitoring or yearly-analysis requirement`,
      details,
    });
  },
});
