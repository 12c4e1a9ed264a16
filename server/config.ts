/**
 * The one place the server reads its environment (CONTRACT.md, "Process").
 * Everything else receives a Config value, so tests can build one without touching process.env.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Config {
  port: number;
  host: string;
  /** postgres:// URL of a real PostGIS server; undefined selects embedded PGlite. */
  databaseUrl: string | undefined;
  /** Embedded database directory, or `memory://` to keep nothing. */
  dataDir: string;
  seed: 'demo' | 'none';
  /** Largest accepted request body, bytes (413 above it). */
  maxBodyBytes: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const seed = env.SEED ?? 'demo';
  if (seed !== 'demo' && seed !== 'none') throw new Error(`SEED must be "demo" or "none", got "${seed}"`);
  const dataDir = env.DATA_DIR ?? './.data';
  return {
    port: Number(env.PORT ?? 8787),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: dataDir.startsWith('memory://') ? dataDir : path.resolve(dataDir),
    seed,
    maxBodyBytes: Number(env.MAX_BODY_BYTES ?? 20 * 1024 * 1024),
  };
}
