/**
 * One row per figure; printed as a table and written to bench/out/results.json with the datasets, plans and notes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load, ms, summarize, type Summary } from './measure.ts';
import type { PlanSummary } from './plans.ts';
import { outDir } from './targets.ts';

export interface Goal {
  text: string;
  /** Which number the goal is about: p95 of a latency distribution, or the (median) time of a one-off run. */
  metric: 'p95' | 'time';
  maxMs: number;
}

export interface Figure {
  section: 'layers' | 'checks' | 'audit' | 'floor' | 'turf' | 'risk';
  target: 'pglite' | 'postgres' | 'node';
  /** demo / 100k / 1M … */
  dataset: string;
  name: string;
  /** Latency distribution (requests, queries). */
  summary?: Summary;
  /** One-off runs (audits): every run, and the median as `timeMs`. */
  runsMs?: number[];
  timeMs?: number;
  goal?: Goal;
  met?: boolean;
  /** True when the figure was not measured in full but scaled up from a measured part (see note). */
  extrapolated?: boolean;
  note?: string;
  /** 1-minute load average when the figure was taken (2 cores: above ~2 the figure is inflated by other work). */
  load: number;
}

export function latencyFigure(base: Omit<Figure, 'summary' | 'met' | 'load'>, samples: number[]): Figure {
  const summary = summarize(samples);
  return { ...base, summary, met: base.goal ? summary.p95 <= base.goal.maxMs : undefined, load: load() };
}

export function runsFigure(base: Omit<Figure, 'runsMs' | 'timeMs' | 'met' | 'load'>, runs: number[]): Figure {
  const timeMs = summarize(runs).p50;
  return { ...base, runsMs: runs, timeMs, met: base.goal ? timeMs <= base.goal.maxMs : undefined, load: load() };
}

export interface Results {
  startedAt: string;
  finishedAt?: string;
  machine: { cpu: string; cores: number; memoryGb: number; node: string; platform: string };
  options: Record<string, unknown>;
  datasets: Record<string, unknown>;
  figures: Figure[];
  plans: Record<string, PlanSummary>;
  /** Where the time goes: each query of a check, each rule of an audit, per target and dataset. */
  breakdowns: Record<string, unknown>;
  ratios: Record<string, number>;
  notes: string[];
}

export function machine(): Results['machine'] {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  return {
    cpu: model.trim(),
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

export function formatTable(figures: Figure[]): string {
  const header = ['target', 'data', 'figure', 'n', 'p50 ms', 'p95 ms', 'time ms', 'goal', 'ok', 'load'];
  const body = figures.map((f) => [
    f.target,
    f.dataset,
    f.name,
    f.summary ? String(f.summary.n) : f.runsMs ? String(f.runsMs.length) : '',
    f.summary ? ms(f.summary.p50) : '',
    f.summary ? ms(f.summary.p95) : '',
    f.timeMs !== undefined ? ms(f.timeMs) + (f.extrapolated ? '*' : '') : '',
    f.goal?.text ?? '',
    f.met === undefined ? '' : f.met ? 'yes' : 'NO',
    String(f.load),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const numeric = new Set([3, 4, 5, 6, 9]);
  const line = (r: string[]) => r.map((c, i) => (numeric.has(i) ? lpad(c, widths[i]) : pad(c, widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n') + '\n(* extrapolated, see results.json notes)';
}

export function writeResults(results: Results, name = 'results.json'): string {
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, name);
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return path.relative(process.cwd(), file);
}
