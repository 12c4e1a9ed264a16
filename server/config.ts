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
  /**
   * Most features one GET /api/layers/:layer answers when the request names no `limit`; more are paged (`next`).
   * The map draws a layer as counts per grid cell (GET /api/layers/:layer/density) where more than this lie in view.
   */
  layerFeatureLimit: number;
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
    layerFeatureLimit: positiveInteger('LAYER_FEATURE_LIMIT', env.LAYER_FEATURE_LIMIT ?? '5000'),
  };
}

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${text}"`);
  return value;
}
