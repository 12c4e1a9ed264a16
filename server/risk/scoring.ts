/**
 * The regional risk scoring (风险分级) as data: data/risk/scoring.json, validated here. Points per item, caps, grade
 * thresholds per admin level and hard escalations all live in that file (documented in docs/risk-scoring.md); the
 * code only adds them up (score.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { repoRoot } from '../config.ts';
import { ruleById } from '../rules/registry.ts';

export const scoringFile = path.join(repoRoot, 'data', 'risk', 'scoring.json');

export const gradeIds = ['major', 'significant', 'general', 'low'] as const;
export type GradeId = (typeof gradeIds)[number];
/** Severity order: a grade "at least X" is X or anything before it in this list. */
export const gradeRank: Record<GradeId, number> = { major: 3, significant: 2, general: 1, low: 0 };

const points = z.number().min(0).describe('points');
/** Largest number of points the item may add (null: no cap). */
const cap = z.number().min(0).nullable();
/** Reason text with placeholders filled in by score.ts: {count}, {breakdown} (counts by grade, level or status), {rule}, {minHeightM}. */
const template = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();
const byLevel = z.object({ major: points, significant: points, general: points, low: points }).strict();

const thresholds = z
  .object({ major: points, significant: points, general: points })
  .strict()
  .refine((t) => t.major > t.significant && t.significant > t.general, 'thresholds must satisfy major > significant > general');

const grade = z
  .object({
    zh: z.string().min(1),
    en: z.string().min(1),
    short: template,
    colour: z.enum(['red', 'orange', 'yellow', 'blue']),
    colourZh: z.string().min(1),
    hex: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  })
  .strict();

const ledgerLevelMetric = (kind: string) => gradeIds.map((l) => `${kind}.${l}`);
/** Numbers an escalation can test, all computed per area by score.ts. */
export const namedMetrics = [
  'score',
  'headTopCount',
  'headTopPopulation',
  'headTopMaxPopulation',
  'unsurveyedHazardZones',
  'unmonitoredSlopes',
  'failFindings',
  'warnFindings',
  'ledgerOpen',
  'ledgerOverdue',
  ...ledgerLevelMetric('ledgerOpen'),
  ...ledgerLevelMetric('ledgerOverdue'),
] as const;
const metric = z.union([
  z.enum(namedMetrics),
  z.string().regex(/^(fail|warn):[a-z0-9-]+$/, 'a metric is one of the named metrics or "fail:<rule-id>" / "warn:<rule-id>"'),
]);

export const scoringSchema = z
  .object({
    version: z.number().int().positive(),
    description: z.string().optional(),
    grades: z.object({ major: grade, significant: grade, general: grade, low: grade }).strict(),
    /** Least score of each grade, per admin level (towns hold fewer sites than counties). Below `general`: low. */
    thresholds: z.object({ county: thresholds, town: thresholds }).strict(),
    /** Sites with these statuses are left out of the grading (a closed mine or a delisted pond is no current risk). */
    inactiveStatuses: z.object({ mining_rights: z.array(z.string()), tailings_ponds: z.array(z.string()) }).strict(),
    items: z
      .object({
        /** 头顶库: stored ponds with a `head-top-tailings` fail finding. */
        headTop: z.object({ text: template, each: points, cap }).strict(),
        /** People in the settlements below those ponds: `points` for every full `per` people. */
        headTopPopulation: z.object({ text: template, per: z.number().positive(), points, cap }).strict(),
        /** Active tailings ponds by 等别 (grade 1 largest). */
        tailingsPonds: z
          .object({
            text: template,
            byGrade: z.object({ 1: points, 2: points, 3: points, 4: points, 5: points, unknown: points }).strict(),
            cap,
          })
          .strict(),
        /** Fail / warn findings of every rule, one reason per rule; `rules` overrides the weights of a rule. */
        findings: z
          .object({
            text: template,
            fail: points,
            warn: points,
            capPerRule: cap,
            rules: z.record(z.string().regex(/^[a-z0-9-]+$/), z.object({ fail: points.optional(), warn: points.optional() }).strict()),
          })
          .strict(),
        /** Hidden-hazard zones (隐蔽致灾因素) with surveyStatus `unsurveyed` that intersect the area. */
        unsurveyedHazardZones: z.object({ text: template, each: points, cap }).strict(),
        /** Open-pit slopes at least `minHeightM` high with a `slope-monitoring` fail or warn finding. */
        unmonitoredSlopes: z.object({ text: template, minHeightM: z.number().positive(), each: points, cap }).strict(),
        /** Ledger items not yet verified or closed, by level. */
        ledgerOpen: z.object({ text: template, byLevel, cap }).strict(),
        /** Of those, the overdue ones (deadline passed), by level: added on top of ledgerOpen. */
        ledgerOverdue: z.object({ text: template, byLevel, cap }).strict(),
      })
      .strict(),
    /** Hard escalations: whatever the score, an area where `metric` ≥ `atLeast` is graded at least `grade`. */
    escalations: z.array(
      z
        .object({
          key: z.string().regex(/^[a-z0-9-]+$/),
          metric,
          atLeast: z.number(),
          grade: z.enum(['major', 'significant', 'general']),
          zh: z.string().min(1),
          en: z.string().min(1),
        })
        .strict(),
    ),
  })
  .strict()
  .superRefine((s, ctx) => {
    const keys = s.escalations.map((e) => e.key);
    keys.forEach((key, i) => {
      if (keys.indexOf(key) !== i) ctx.addIssue({ code: 'custom', path: ['escalations', i, 'key'], message: `duplicate escalation key "${key}"` });
    });
  });

export type Scoring = z.infer<typeof scoringSchema>;
export type ScoringMetric = z.infer<typeof metric>;

/** Parses a scoring document; the message names the file and every problem, unknown rule ids included. */
export function parseScoring(json: unknown, where = 'scoring'): Scoring {
  const parsed = scoringSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${where}: ${z.prettifyError(parsed.error)}`);
  const scoring = parsed.data;
  const named = [
    ...Object.keys(scoring.items.findings.rules).map((id) => ({ id, at: `items.findings.rules.${id}` })),
    ...scoring.escalations.flatMap((e) => (/^(fail|warn):/.test(e.metric) ? [{ id: e.metric.slice(5), at: `escalations.${e.key}.metric` }] : [])),
  ];
  const unknown = named.filter((n) => !ruleById.has(n.id));
  if (unknown.length) throw new Error(`${where}: ${unknown.map((n) => `unknown rule "${n.id}" at ${n.at}`).join('; ')}`);
  return scoring;
}

/** Loads data/risk/scoring.json (or another file); a typo is an error at start-up, never a silent default. */
export function loadScoring(file = scoringFile): Scoring {
  return parseScoring(JSON.parse(fs.readFileSync(file, 'utf8')), path.relative(repoRoot, file));
}

/** The legend of the four grades for a level, from major to low, with the least score of each. */
export function legendOf(scoring: Scoring, level: 'county' | 'town') {
  return gradeIds.map((id) => ({
    grade: id,
    ...scoring.grades[id],
    minScore: id === 'low' ? 0 : scoring.thresholds[level][id],
  }));
}
