/**
 * The audit, called as the API calls it (`audit(db.orm, profiles)`): all rules, or mining-right-overlap +
 * safety-pillar-50m alone (run.ts repeats them and reports the median); then every rule alone once, to see which
 * one costs what, and EXPLAIN ANALYZE of the overlap and pillar audit queries and of the slowest other rule.
 */
import type { Db } from '../../server/db/client.ts';
import { audit } from '../../server/rules/engine.ts';
import type { ProfileSet } from '../../server/rules/profiles.ts';
import { registry } from '../../server/rules/registry.ts';
import { storedSubjects } from '../../server/rules/subjects.ts';
import { timed } from '../measure.ts';
import { explainAnalyze, type PlanSummary } from '../plans.ts';
import { runsFigure, type Figure, type Goal } from '../report.ts';
import { restrictedTo } from './restricted.ts';

export const PAIR_RULES = ['mining-right-overlap', 'safety-pillar-50m'];

export interface AuditContext {
  db: Db;
  profiles: ProfileSet;
  target: Figure['target'];
  dataset: string;
  jit?: Figure['jit'];
}

/** One audit as the API runs it; `rules` undefined = all registered rules. */
export async function runAudit(db: Db, profiles: ProfileSet, rules?: string[]): Promise<{ ms: number; findings: number }> {
  const { value, ms } = await timed(() => audit(db.orm, profiles, { rules }));
  return { ms, findings: value.length };
}

export function auditFigure(
  ctx: Pick<AuditContext, 'target' | 'dataset' | 'jit'>,
  rules: 'all' | 'pair',
  runs: { ms: number; findings: number }[],
  goal?: Goal,
): Figure {
  const name = rules === 'all' ? `audit(), all ${registry.length} rules` : 'audit(), overlap + pillar-50m';
  return runsFigure(
    { section: 'audit', target: ctx.target, dataset: ctx.dataset, jit: ctx.jit, goal, name, note: `${runs[0]?.findings} findings (fail/warn)` },
    runs.map((r) => r.ms),
  );
}

export interface AuditBreakdown {
  /** Each rule audited alone: time and findings. */
  rules: Record<string, { ms: number; findings: number }>;
  plans: Record<string, PlanSummary>;
}

export async function auditBreakdown(ctx: AuditContext): Promise<AuditBreakdown> {
  const rules: AuditBreakdown['rules'] = {};
  for (const rule of registry) {
    const { value, ms } = await timed(() => audit(ctx.db.orm, ctx.profiles, { rules: [rule.id] }));
    rules[rule.id] = { ms, findings: value.length };
  }
  const slowestOther = Object.entries(rules)
    .filter(([id]) => !PAIR_RULES.includes(id))
    .sort((a, b) => b[1].ms - a[1].ms)[0]?.[0];
  const plans: Record<string, PlanSummary> = {};
  for (const id of [...PAIR_RULES, ...(slowestOther ? [slowestOther] : [])]) {
    const rule = registry.find((r) => r.id === id)!;
    // The whole layer as subjects under the default profile; the engine splits by profile only where the rule's
    // parameters differ between profiles (minimum-scale), passing the subject ids of each profile.
    const layer = rule.appliesTo[0];
    const query = rule.query({ subjects: restrictedTo(rule, storedSubjects(layer)), params: ctx.profiles.paramsFor(rule, 'national'), withEvidence: false });
    const label = `${ctx.target}${ctx.jit === 'off' ? '-jitoff' : ''}-${ctx.dataset}-audit-${id}`;
    plans[label] = await explainAnalyze(ctx.db.orm, label, query);
  }
  return { rules, plans };
}
