/**
 * EXPLAIN ANALYZE of a query, kept as text under bench/out/plans/ and boiled down to what decides whether a figure
 * can be trusted: execution vs planning time, JIT compile time (server only), which indexes ran, which tables were
 * scanned sequentially.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../server/db/client.ts';
import { outDir } from './targets.ts';

export interface PlanSummary {
  file: string;
  executionMs: number;
  planningMs: number;
  /** Total JIT time (generation + inlining + optimisation + emission), when JIT ran. */
  jitMs: number | null;
  indexes: string[];
  seqScans: string[];
}

const plansDir = path.join(outDir, 'plans');

/** Runs EXPLAIN ANALYZE; the plan text goes to bench/out/plans/<name>.txt unless `save` is false. */
export async function explainAnalyze(db: Executor, name: string, query: SQL, save = true): Promise<PlanSummary> {
  const lines = (await rows<{ 'QUERY PLAN': string }>(db, sql`EXPLAIN (ANALYZE, BUFFERS) ${query}`)).map((r) => r['QUERY PLAN']);
  const text = lines.join('\n');
  const file = path.join(plansDir, `${name.replace(/[^a-zA-Z0-9_.-]+/g, '_')}.txt`);
  if (save) {
    fs.mkdirSync(plansDir, { recursive: true });
    fs.writeFileSync(file, `${text}\n`);
  }
  const number = (re: RegExp) => {
    const m = re.exec(text);
    return m ? Number(m[1]) : null;
  };
  const unique = (re: RegExp) => [...new Set([...text.matchAll(re)].map((m) => m[1]))].sort();
  return {
    file: path.relative(process.cwd(), file),
    executionMs: number(/Execution Time: ([\d.]+) ms/) ?? NaN,
    planningMs: number(/Planning Time: ([\d.]+) ms/) ?? NaN,
    jitMs: number(/JIT:[\s\S]*?Total ([\d.]+) ms/),
    indexes: unique(/(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using |on )(\w+)/g),
    seqScans: unique(/Seq Scan on (\w+)/g),
  };
}

export function describePlan(p: PlanSummary): string {
  const jit = p.jitMs === null ? '' : `, JIT ${p.jitMs.toFixed(0)} ms`;
  const seq = p.seqScans.length ? `; seq scans: ${p.seqScans.join(', ')}` : '';
  return `exec ${p.executionMs.toFixed(1)} ms (plan ${p.planningMs.toFixed(1)} ms${jit}); indexes: ${p.indexes.join(', ') || 'none'}${seq}`;
}
