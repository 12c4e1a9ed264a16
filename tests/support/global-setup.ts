/**
 * Prepares one migrated, empty database template per test run, so each test file gets its own database quickly:
 * a PGlite dump (embedded) or a PostgreSQL template database (when DATABASE_URL is set).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDb } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import { databaseUrlWith } from './db-url.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: { kind: 'pglite'; dumpFile: string } | { kind: 'postgres'; url: string; template: string };
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await createDb({ dataDir: 'memory://' });
    await migrate(db);
    const dumpFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'minerisk-')), 'template.tar');
    fs.writeFileSync(dumpFile, Buffer.from(await (await db.dump!()).arrayBuffer()));
    await db.close();
    project.provide('dbTemplate', { kind: 'pglite', dumpFile });
    return () => fs.rmSync(path.dirname(dumpFile), { recursive: true, force: true });
  }
  const template = `minerisk_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  const db = await createDb({ databaseUrl: databaseUrlWith(url, template) });
  await migrate(db);
  await db.close();
  project.provide('dbTemplate', { kind: 'postgres', url, template });
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.end();
  };
}
