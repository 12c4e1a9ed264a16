/**
 * A fresh, migrated, empty database for one test file: embedded PGlite from the run's dump, or a new database
 * on the PostgreSQL server copied from the run's template. Tests never mock the database.
 */
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createDb, type Db } from '../../server/db/client.ts';
import { loadProfiles, type ProfileSet } from '../../server/rules/profiles.ts';
import { databaseUrlWith } from './db-url.ts';

export interface TestDb extends Db {
  /** Drops the per-file database (server) and closes the connection. */
  destroy(): Promise<void>;
}

export async function openTestDb(): Promise<TestDb> {
  const template = inject('dbTemplate');
  if (template.kind === 'pglite') {
    const db = await createDb({ dataDir: 'memory://', loadDataDir: new Blob([fs.readFileSync(template.dumpFile)]) });
    return { ...db, destroy: () => db.close() };
  }
  const name = `minerisk_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: template.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template.template}`);
  const db = await createDb({ databaseUrl: databaseUrlWith(template.url, name) });
  return {
    ...db,
    destroy: async () => {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    },
  };
}

export interface TestApp {
  db: TestDb;
  profiles: ProfileSet;
  app: ReturnType<typeof createApp>;
  /** JSON request helper: `call('POST', '/api/checks', body)`. */
  call(method: string, path: string, body?: unknown): Promise<Response>;
}

export async function openTestApp(env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  const db = await openTestDb();
  const profiles = loadProfiles();
  const config = loadConfig({ DATA_DIR: 'memory://', SEED: 'none', ...env });
  const app = createApp({ config, db, profiles });
  const call = (method: string, path: string, body?: unknown) =>
    Promise.resolve(
      app.request(path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );
  return { db, profiles, app, call };
}
