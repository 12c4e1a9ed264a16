import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { ProfileSet } from '../rules/profiles.ts';

/** What every route module receives: no route reads the environment or opens a database itself. */
export interface Deps {
  config: Config;
  db: Db;
  profiles: ProfileSet;
}
