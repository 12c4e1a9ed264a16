/**
 * Grades one admin area from its inputs (风险分级): pure, no I/O. The inputs come from the database (aggregate.ts);
 * every number used here comes from the scoring document (data/risk/scoring.json, see docs/risk-scoring.md).
 *
 * score = Σ items, each item min(cap, its points); grade = the highest grade whose threshold the score reaches for the
 * area's level; then each escalation whose metric reaches its value raises the grade to at least its grade.
 */
import type { Label, LayerId } from '../layers/catalog.ts';
import { ledgerLevels as levels, type LedgerLevel } from './lifecycle.ts';
import { gradeRank, type GradeId, type Scoring } from './scoring.ts';

export type SiteLayer = 'mining_rights' | 'tailings_ponds';
export interface SiteRef {
  layer: SiteLayer;
  id: string;
}
export type AreaLevel = 'county' | 'town';

/** The rules whose findings feed their own items (besides the per-rule findings item). */
export const HEAD_TOP_RULE = 'head-top-tailings';
export const SLOPE_RULE = 'slope-monitoring';

export interface AreaInputs {
  code: string;
  name: string;
  level: AreaLevel;
  parentCode: string | null;
  /** Active sites whose point on surface lies in the area. */
  sites: Record<SiteLayer, number>;
  /** 头顶库: ponds with a head-top-tailings fail, with the population of the settlements below them. */
  headTop: { id: string; population: number }[];
  /** Active tailings ponds with their declared 等别 (null: not given). */
  tailingsPonds: { id: string; grade: number | null }[];
  /**
   * Fail and warn findings on active sites of the area, per rule and status: how many, and the first sites (by layer
   * and id; a province-wide map cannot name a hundred thousand). A site has at most one finding per rule.
   */
  findings: { rule: string; status: 'fail' | 'warn'; count: number; refs: SiteRef[] }[];
  /** Active sites with a slope-monitoring fail or warn at a slope of at least items.unmonitoredSlopes.minHeightM. */
  unmonitoredSlopes: { count: number; refs: SiteRef[] };
  /** Ids of unsurveyed hidden-hazard zones intersecting the area. */
  unsurveyedHazardZones: string[];
  /** Ledger items neither verified nor closed. */
  ledger: { id: number; level: LedgerLevel; siteLayer: SiteLayer; siteId: string; overdue: boolean }[];
}

/** How many features a reason names (the rest are counted): what a map's list of areas can carry for a province. */
export const AREA_REFS = 20;

export interface Reason {
  /** Stable key: head-top, head-top-population, tailings-ponds, finding:<rule>, hazard-unsurveyed, slope-unmonitored, ledger-open, ledger-overdue. */
  key: string;
  zh: string;
  en: string;
  count: number;
  points: number;
  /** The points were cut to the item's cap. */
  capped: boolean;
  /** The features behind the reason (sites; hazard zones for hazard-unsurveyed), the first AREA_REFS of them. */
  refs: { layer: LayerId; id: string }[];
  /** `refs` names only the first AREA_REFS of the features behind the reason. */
  truncated?: boolean;
  /** Counts by grade, level or status, when the reason adds up several kinds. */
  breakdown?: Record<string, number>;
  ledgerItemIds?: number[];
}

export interface AppliedEscalation {
  key: string;
  zh: string;
  en: string;
  metric: string;
  value: number;
  atLeast: number;
  grade: GradeId;
  /** True when it raised the grade above the one the score gives. */
  raised: boolean;
}

export interface AreaCounts {
  sites: Record<SiteLayer, number>;
  headTop: number;
  headTopPopulation: number;
  tailingsPondsByGrade: Record<string, number>;
  findings: { fail: number; warn: number };
  byRule: Record<string, { fail: number; warn: number }>;
  unsurveyedHazardZones: number;
  unmonitoredSlopes: number;
  ledgerOpen: Record<LedgerLevel | 'total', number>;
  ledgerOverdue: Record<LedgerLevel | 'total', number>;
}

export interface AreaRisk {
  code: string;
  name: string;
  level: AreaLevel;
  parentCode: string | null;
  grade: GradeId;
  gradeZh: string;
  gradeEn: string;
  colour: 'red' | 'orange' | 'yellow' | 'blue';
  colourZh: string;
  hex: string;
  score: number;
  /** The grade from the score alone, before escalations. */
  scoreGrade: GradeId;
  reasons: Reason[];
  escalations: AppliedEscalation[];
  counts: AreaCounts;
}

const numerals: Record<string, Label> = {
  1: { zh: '一等', en: 'grade 1' },
  2: { zh: '二等', en: 'grade 2' },
  3: { zh: '三等', en: 'grade 3' },
  4: { zh: '四等', en: 'grade 4' },
  5: { zh: '五等', en: 'grade 5' },
  unknown: { zh: '等别不详', en: 'grade unknown' },
};
const statusWords: Record<'fail' | 'warn', Label> = { fail: { zh: '不通过', en: 'fail' }, warn: { zh: '预警', en: 'warn' } };

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

function capAt(raw: number, cap: number | null): { points: number; capped: boolean } {
  return cap !== null && raw > cap ? { points: cap, capped: true } : { points: raw, capped: false };
}

function distinct<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function breakdownText(parts: { label: Label; n: number }[], unitZh = '') {
  const shown = parts.filter((p) => p.n > 0);
  return {
    zh: shown.map((p) => `${p.label.zh} ${p.n}${unitZh}`).join('、'),
    en: shown.map((p) => `${p.label.en}: ${p.n}`).join(', '),
  };
}

export function gradeForScore(score: number, scoring: Scoring, level: AreaLevel): GradeId {
  const t = scoring.thresholds[level];
  if (score >= t.major) return 'major';
  if (score >= t.significant) return 'significant';
  if (score >= t.general) return 'general';
  return 'low';
}

function emptyByLevel(): Record<LedgerLevel | 'total', number> {
  return { major: 0, significant: 0, general: 0, low: 0, total: 0 };
}

/**
 * Grades one area. `ruleTitles` names the rules in the per-rule reasons (the rule id is used when missing).
 */
export function scoreArea(input: AreaInputs, scoring: Scoring, ruleTitles: Record<string, Label> = {}): AreaRisk {
  const items = scoring.items;
  const reasons: Reason[] = [];
  const add = (reason: Omit<Reason, 'capped' | 'points'>, raw: number, cap: number | null) => {
    if (reason.count === 0) return;
    const { points, capped } = capAt(raw, cap);
    if (points === 0 && !capped) return;
    reasons.push({ ...reason, points, capped });
  };

  // 头顶库 and the people below them.
  const headTopIds = distinct(input.headTop.map((h) => h.id));
  const population = input.headTop.reduce((sum, h) => sum + h.population, 0);
  add(
    {
      key: 'head-top',
      zh: fill(items.headTop.text.zh, { count: headTopIds.length }),
      en: fill(items.headTop.text.en, { count: headTopIds.length }),
      count: headTopIds.length,
      ...named(headTopIds.map((id) => ({ layer: 'tailings_ponds', id }))),
    },
    headTopIds.length * items.headTop.each,
    items.headTop.cap,
  );
  add(
    {
      key: 'head-top-population',
      zh: fill(items.headTopPopulation.text.zh, { count: population.toLocaleString('en-US') }),
      en: fill(items.headTopPopulation.text.en, { count: population.toLocaleString('en-US') }),
      count: population,
      ...named(headTopIds.map((id) => ({ layer: 'tailings_ponds', id }))),
    },
    Math.floor(population / items.headTopPopulation.per) * items.headTopPopulation.points,
    items.headTopPopulation.cap,
  );

  // Active tailings ponds by grade.
  const pondsByGrade: Record<string, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, unknown: 0 };
  for (const pond of input.tailingsPonds) {
    const key = pond.grade !== null && pond.grade >= 1 && pond.grade <= 5 ? String(pond.grade) : 'unknown';
    pondsByGrade[key] += 1;
  }
  const gradeKeys = ['1', '2', '3', '4', '5', 'unknown'] as const;
  const pondText = breakdownText(gradeKeys.map((g) => ({ label: numerals[g], n: pondsByGrade[g] })));
  add(
    {
      key: 'tailings-ponds',
      zh: fill(items.tailingsPonds.text.zh, { count: input.tailingsPonds.length, breakdown: pondText.zh }),
      en: fill(items.tailingsPonds.text.en, { count: input.tailingsPonds.length, breakdown: pondText.en }),
      count: input.tailingsPonds.length,
      ...named(input.tailingsPonds.map((p) => ({ layer: 'tailings_ponds', id: p.id }))),
      breakdown: Object.fromEntries(gradeKeys.filter((g) => pondsByGrade[g] > 0).map((g) => [g, pondsByGrade[g]])),
    },
    gradeKeys.reduce((sum, g) => sum + pondsByGrade[g] * items.tailingsPonds.byGrade[g], 0),
    items.tailingsPonds.cap,
  );

  // Findings, one reason per rule (weights per rule; a zero weight leaves that status to its own item).
  const byRule: Record<string, { fail: number; warn: number }> = {};
  for (const f of input.findings) (byRule[f.rule] ??= { fail: 0, warn: 0 })[f.status] += f.count;
  for (const rule of Object.keys(byRule).sort()) {
    const weights = { fail: items.findings.rules[rule]?.fail ?? items.findings.fail, warn: items.findings.rules[rule]?.warn ?? items.findings.warn };
    const counted = input.findings.filter((f) => f.rule === rule && weights[f.status] > 0);
    const n = { fail: 0, warn: 0 };
    for (const f of counted) n[f.status] += f.count;
    const refs = sortedRefs(counted.flatMap((f) => f.refs));
    const title = ruleTitles[rule] ?? { zh: rule, en: rule };
    const text = breakdownText((['fail', 'warn'] as const).map((s) => ({ label: statusWords[s], n: n[s] })), ' 处');
    add(
      {
        key: `finding:${rule}`,
        zh: fill(items.findings.text.zh, { rule: title.zh, fail: n.fail, warn: n.warn, breakdown: text.zh }),
        en: fill(items.findings.text.en, { rule: title.en, fail: n.fail, warn: n.warn, breakdown: text.en }),
        count: n.fail + n.warn,
        ...named(refs, n.fail + n.warn),
        breakdown: n,
      },
      n.fail * weights.fail + n.warn * weights.warn,
      items.findings.capPerRule,
    );
  }

  // Unsurveyed hidden-hazard zones.
  const zones = distinct(input.unsurveyedHazardZones);
  add(
    {
      key: 'hazard-unsurveyed',
      zh: fill(items.unsurveyedHazardZones.text.zh, { count: zones.length }),
      en: fill(items.unsurveyedHazardZones.text.en, { count: zones.length }),
      count: zones.length,
      ...named(zones.map((id) => ({ layer: 'hazard_zones', id }))),
    },
    zones.length * items.unsurveyedHazardZones.each,
    items.unsurveyedHazardZones.cap,
  );

  // High slopes without the monitoring they need (slope-monitoring fail or warn at minHeightM or more).
  const minHeightM = items.unmonitoredSlopes.minHeightM;
  const slopes = input.unmonitoredSlopes;
  add(
    {
      key: 'slope-unmonitored',
      zh: fill(items.unmonitoredSlopes.text.zh, { count: slopes.count, minHeightM }),
      en: fill(items.unmonitoredSlopes.text.en, { count: slopes.count, minHeightM }),
      count: slopes.count,
      ...named(sortedRefs(slopes.refs), slopes.count),
    },
    slopes.count * items.unmonitoredSlopes.each,
    items.unmonitoredSlopes.cap,
  );

  // Ledger: open items by level, and the overdue ones on top.
  const ledgerOpen = emptyByLevel();
  const ledgerOverdue = emptyByLevel();
  for (const item of input.ledger) {
    ledgerOpen[item.level] += 1;
    ledgerOpen.total += 1;
    if (item.overdue) {
      ledgerOverdue[item.level] += 1;
      ledgerOverdue.total += 1;
    }
  }
  for (const [key, config, counts, list] of [
    ['ledger-open', items.ledgerOpen, ledgerOpen, input.ledger],
    ['ledger-overdue', items.ledgerOverdue, ledgerOverdue, input.ledger.filter((i) => i.overdue)],
  ] as const) {
    const text = breakdownText(levels.map((l) => ({ label: scoring.grades[l].short, n: counts[l] })));
    add(
      {
        key,
        zh: fill(config.text.zh, { count: counts.total, breakdown: text.zh }),
        en: fill(config.text.en, { count: counts.total, breakdown: text.en }),
        count: counts.total,
        ...named(distinctRefs(list.map((i) => ({ layer: i.siteLayer, id: i.siteId })))),
        breakdown: Object.fromEntries(levels.filter((l) => counts[l] > 0).map((l) => [l, counts[l]])),
        ledgerItemIds: list.map((i) => i.id).sort((a, b) => a - b),
      },
      levels.reduce((sum, l) => sum + counts[l] * config.byLevel[l], 0),
      config.cap,
    );
  }

  reasons.sort((a, b) => b.points - a.points || a.key.localeCompare(b.key));
  const score = reasons.reduce((sum, r) => sum + r.points, 0);

  const counts: AreaCounts = {
    sites: input.sites,
    headTop: headTopIds.length,
    headTopPopulation: population,
    tailingsPondsByGrade: pondsByGrade,
    findings: {
      fail: input.findings.reduce((sum, f) => sum + (f.status === 'fail' ? f.count : 0), 0),
      warn: input.findings.reduce((sum, f) => sum + (f.status === 'warn' ? f.count : 0), 0),
    },
    byRule,
    unsurveyedHazardZones: zones.length,
    unmonitoredSlopes: slopes.count,
    ledgerOpen,
    ledgerOverdue,
  };

  const metrics: Record<string, number> = {
    score,
    headTopCount: headTopIds.length,
    headTopPopulation: population,
    headTopMaxPopulation: input.headTop.reduce((most, h) => Math.max(most, h.population), 0),
    unsurveyedHazardZones: zones.length,
    unmonitoredSlopes: slopes.count,
    failFindings: counts.findings.fail,
    warnFindings: counts.findings.warn,
    ledgerOpen: ledgerOpen.total,
    ledgerOverdue: ledgerOverdue.total,
  };
  for (const l of levels) {
    metrics[`ledgerOpen.${l}`] = ledgerOpen[l];
    metrics[`ledgerOverdue.${l}`] = ledgerOverdue[l];
  }
  const metricValue = (name: string): number => {
    const ruleMetric = /^(fail|warn):(.+)$/.exec(name);
    if (ruleMetric) return byRule[ruleMetric[2]]?.[ruleMetric[1] as 'fail' | 'warn'] ?? 0;
    return metrics[name] ?? 0;
  };

  const scoreGrade = gradeForScore(score, scoring, input.level);
  let grade = scoreGrade;
  const escalations: AppliedEscalation[] = [];
  for (const e of scoring.escalations) {
    const value = metricValue(e.metric);
    if (value < e.atLeast) continue;
    const raised = gradeRank[e.grade] > gradeRank[grade];
    if (raised) grade = e.grade;
    escalations.push({ key: e.key, zh: e.zh, en: e.en, metric: e.metric, value, atLeast: e.atLeast, grade: e.grade, raised });
  }

  const g = scoring.grades[grade];
  return {
    code: input.code,
    name: input.name,
    level: input.level,
    parentCode: input.parentCode,
    grade,
    gradeZh: g.zh,
    gradeEn: g.en,
    colour: g.colour,
    colourZh: g.colourZh,
    hex: g.hex,
    score,
    scoreGrade,
    reasons,
    escalations,
    counts,
  };
}

/** Distinct site refs in layer, id order. */
/** Sites in layer, id order: the order in which an area's summaries name them. */
export function byLayerAndId(a: SiteRef, b: SiteRef): number {
  return a.layer.localeCompare(b.layer) || a.id.localeCompare(b.id);
}

function sortedRefs(refs: SiteRef[]): SiteRef[] {
  return distinctRefs(refs).sort(byLayerAndId);
}

/**
 * The refs a reason names: the first AREA_REFS of `refs`, `truncated` when they are fewer than the `count` features
 * behind it (all of `refs` by default; a rule's stored summaries name only some of theirs, and its fail and warn
 * summaries each bring up to AREA_REFS).
 */
function named(refs: Reason['refs'], count = refs.length): Pick<Reason, 'refs' | 'truncated'> {
  const shown = refs.slice(0, AREA_REFS);
  return { refs: shown, ...(shown.length < count ? { truncated: true } : {}) };
}

function distinctRefs<L extends LayerId>(refs: { layer: L; id: string }[]): { layer: L; id: string }[] {
  const seen = new Map<string, { layer: L; id: string }>();
  for (const r of refs) seen.set(`${r.layer}\u0000${r.id}`, r);
  return [...seen.values()];
}
