import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import { rows } from '../db/client.ts';
import type { Deps } from './deps.ts';

export function healthRoutes({ db }: Deps) {
  return new Hono().get('/', async (c) => {
    const [{ version }] = await rows<{ version: string }>(db.orm, sql`SELECT postgis_lib_version() AS version`);
    return c.json({ ok: true as const, db: db.kind, postgis: version });
  });
}
