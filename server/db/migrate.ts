/**
 * Applies data/migrations/NNNN_name.sql in order, once each, recording them in schema_migrations.
 * Safe to run twice: applied versions are skipped, and each migration runs with its bookkeeping row in one
 * transaction, so a failed migration leaves no trace.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { repoRoot } from '../config.ts';
import { rows, type Db } from './client.ts';

export const migrationsDir = path.join(repoRoot, 'data', 'migrations');
/** File names are restricted to this shape, which is what lets the version be written into the script below. */
const migrationFile = /^(\d{4}_[a-z0-9_]+)\.sql$/;

export async function migrate(db: Db): Promise<string[]> {
  await db.runScript(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const done = new Set(
    (await rows<{ version: string }>(db.orm, sql`SELECT version FROM schema_migrations`)).map((r) => r.version),
  );
  const applied: string[] = [];
  for (const file of fs.readdirSync(migrationsDir).sort()) {
    const version = migrationFile.exec(file)?.[1];
    if (!version || done.has(version)) continue;
    const body = fs.readFileSync(path.join(migrationsDir, file), 'utf8');
    try {
      await db.runScript(`BEGIN;\n${body}\nINSERT INTO schema_migrations (version) VALUES ('${version}');\nCOMMIT;`);
    } catch (error) {
      await db.runScript('ROLLBACK').catch(() => undefined);
      throw new Error(`migration ${file} failed: ${(error as Error).message}`);
    }
    applied.push(version);
  }
  return applied;
}
