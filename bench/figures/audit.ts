/**
 * The audit, called as the API calls it (`audit(db.orm, profiles)`): all rules, or mining-right-overlap +
 * safety-pillar-50m alone (run.ts repeats them and reports the median); then every rule alone once, to see which
 * one costs what, and EXPLAIN ANALYZE of the overlap and pillar audit queries and of the slowest other rule.
 */
import type { createApp } from '../../server/app.ts';
import type { Db } from '../../server/db/client.ts';
import { refreshFindings } from '../../server/findings/refresh.ts';
import { audit } from '../../server/rules/engine.ts';
import type { ProfileSet } from '../../server/rules/profiles.ts';
import { registry } from '../../server/rules/registry.ts';
import { storedSubjects } from '../../server/rules/subjects.ts';
import { sample, timed } from '../measure.ts';
import { explainAnalyze, type PlanSummary } from '../plans.ts';
import { latencyFigure, runsFigure, type Figure, type Goal } from '../report.ts';
import { rightMover } from './edit.ts';
import { restrictedTo } from './restricted.ts';

export const PAIR_RULES = ['mining-right-overlap', 'safety-pillar-50m'];
const API_AUDIT_RUNS = 5;

export interface AuditContext {
  db: Db;
  profiles: ProfileSet;
  target: Figure['target'];
  dataset: string;
}

/** One audit as the API runs it; `rules` undefined = all registered rules. */
export async function runAudit(db: Db, profiles: ProfileSet, rules?: string[]): Promise<{ ms: number; findings: number }> {
  const { value, ms } = await timed(() => audit(db.orm, profiles, { rules }));
  return { ms, findings: value.length };
}

export function auditFigure(
  ctx: Pick<AuditContext, 'target' | 'dataset'>,
  rules: 'all' | 'pair',
  runs: { ms: number; findings: number }[],
  goal?: Goal,
): Figure {
  const name = rules === 'all' ? `audit(), all ${registry.length} rules` : 'audit(), overlap + pillar-50m';
  return runsFigure(
    { section: 'audit', target: ctx.target, dataset: ctx.dataset, goal, name, note: `${runs[0]?.findings} findings (fail/warn)` },
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
    const label = `${ctx.target}-${ctx.dataset}-audit-${id}`;
    plans[label] = await explainAnalyze(ctx.db.orm, label, query);
  }
  return { rules, plans };
}

type App = ReturnType<typeof createApp>;

/**
 * `POST /api/audit` as a client sees it, read to the end: the stored findings brought up to date (nothing to redo when
 * they are fresh; after an edit, the region around it re-audited) and streamed. Builds the stored findings first when
 * they are not (a full audit, not timed here: see the risk section).
 */
export async function apiAuditFigures(ctx: AuditContext & { app: App }): Promise<Figure[]> {
  await refreshFindings(ctx.db, ctx.profiles);
  let findings = 0;
  let bytes = 0;
  const call = async () => {
    const res = await ctx.app.request('/api/audit', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`POST /api/audit: ${res.status} ${text.slice(0, 300)}`);
    findings = (JSON.parse(text) as { findings: unknown[] }).findings.length;
    bytes = text.length;
  };
  await call();
  const fresh = await sample(Array.from({ length: API_AUDIT_RUNS }), call);
  // One right moved 10 m and back: the next audit re-audits the region around it before answering.
  const move = await rightMover(ctx.db);
  const edited = await sample(Array.from({ length: API_AUDIT_RUNS + (API_AUDIT_RUNS % 2) }), async (_, i) => {
    await move(i);
    await call();
  });
  const base = { section: 'audit' as const, target: ctx.target, dataset: ctx.dataset };
  const note = `${findings.toLocaleString('en-US')} findings, ${(bytes / 1e6).toFixed(1)} MB of JSON read in full`;
  return [
    latencyFigure({ ...base, name: 'POST /api/audit, stored findings fresh', note }, fresh),
    latencyFigure({ ...base, name: 'POST /api/audit after one right moved 10 m', note }, edited),
  ];
}
