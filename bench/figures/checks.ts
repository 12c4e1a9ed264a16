/**
 * POST /api/checks over the proposals, all rules, in-process through app.request (validation, geometry check,
 * profile lookup, every registered rule, JSON out). Then, to see where the time goes, every step of a check run
 * alone: the same SQL the engine sends, rule by rule, and EXPLAIN ANALYZE of the slowest rule on its slowest case.
 */
import type { SQL } from 'drizzle-orm';
import type { createApp } from '../../server/app.ts';
import type { Db } from '../../server/db/client.ts';
import { rows } from '../../server/db/client.ts';
import { layers } from '../../server/layers/catalog.ts';
import { invalidGeometries } from '../../server/layers/store.ts';
import { validateFeatures, type FeatureRow } from '../../server/layers/validate.ts';
import { countyCodeOf, type ProfileSet } from '../../server/rules/profiles.ts';
import { registry } from '../../server/rules/registry.ts';
import { proposedSubject } from '../../server/rules/subjects.ts';
import { sample, summarize, type Summary } from '../measure.ts';
import { explainAnalyze, type PlanSummary } from '../plans.ts';
import type { Proposal } from '../proposals.ts';
import { latencyFigure, type Figure, type Goal } from '../report.ts';
import { restrictedTo } from './restricted.ts';

type App = ReturnType<typeof createApp>;

const WARM_UP = 10;
const VALIDITY = '(geometry validity)';
const COUNTY = '(county -> profile)';

export interface CheckContext {
  app: App;
  db: Db;
  profiles: ProfileSet;
  target: Figure['target'];
  dataset: string;
  proposals: Proposal[];
  goal?: Goal;
}

async function postCheck(app: App, p: Proposal): Promise<string> {
  const res = await app.request('/api/checks', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ layer: p.layer, feature: p.feature }),
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`check ${p.feature.properties?.id}: ${res.status} ${body.slice(0, 500)}`);
  return (JSON.parse(body) as { verdict: string }).verdict;
}

/** `rounds` passes over the proposals (more samples make the p95 steadier on a shared machine). */
export async function checkFigures(ctx: CheckContext, rounds: number): Promise<{ figures: Figure[]; verdicts: Record<string, number> }> {
  for (const p of ctx.proposals.slice(0, WARM_UP)) await postCheck(ctx.app, p);
  const verdicts: Record<string, number> = {};
  const all = Array.from({ length: rounds }, () => ctx.proposals).flat();
  const times = await sample(all, async (p, i) => {
    const verdict = await postCheck(ctx.app, p);
    if (i < ctx.proposals.length) verdicts[verdict] = (verdicts[verdict] ?? 0) + 1;
  });
  const base = { section: 'checks' as const, target: ctx.target, dataset: ctx.dataset };
  const of = (layer: string) => times.filter((_, i) => all[i].layer === layer);
  const figures = [
    latencyFigure(
      { ...base, name: 'POST /api/checks, all rules', goal: ctx.goal, note: `${rounds} × ${ctx.proposals.length} proposals; verdicts ${JSON.stringify(verdicts)}` },
      times,
    ),
    latencyFigure({ ...base, name: '  of which mining rights' }, of('mining_rights')),
    latencyFigure({ ...base, name: '  of which tailings ponds' }, of('tailings_ponds')),
  ];
  return { figures, verdicts };
}

interface Step {
  name: string;
  /** The step's query for one proposal, or null when it does not apply to it (a rule for the other layer). */
  query(row: FeatureRow, p: Proposal, profile: string): SQL | null;
}

/** Each rule query of a check, built exactly as the engine builds it. */
function ruleSteps(profiles: ProfileSet): Step[] {
  return registry.map((rule) => ({
    name: rule.id,
    query: (row, p, profile) =>
      rule.appliesTo.includes(p.layer)
        ? rule.query({ subjects: restrictedTo(rule, proposedSubject(p.layer, row)), params: profiles.paramsFor(rule, profile), withEvidence: true })
        : null,
  }));
}

export interface Breakdown {
  /** Per query of a check, run alone: latency over the proposals it applies to. */
  steps: Record<string, Summary>;
  plans: Record<string, PlanSummary>;
  /**
   * EXPLAIN ANALYZE of every rule query of the costliest proposal (largest sum of step times): the largest JIT time
   * seen (null: no plan was JIT-compiled) and the sum of execution times.
   */
  probe: { proposal: string; jitMs: number | null; executionMs: number; planningMs: number };
}

/** Times every query of a check on its own, and explains the slowest rule query on its slowest proposal. */
export async function checkBreakdown(ctx: CheckContext, explainTop = 2): Promise<Breakdown> {
  const all = ruleSteps(ctx.profiles);
  const samples = new Map<string, { ms: number; proposal: number }[]>([VALIDITY, COUNTY, ...all.map((s) => s.name)].map((n) => [n, []]));
  const time = async (name: string, proposal: number, fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    await fn();
    samples.get(name)!.push({ ms: performance.now() - t0, proposal });
  };
  for (const [index, p] of ctx.proposals.entries()) {
    const row = validateFeatures(layers[p.layer], [p.feature]).rows[0];
    // The two queries a check sends before the rules: the geometry's validity, and the county that picks the profile.
    await time(VALIDITY, index, () => invalidGeometries(ctx.db.orm, [row.geometry]));
    let code: string | null = null;
    await time(COUNTY, index, async () => (code = await countyCodeOf(ctx.db.orm, row.geometry)));
    const profile = ctx.profiles.forAdminCode(code).name;
    for (const step of all) {
      const query = step.query(row, p, profile);
      if (!query) continue;
      await time(step.name, index, () => rows(ctx.db.orm, query));
    }
  }
  const stepSummaries: Record<string, Summary> = {};
  for (const [name, list] of samples) if (list.length) stepSummaries[name] = summarize(list.map((s) => s.ms));

  const plans: Record<string, PlanSummary> = {};
  const prefix = `${ctx.target}-${ctx.dataset}-check`;
  const profileOf = async (p: Proposal) =>
    ctx.profiles.forAdminCode(await countyCodeOf(ctx.db.orm, validateFeatures(layers[p.layer], [p.feature]).rows[0].geometry)).name;

  const totals = new Map<number, number>();
  for (const list of samples.values()) for (const s of list) totals.set(s.proposal, (totals.get(s.proposal) ?? 0) + s.ms);
  const costliest = [...totals.entries()].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  const probed = ctx.proposals[costliest];
  const probeRow = validateFeatures(layers[probed.layer], [probed.feature]).rows[0];
  const probeProfile = await profileOf(probed);
  const probe: Breakdown['probe'] = { proposal: String(probed.feature.properties?.id), jitMs: null, executionMs: 0, planningMs: 0 };
  for (const step of all) {
    const query = step.query(probeRow, probed, probeProfile);
    if (!query) continue;
    const plan = await explainAnalyze(ctx.db.orm, `${prefix}-probe-${step.name}`, query, false);
    if (plan.jitMs !== null) probe.jitMs = Math.max(probe.jitMs ?? 0, plan.jitMs);
    probe.executionMs += plan.executionMs;
    probe.planningMs += plan.planningMs;
  }

  const slowest = Object.entries(stepSummaries)
    .filter(([name]) => !name.startsWith('('))
    .sort((a, b) => b[1].p95 - a[1].p95)
    .slice(0, explainTop);
  for (const [name] of slowest) {
    const worst = samples.get(name)!.reduce((a, b) => (b.ms > a.ms ? b : a));
    const p = ctx.proposals[worst.proposal];
    const row = validateFeatures(layers[p.layer], [p.feature]).rows[0];
    const step = all.find((s) => s.name === name)!;
    const label = `${prefix}-${name}`;
    plans[label] = await explainAnalyze(ctx.db.orm, label, step.query(row, p, await profileOf(p))!);
  }
  return { steps: stepSummaries, plans, probe };
}
