/**
 * The databases the benchmark runs on: embedded PGlite (a directory under bench/out/pglite/) or a database of its
 * own on the PostgreSQL server (minerisk_bench_<label>). Never the `test` database, and only our own are dropped.
 * A dataset remembers what it holds (generator version, N, seed) so `--reuse` can skip regenerating it: in a
 * meta.json next to the PGlite directory, in the database comment on the server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDb, type Db } from '../server/db/client.ts';

export type TargetKind = 'pglite' | 'postgres';

/** Server connection used to create and drop the benchmark databases (any database we may connect to). */
export const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');
const pgliteRoot = path.join(outDir, 'pglite');

/** What a benchmark database holds; compared as JSON for --reuse. */
export type DatasetMeta = { kind: 'demo' } | { kind: 'synthetic'; rights: number; seed: number; version: number };

const LABEL = /^[a-z0-9_]+$/;

export function databaseName(label: string): string {
  if (!LABEL.test(label)) throw new Error(`bad dataset label ${label}`);
  return `minerisk_bench_${label}`;
}

function urlFor(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface Opened {
  db: Db;
  /** True when an existing dataset matching `meta` was opened (nothing to load). */
  reused: boolean;
  /** Records that the dataset is complete; call after loading it. */
  markLoaded(): Promise<void>;
  /** Where it lives, for the report. */
  location: string;
}

/**
 * Opens the dataset `label`: the existing one when `reuse` is set and it holds `meta`, else a fresh empty one
 * (dropping our own previous database or directory of that label).
 */
export async function openDataset(kind: TargetKind, label: string, meta: DatasetMeta, reuse: boolean): Promise<Opened> {
  const wanted = JSON.stringify(meta);
  if (kind === 'pglite') {
    const dir = path.join(pgliteRoot, label);
    const metaFile = `${dir}.meta.json`;
    const matches = reuse && fs.existsSync(metaFile) && fs.readFileSync(metaFile, 'utf8') === wanted;
    if (!matches) {
      fs.rmSync(metaFile, { force: true });
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const db = await createDb({ dataDir: dir });
    return {
      db,
      reused: matches,
      location: path.relative(process.cwd(), dir),
      markLoaded: async () => fs.writeFileSync(metaFile, wanted),
    };
  }
  const name = databaseName(label);
  const matches = await withAdmin(async (admin) => {
    const found = await admin.query<{ comment: string | null }>(
      'SELECT shobj_description(oid, $1) AS comment FROM pg_database WHERE datname = $2',
      ['pg_database', name],
    );
    if (reuse && found.rows[0]?.comment === wanted) return true;
    // Identifiers cannot be bound parameters; `name` matched LABEL above.
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    return false;
  });
  const db = await createDb({ databaseUrl: urlFor(name) });
  return {
    db,
    reused: matches,
    location: name,
    markLoaded: () => withAdmin(async (admin) => void (await admin.query(`COMMENT ON DATABASE ${name} IS ${admin.escapeLiteral(wanted)}`))),
  };
}

