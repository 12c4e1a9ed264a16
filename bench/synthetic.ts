/**
 * Generates a synthetic province in the database, set-based (INSERT … SELECT over generate_series), into the real
 * tables after the migrations, so the triggers fill the *_pieces tables exactly as the API would. Deterministic:
 * each layer runs in its own transaction after `setseed`, so the same seed and N give the same data (the same
 * random() sequence in the same plan order; PGlite and the server agree to the last bits of sin/exp at most).
 *
 *   npx tsx bench/synthetic.ts --rights 100000 [--database-url postgres://…/db | --data-dir ./somewhere]
 */
import { sql } from 'drizzle-orm';
import { pathToFileURL } from 'node:url';
import { databaseIsEmpty } from '../data/loaders/demo.ts';
import { createDb, rows, type Db, type Executor } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { layerIds, layers } from '../server/layers/catalog.ts';
import { insertAdminAreas } from './synthetic/admin.ts';
import { insertHazardZones, insertOreBodies, insertRestrictedZones, insertRidgeLines, insertSettlements, insertTailingsPonds } from './synthetic/features.ts';
import { layerCounts } from './synthetic/province.ts';
import { insertRights } from './synthetic/rights.ts';
import { insertRivers } from './synthetic/rivers.ts';

/** Bumped whenever the generator's output changes, so `--reuse` does not pick up a stale database. */
export const GENERATOR_VERSION = 2;
export const DEFAULT_SEED = 0.42;

export interface ProvinceOptions {
  rights: number;
  /** setseed() value in [-1, 1]. */
  seed?: number;
  log?: (line: string) => void;
}

export interface LoadReport {
  rights: number;
  seed: number;
  version: number;
  /** Rows per table, *_pieces included. */
  counts: Record<string, number>;
  /** Wall time of each step, ms. */
  timingsMs: Record<string, number>;
  totalMs: number;
}

const PIECE_TABLES = ['rivers_pieces', 'ridge_lines_pieces', 'hazard_zones_pieces', 'restricted_zones_pieces'];

export async function generateProvince(db: Db, options: ProvinceOptions): Promise<LoadReport> {
  const { rights } = options;
  const seed = options.seed ?? DEFAULT_SEED;
  const log = options.log ?? (() => undefined);
  await migrate(db);
  if (!(await databaseIsEmpty(db.orm))) throw new Error('generateProvince needs an empty database');
  const n = layerCounts(rights);

  // Rights first: most other layers are placed relative to them.
  const steps: [string, (tx: Executor) => Promise<void>][] = [
    ['admin_areas', (tx) => insertAdminAreas(tx)],
    ['mining_rights', (tx) => insertRights(tx, rights)],
    ['rivers', (tx) => insertRivers(tx)],
    ['tailings_ponds', (tx) => insertTailingsPonds(tx, rights, n.tailingsPonds)],
    ['settlements', (tx) => insertSettlements(tx, rights, n.settlements)],
    ['hazard_zones', (tx) => insertHazardZones(tx, rights, n.hazardZones)],
    ['restricted_zones', (tx) => insertRestrictedZones(tx, rights, n.restrictedZones)],
    ['ridge_lines', (tx) => insertRidgeLines(tx, rights, n.ridgeLines)],
    ['ore_bodies', (tx) => insertOreBodies(tx, rights, n.oreBodies)],
  ];
  const timingsMs: Record<string, number> = {};
  const started = performance.now();
  for (const [index, [name, insert]] of steps.entries()) {
    const t0 = performance.now();
    // One transaction per layer pins one connection, so setseed() governs the random() calls of the insert.
    await db.orm.transaction(async (tx) => {
      // The planner overestimates generate_series subplans (1000 rows each), so on the server JIT compiles these
      // inserts for seconds (3.6 of 4.5 s at 10k rights); they run in a fraction of that interpreted.
      if (db.kind === 'postgres') await tx.execute(sql`SET LOCAL jit = off`);
      await tx.execute(sql`SELECT setseed(${layerSeed(seed, index)}::float8)`);
      await insert(tx);
    });
    timingsMs[name] = performance.now() - t0;
    log(`  ${name.padEnd(18)} ${(timingsMs[name] / 1000).toFixed(1).padStart(7)} s`);
  }
  const t0 = performance.now();
  await db.runScript('ANALYZE');
  timingsMs.analyze = performance.now() - t0;
  log(`  ${'ANALYZE'.padEnd(18)} ${(timingsMs.analyze / 1000).toFixed(1).padStart(7)} s`);
  const totalMs = performance.now() - started;
  const counts = await tableCounts(db.orm);
  return { rights, seed, version: GENERATOR_VERSION, counts, timingsMs, totalMs };
}

/** A distinct setseed() value per layer, so adding draws to one layer leaves the others unchanged. */
function layerSeed(seed: number, index: number): number {
  return ((((seed + 1) * 1000 + index * 137) % 2000) / 1000) - 1;
}

export async function tableCounts(db: Executor): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const id of layerIds) {
    counts[id] = (await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${layers[id].table}`))[0].n;
  }
  for (const table of PIECE_TABLES) {
    counts[table] = (await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`))[0].n;
  }
  return counts;
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rights = Number(argument('--rights') ?? 10_000);
  const db = await createDb({ databaseUrl: argument('--database-url'), dataDir: argument('--data-dir') ?? 'memory://' });
  console.log(`generating ${rights.toLocaleString('en-US')} rights on ${db.kind}`);
  const report = await generateProvince(db, { rights, log: console.log });
  console.log(`total ${(report.totalMs / 1000).toFixed(1)} s`, report.counts);
  await db.close();
}
