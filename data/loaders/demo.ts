/**
 * Loads the demo region (geo-fixtures/demo/<layer>.geojson) into an empty database, through the same validation and
 * insert path as the API, in one transaction: a broken fixture leaves the database empty, never half-loaded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { repoRoot } from '../../server/config.ts';
import { rows, type Orm } from '../../server/db/client.ts';
import { layerIds, layers } from '../../server/layers/catalog.ts';
import { insertFeatures } from '../../server/layers/store.ts';
import { featuresOf, validateFeatures } from '../../server/layers/validate.ts';

export const demoDir = path.join(repoRoot, 'geo-fixtures', 'demo');

export async function databaseIsEmpty(orm: Orm): Promise<boolean> {
  const counts = await Promise.all(
    layerIds.map(async (id) => (await rows<{ n: number }>(orm, sql`SELECT count(*)::int AS n FROM ${layers[id].table}`))[0].n),
  );
  return counts.every((n) => n === 0);
}

/** Loads every demo layer; returns the number of features per layer. */
export async function loadDemo(orm: Orm, dir = demoDir): Promise<Record<string, number>> {
  const loaded: Record<string, number> = {};
  await orm.transaction(async (tx) => {
    for (const id of layerIds) {
      const file = path.join(dir, `${id}.geojson`);
      if (!fs.existsSync(file)) continue;
      const { features, problems: bodyProblems } = featuresOf(JSON.parse(fs.readFileSync(file, 'utf8')));
      const { rows: valid, problems } = validateFeatures(layers[id], features);
      const all = [...bodyProblems, ...problems];
      if (all.length) throw new Error(`${path.relative(repoRoot, file)}: ${all.map((p) => JSON.stringify(p)).join('\n')}`);
      await insertFeatures(tx as unknown as Orm, layers[id], valid);
      loaded[id] = valid.length;
    }
  });
  return loaded;
}
