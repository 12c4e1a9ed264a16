/**
 * createDb(): the one way to open the database. Embedded PGlite + PostGIS by default (nothing to install), or a real
 * PostgreSQL/PostGIS server when a DATABASE_URL is given. Both are driven through drizzle with the same SQL.
 */
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import fs from 'node:fs';
import * as schema from './schema.ts';

export type Orm = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A drizzle handle or a transaction on it: anything that can run a query. */
export type Executor = Pick<Orm, 'execute'>;

export interface Db {
  kind: 'pglite' | 'postgres';
  orm: Orm;
  /** Runs a multi-statement script without parameters (migrations only). */
  runScript(text: string): Promise<void>;
  close(): Promise<void>;
  /** Embedded only: a dump of the whole database (used to make test templates). */
  dump?(): Promise<Blob>;
}

export interface DbOptions {
  databaseUrl?: string;
  /** Embedded database directory or `memory://`. */
  dataDir?: string;
  /** Embedded only: start from this dump (PGlite `dumpDataDir`), e.g. a migrated template in tests. */
  loadDataDir?: Blob;
}

const EMBEDDED_WORK_MEM = '64MB';

export async function createDb(options: DbOptions): Promise<Db> {
  if (options.databaseUrl) {
    // JIT compiles every large audit query for ~1 s and never pays back on these plans (docs/benchmarks.md).
    // No parallel workers: the app brings its own concurrency (an audit runs 4 rule queries at a time, the API serves
    // many requests), so a query's workers only compete for the same cores; the mine-gap audits planned parallel
    // spent more CPU in all (100k audit: postgres 5.6 → 5.2 CPU s, 2 cores).
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, options: '-c jit=off -c max_parallel_workers_per_gather=0' });
    // Fail fast with a readable message when the server is unreachable.
    await pool.query('SELECT 1');
    return {
      kind: 'postgres',
      orm: drizzlePg(pool, { schema }) as unknown as Orm,
      runScript: async (text) => {
        await pool.query(text);
      },
      close: () => pool.end(),
    };
  }
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) fs.mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({ dataDir, extensions: { postgis }, loadDataDir: options.loadDataDir });
  // An audit's materialized subjects (~40 MB at 100k) fit in memory instead of a temp file, which PGlite writes and
  // reads back through its JavaScript file system: 100k audit 6.9–7.1 → 6.6–6.7 s. The one connection is the
  // database's only session, so this is the whole database's setting; a server keeps its own.
  await client.exec(`SET work_mem = '${EMBEDDED_WORK_MEM}'`);
  return {
    kind: 'pglite',
    orm: drizzlePglite(client, { schema }) as unknown as Orm,
    runScript: async (text) => {
      await client.exec(text);
    },
    close: () => client.close(),
    dump: () => client.dumpDataDir('none'),
  };
}

/**
 * Runs a query that returns rows (node-postgres and PGlite both answer `{ rows, fields }`). A result with neither rows
 * nor column descriptions is refused: PGlite answers that way, with no error, when a C++ exception is thrown inside
 * PostGIS (GEOS): its PostGIS build cannot catch one, so the query is abandoned and the error is lost. An empty list
 * there would read as "no findings" (docs/benchmarks.md, "PGlite drops a result").
 */
export async function rows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[]; fields?: unknown[] };
  if (result.rows.length === 0 && Array.isArray(result.fields) && result.fields.length === 0) {
    throw new Error('the database answered a row query with no rows and no columns (an incomplete result; on PGlite, an error inside PostGIS/GEOS that it could not report)');
  }
  return result.rows;
}

/**
 * The rows of a large result (an audit's), fetched the cheaper way for the database at hand. PGlite decodes every
 * field of every row on its own in JavaScript (a TextDecoder call per text field), so there the rows come as one JSON
 * array, decoded and parsed at once: in the 100k audit, minimum-scale's 89,806 rows 1.02 → 0.66 s, slope-monitoring's
 * 56,572 rows 0.22 → 0.10 s. A server streams rows to node-postgres while it still works on the query, and building
 * the JSON would cost it more than it saves (minimum-scale 0.37 → 0.47 s), so there the rows come as rows.
 * Only for rows of text, numbers, booleans and JSON (JSON has no dates and no bigints).
 */
export async function bulkRows<T>(db: Executor, query: SQL): Promise<T[]> {
  if (!isEmbedded(db)) return rows<T>(db, query);
  const [found] = await rowsInOneStatement<T>(db, [query]);
  return found;
}

/**
 * The rows of several queries from one statement, each query's rows as a JSON array: one round trip where a database
 * runs one statement at a time anyway (PGlite). Same types caveat as `bulkRows`.
 */
export async function rowsInOneStatement<T = Record<string, unknown>>(db: Executor, queries: SQL[]): Promise<T[][]> {
  if (queries.length === 0) return [];
  const columns = queries.map((query, i) => sql`(SELECT coalesce(json_agg(r), '[]'::json) FROM (${query}) r) AS ${sql.identifier(`q${i}`)}`);
  const [row] = await rows<Record<string, T[] | string>>(db, sql`SELECT ${sql.join(columns, sql`, `)}`);
  return queries.map((_, i) => {
    const value = row[`q${i}`];
    return typeof value === 'string' ? (JSON.parse(value) as T[]) : value;
  });
}

/** `a, b, c` for `IN (…)`: one bound parameter per value, so the planner sees how few there are. */
export function valueList(values: readonly (string | number)[]): SQL {
  return sql.join(values.map((v) => sql`${v}`), sql`, `);
}

function isEmbedded(db: Executor): boolean {
  return (db as { $client?: unknown }).$client instanceof PGlite;
}

/**
 * True when queries on `db` may run at the same time: the server's pool itself. False for PGlite (one connection) and
 * for a transaction (one connection, and statements of a failed one would only queue behind its error).
 */
export function runsConcurrently(db: Executor): boolean {
  return (db as { $client?: unknown }).$client instanceof pg.Pool;
}
