import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import * as schema from '../../server/db/schema.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => db?.destroy());

describe('migrations', () => {
  it('are idempotent: a second run applies nothing and changes nothing', async () => {
    const before = await rows<{ version: string }>(db.orm, sql`SELECT version FROM schema_migrations ORDER BY version`);
    expect(before.length).toBeGreaterThan(0);
    expect(await migrate(db)).toEqual([]);
    expect(await migrate(db)).toEqual([]);
    const after = await rows<{ version: string }>(db.orm, sql`SELECT version FROM schema_migrations ORDER BY version`);
    expect(after).toEqual(before);
  });

  it('match the drizzle schema column for column', async () => {
    for (const table of Object.values(schema) as PgTable[]) {
      const name = getTableName(table);
      const columns = await rows<{ column_name: string }>(
        db.orm,
        sql`SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${name}`,
      );
      const inDb = columns.map((c) => c.column_name).sort();
      const inDrizzle = Object.values(getTableColumns(table)).map((c) => c.name).sort();
      expect(inDb, name).toEqual(inDrizzle);
    }
  });

  it('give every layer a GiST index on geometry, and the metric layers one on geography', async () => {
    const indexes = await rows<{ indexname: string }>(db.orm, sql`SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`);
    const names = new Set(indexes.map((i) => i.indexname));
    for (const layer of ['mining_rights', 'tailings_ponds', 'settlements', 'rivers', 'ridge_lines', 'hazard_zones', 'restricted_zones', 'ore_bodies', 'admin_areas']) {
      expect(names.has(`${layer}_geom_gix`), layer).toBe(true);
    }
    for (const name of ['mining_rights_geog_gix', 'tailings_ponds_geog_gix', 'settlements_geog_gix', 'rivers_pieces_geog_gix', 'hazard_zones_pieces_geog_gix', 'restricted_zones_pieces_geog_gix', 'ridge_lines_pieces_geog_gix']) {
      expect(names.has(name), name).toBe(true);
    }
  });

  it('keep long lines cut into indexed pieces of at most 48 vertices, in step with every write', async () => {
    const line = Array.from({ length: 500 }, (_, i) => [110 + i * 0.001, 35 + Math.sin(i / 10) * 0.01]);
    await db.orm.execute(sql`INSERT INTO rivers (id, name, river_class, geom)
      VALUES ('R', '测试河', 'other', ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify({ type: 'LineString', coordinates: line })}), 4326))`);
    const [pieces] = await rows<{ n: number; most: number }>(db.orm, sql`SELECT count(*)::int AS n, max(ST_NPoints(geom))::int AS most FROM rivers_pieces WHERE feature_id = 'R'`);
    expect(pieces.n).toBeGreaterThan(10);
    expect(pieces.most).toBeLessThanOrEqual(48);
    await db.orm.execute(sql`DELETE FROM rivers WHERE id = 'R'`);
    const [left] = await rows<{ n: number }>(db.orm, sql`SELECT count(*)::int AS n FROM rivers_pieces WHERE feature_id = 'R'`);
    expect(left.n).toBe(0);
  });
});
