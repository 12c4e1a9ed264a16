/**
 * Opens the database, applies migrations, loads rule profiles and (on an empty database) the demo region, and builds
 * the app. Used by `npm start`, the command-line tools and the tests alike.
 */
import { databaseIsEmpty, loadDemo } from '../data/loaders/demo.ts';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { createDb } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { loadProfiles } from './rules/profiles.ts';
import type { Deps } from './routes/deps.ts';

export interface Started extends Deps {
  app: ReturnType<typeof createApp>;
  seeded: Record<string, number> | null;
}

export async function bootstrap(config: Config): Promise<Started> {
  const profiles = loadProfiles();
  const db = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(db);
  const seeded = config.seed === 'demo' && (await databaseIsEmpty(db.orm)) ? await loadDemo(db.orm) : null;
  const deps = { config, db, profiles };
  return { ...deps, app: createApp(deps), seeded };
}
