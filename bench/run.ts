/**
 * npm run bench — see bench/options.ts for the command line and docs/benchmarks.md for what the figures mean.
 *
 * Per target (PostgreSQL server, embedded PGlite):
 *   demo dataset       GET /api/layers/:layer?bbox (issue 3)
 *   synthetic datasets POST /api/checks over 200 proposals, the audit, the PostGIS floor queries, the Turf loops;
 *                      on the server the checks dataset is 1M rights and the audit one 100k, on PGlite both 100k;
 *                      the risk map (stored findings: full and incremental refresh, county choropleth) on each.
 * Everything runs with the app's own connection settings (server: `jit` and parallel workers off, server/db/client.ts).
 */
import path from 'node:path';
import { loadDemo } from '../data/loaders/demo.ts';
import { createApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import type { Db } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { loadProfiles, type ProfileSet } from '../server/rules/profiles.ts';
import { registry } from '../server/rules/registry.ts';
import { apiAuditFigures, auditBreakdown, auditFigure, PAIR_RULES, runAudit } from './figures/audit.ts';
import { checkBreakdown, checkFigures } from './figures/checks.ts';
import { auditFloorFigure, checkFloorFigure, explainAuditFloor, runAuditFloor } from './figures/floor.ts';
import { densityFigures, LAYER_GOAL, layerFigures } from './figures/layers.ts';
import { summarizeLayers } from '../server/layers/store.ts';
import { CHOROPLETH_GOAL, riskFigures } from './figures/risk.ts';
import { loadMemory, turfAuditFigure, turfCheckFigures } from './figures/turf.ts';
import { load, ms, waitForQuiet } from './measure.ts';
import { parseOptions, type Options } from './options.ts';
import { describePlan, type PlanSummary } from './plans.ts';
import { makeProposals, type Proposal } from './proposals.ts';
import { formatTable, machine, writeResults, type Figure, type Goal, type Results } from './report.ts';
import { DEFAULT_SEED, GENERATOR_VERSION, generateProvince } from './synthetic.ts';
import { openDataset, type TargetKind } from './targets.ts';

const PROPOSALS = 200;
const LAYER_REQUESTS = 100;
const AUDIT_RIGHTS = 100_000;
/** A county-sized box (0.5° × 0.5°) over the demo region (Hejin–Hancheng, 110.2–111°E, 35.2–35.85°N). */
const DEMO_BBOX = [110.35, 35.3, 110.85, 35.8] as const;
/** The same size of box in the middle of a dense synthetic district (informational). */
const SYNTHETIC_BBOX = [113.25, 36.25, 113.75, 36.75] as const;

const CHECK_ROUNDS = 3;
const AUDIT_REPEATS = 3;
const QUIET_MAX_WAIT_MS = 120_000;

/** One synthetic dataset opened on one target. */
interface Session {
  target: TargetKind;
  dataset: string;
  datasetLabel: string;
  rights: number;
  db: Db;
  proposals: Proposal[];
}

type RunMs = Awaited<ReturnType<typeof runAudit>>;
type FloorMs = Awaited<ReturnType<typeof runAuditFloor>>;

const CHECK_GOAL: Goal = { text: 'p95 ≤ 25 ms', metric: 'p95', maxMs: 25 };
const AUDIT_GOAL: Goal = { text: '≤ 3 s', metric: 'time', maxMs: 3000 };

const label = (rights: number) => (rights % 1_000_000 === 0 ? `${rights / 1_000_000}M` : rights % 1000 === 0 ? `${rights / 1000}k` : String(rights));

/** Plans are keyed by the name of their file under bench/out/plans/. */
const planName = (plan: PlanSummary) => path.basename(plan.file, '.txt');

const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)} load ${load().toFixed(1)}] ${line}`);

class Bench {
  readonly results: Results;
  private readonly profiles: ProfileSet = loadProfiles();
  private readonly turfDone = new Set<string>();

  constructor(private readonly options: Options) {
    this.results = {
      startedAt: new Date().toISOString(),
      machine: machine(),
      options: { targets: options.targets, rights: options.rights ?? null, reuse: options.reuse, only: [...options.only] },
      datasets: {},
      figures: [],
      plans: {},
      breakdowns: {},
      ratios: {},
      notes: [`rules registered: ${registry.map((r) => `${r.id} v${r.version}`).join(', ')}`],
    };
  }

  private add(...figures: Figure[]) {
    this.results.figures.push(...figures);
    for (const f of figures) {
      const numbers = f.summary ? `p50 ${ms(f.summary.p50)} ms, p95 ${ms(f.summary.p95)} ms` : `${ms(f.timeMs ?? NaN)} ms${f.extrapolated ? ' (extrapolated)' : ''}`;
      log(`${f.target} ${f.dataset} ${f.name}: ${numbers}${f.note ? ` — ${f.note}` : ''}`);
    }
    writeResults(this.results);
  }

  private app(db: Db) {
    return createApp({ config: loadConfig({ DATA_DIR: 'memory://', SEED: 'none' }), db, profiles: this.profiles });
  }

  async run(): Promise<void> {
    for (const target of this.options.targets) {
      if (this.options.only.has('layers')) await this.demo(target);
      const checksRights = this.options.rights ?? (target === 'postgres' ? 1_000_000 : AUDIT_RIGHTS);
      const auditRights = Math.min(checksRights, AUDIT_RIGHTS);
      for (const rights of [...new Set([checksRights, auditRights])]) await this.synthetic(target, rights, rights === auditRights);
    }
    this.ratios();
    this.consistency();
    this.results.finishedAt = new Date().toISOString();
    const file = writeResults(this.results);
    // Keep every complete run too: on a shared machine one compares runs and says which conditions each had.
    writeResults(this.results, `results-${this.results.startedAt.replace(/[:.]/g, '-')}.json`);
    console.log(`\n${formatTable(this.results.figures)}\n`);
    for (const [name, r] of Object.entries(this.results.ratios)) console.log(`ratio ${name}: ${r.toFixed(2)}`);
    console.log(`\nwritten to ${file}`);
  }

  /** Issue 3: the layer endpoint on the demo region, always loaded fresh (the fixtures may have changed). */
  private async demo(target: TargetKind) {
    log(`${target}: demo dataset`);
    const { db, location } = await openDataset(target, 'demo', { kind: 'demo' }, false);
    await migrate(db);
    const loaded = await loadDemo(db.orm);
    this.results.datasets[`${target}/demo`] = { location, loaded };
    await this.quiet('layers (demo)');
    this.add(...(await layerFigures(this.app(db), { target, dataset: 'demo', bbox: DEMO_BBOX, requests: LAYER_REQUESTS, goal: LAYER_GOAL })));
    await db.close();
  }

  private async synthetic(target: TargetKind, rights: number, forAudit: boolean) {
    const dataset = label(rights);
    const datasetLabel = `r${dataset.toLowerCase()}`;
    const meta = { kind: 'synthetic' as const, rights, seed: DEFAULT_SEED, version: GENERATOR_VERSION };
    log(`${target}: synthetic dataset ${dataset} (${rights.toLocaleString('en-US')} rights)`);
    const opened = await openDataset(target, datasetLabel, meta, this.options.reuse);
    let loadReport: unknown = 'reused';
    if (!opened.reused) {
      const report = await generateProvince(opened.db, { rights, log: (line) => log(line) });
      await opened.markLoaded();
      log(`loaded in ${(report.totalMs / 1000).toFixed(1)} s: ${JSON.stringify(report.counts)}`);
      loadReport = report;
    }
    // A reused dataset still gets migrations written since it was generated (new tables, triggers).
    if (opened.reused) await migrate(opened.db);
    this.results.datasets[`${target}/${dataset}`] = { location: opened.location, ...meta, load: loadReport };

    const s: Session = { target, dataset, datasetLabel, rights, db: opened.db, proposals: await makeProposals(opened.db, rights, PROPOSALS) };
    const only = this.options.only;
    if (only.has('checks')) await this.checks(s);
    if (only.has('floor')) await this.checkFloor(s);
    if (forAudit && (only.has('audit') || only.has('floor'))) await this.audits(s);
    if (only.has('layers')) {
      await this.quiet('layers (synthetic)');
      const options = { target, dataset, bbox: SYNTHETIC_BBOX, requests: 20, layers: ['mining_rights', 'tailings_ponds', 'settlements'] };
      this.add(...(await layerFigures(this.app(s.db), options)));
      const province = (await summarizeLayers(s.db.orm)).find((l) => l.layer === 'mining_rights')!.bbox!;
      this.add(...(await densityFigures(this.app(s.db), { ...options, layer: 'mining_rights', boxes: { county: SYNTHETIC_BBOX, province }, requests: 5 })));
    }
    if (only.has('turf')) await this.turf(s, forAudit);
    if (only.has('risk')) {
      await this.quiet('risk');
      const goal = s.target === 'postgres' && s.rights >= 1_000_000 ? CHOROPLETH_GOAL : undefined;
      this.add(...(await riskFigures({ target: s.target, dataset: s.dataset, app: this.app(s.db), db: s.db, profiles: this.profiles, goal })));
    }
    await s.db.close();
  }

  private async checks(s: Session) {
    await this.quiet('checks');
    const goal = s.target === 'postgres' && s.rights >= 1_000_000 ? CHECK_GOAL : undefined;
    const ctx = { target: s.target, dataset: s.dataset, app: this.app(s.db), db: s.db, profiles: this.profiles, proposals: s.proposals, goal };
    this.add(...(await checkFigures(ctx, CHECK_ROUNDS)).figures);
    const breakdown = await checkBreakdown(ctx);
    this.record(`${s.target}/${s.dataset}/check-steps`, { steps: breakdown.steps, probe: breakdown.probe }, breakdown.plans);
    const { proposal, jitMs } = breakdown.probe;
    log(`check JIT probe (${proposal}): ${jitMs === null ? 'no plan JIT-compiled' : `JIT ${jitMs} ms`}`);
  }

  private async checkFloor(s: Session) {
    await this.quiet('floor check');
    const { figure, plan } = await checkFloorFigure({ target: s.target, dataset: s.dataset, db: s.db }, s.proposals);
    this.add(figure);
    this.results.plans[planName(plan)] = plan;
  }

  /**
   * The audits and the floor audit, AUDIT_REPEATS times, interleaved so a burst of outside load hits both alike; then
   * each rule alone with the plans, and the audit as a client of `POST /api/audit` gets it (stored findings).
   */
  private async audits(s: Session) {
    const only = this.options.only;
    const runs = { all: [] as RunMs[], pair: [] as RunMs[], floor: [] as FloorMs[] };
    for (let r = 0; r < AUDIT_REPEATS; r++) {
      await this.quiet(`audit repeat ${r + 1}`);
      if (only.has('audit')) {
        runs.all.push(await runAudit(s.db, this.profiles));
        runs.pair.push(await runAudit(s.db, this.profiles, PAIR_RULES));
        log(`  audit all ${runs.all.at(-1)!.ms.toFixed(0)} ms, overlap+pillar ${runs.pair.at(-1)!.ms.toFixed(0)} ms`);
      }
      if (only.has('floor')) {
        runs.floor.push(await runAuditFloor(s.db));
        log(`  floor audit ${runs.floor.at(-1)!.ms.toFixed(0)} ms`);
      }
    }
    const goal = s.target === 'postgres' && s.rights === AUDIT_RIGHTS ? AUDIT_GOAL : undefined;
    const ctx = { target: s.target, dataset: s.dataset };
    if (runs.all.length) this.add(auditFigure(ctx, 'all', runs.all, goal), auditFigure(ctx, 'pair', runs.pair, goal));
    if (runs.floor.length) this.add(auditFloorFigure({ ...ctx, db: s.db }, runs.floor));
    await this.quiet('audit breakdown');
    if (only.has('audit')) {
      const breakdown = await auditBreakdown({ ...ctx, db: s.db, profiles: this.profiles });
      this.record(`${s.target}/${s.dataset}/audit-rules`, breakdown.rules, breakdown.plans);
      await this.quiet('audit API');
      this.add(...(await apiAuditFigures({ ...ctx, db: s.db, profiles: this.profiles, app: this.app(s.db) })));
    }
    if (only.has('floor')) {
      const plan = await explainAuditFloor({ ...ctx, db: s.db });
      this.record(`${s.target}/${s.dataset}/floor-audit`, {}, { [planName(plan)]: plan });
    }
  }

  /** Turf works on the data in memory: once per dataset size, whichever target it was read from. */
  private async turf(s: Session, forAudit: boolean) {
    if (this.turfDone.has(s.dataset)) return;
    this.turfDone.add(s.dataset);
    log(`turf: loading ${s.dataset} into memory`);
    const memory = await loadMemory(s.db);
    await this.quiet('turf');
    this.add(...(await turfCheckFigures(memory, s.proposals, { dataset: s.dataset, naiveProposals: 5, naiveSample: 2_000 })));
    if (forAudit) this.add(turfAuditFigure(memory, { dataset: s.dataset, budgetMs: 15_000 }));
  }

  /** Waits for a quiet machine before a timed section (see waitForQuiet) and logs what it found. */
  private async quiet(section: string) {
    const { load: now, waitedMs } = await waitForQuiet(this.options.quietLoad, QUIET_MAX_WAIT_MS);
    if (waitedMs > 1000 || now >= this.options.quietLoad) log(`${section}: waited ${(waitedMs / 1000).toFixed(0)} s for quiet, load now ${now}`);
  }

  private record(key: string, breakdown: Record<string, unknown>, plans: Record<string, PlanSummary>) {
    this.results.breakdowns[key] = breakdown;
    for (const [name, plan] of Object.entries(plans)) {
      this.results.plans[name] = plan;
      log(`plan ${name}: ${describePlan(plan)}`);
    }
    writeResults(this.results);
  }

  /**
   * The same data must give the same findings on both databases: compares, rule by rule, the audit findings of
   * every run at each dataset size and writes any disagreement into the notes (and the log).
   */
  private consistency() {
    const byDataset = new Map<string, Map<string, Record<string, { findings: number }>>>();
    for (const [key, value] of Object.entries(this.results.breakdowns)) {
      const m = /^(\w+)\/([^/]+)\/audit-rules$/.exec(key);
      if (!m) continue;
      const runs = byDataset.get(m[2]) ?? new Map();
      runs.set(key, value as Record<string, { findings: number }>);
      byDataset.set(m[2], runs);
    }
    for (const [dataset, runs] of byDataset) {
      if (runs.size < 2) continue;
      for (const rule of registry.map((r) => r.id)) {
        const counts = [...runs].map(([key, v]) => `${key.split('/').slice(0, -2).join('/')}: ${v[rule]?.findings}`);
        if (new Set([...runs.values()].map((v) => v[rule]?.findings)).size > 1) {
          const note = `MISMATCH ${dataset} ${rule}: audit findings differ between runs on the same data (${counts.join(', ')})`;
          this.results.notes.push(note);
          log(note);
        }
      }
    }
  }

  /** PGlite ÷ server at equal size (the audit dataset). */
  private ratios() {
    const dataset = label(Math.min(this.options.rights ?? AUDIT_RIGHTS, AUDIT_RIGHTS));
    const pick = (target: 'pglite' | 'postgres', name: string, value: (f: Figure) => number | undefined) => {
      const found = this.results.figures.filter((f) => f.target === target && f.dataset === dataset && f.name === name).map(value);
      const numbers = found.filter((x): x is number => x !== undefined);
      return numbers.length ? Math.min(...numbers) : undefined;
    };
    const pairs: [string, string, (f: Figure) => number | undefined][] = [
      ['checks p50', 'POST /api/checks, all rules', (f) => f.summary?.p50],
      ['checks p95', 'POST /api/checks, all rules', (f) => f.summary?.p95],
      ['audit all rules', `audit(), all ${registry.length} rules`, (f) => f.timeMs],
      ['audit overlap+pillar', 'audit(), overlap + pillar-50m', (f) => f.timeMs],
    ];
    for (const [name, figure, value] of pairs) {
      const embedded = pick('pglite', figure, value);
      const server = pick('postgres', figure, value);
      if (embedded !== undefined && server !== undefined) this.results.ratios[`pglite/postgres ${name} (${dataset})`] = embedded / server;
    }
  }
}

const options = parseOptions(process.argv.slice(2));
await new Bench(options).run();
