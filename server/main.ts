/**
 * `npm start`: serves the built web app and the API on one port and prints the URL.
 */
import fs from 'node:fs';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { bootstrap } from './bootstrap.ts';
import { loadConfig, repoRoot } from './config.ts';

const started = Date.now();
const config = loadConfig();
const { app, db, seeded } = await bootstrap(config);

const webRoot = path.relative(process.cwd(), path.join(repoRoot, 'web', 'dist'));
const site = new Hono()
  .route('/', app)
  .use('/*', serveStatic({ root: webRoot }))
  // Client-side routes (the URL keeps the map view) all load the same page.
  .get('*', serveStatic({ root: webRoot, path: 'index.html' }));

if (!fs.existsSync(path.join(repoRoot, 'web', 'dist', 'index.html'))) {
  console.warn('web/dist is missing: run `npm run build` (npm start does) to serve the map.');
}

const server = serve({ fetch: site.fetch, port: config.port, hostname: config.host }, (info) => {
  const where = config.databaseUrl ? 'PostgreSQL/PostGIS server' : `embedded PGlite (${config.dataDir})`;
  if (seeded) console.log(`demo region loaded: ${Object.entries(seeded).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`MineRisk Atlas 矿山风险一张图 on ${where}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`open http://${info.address === '::1' ? 'localhost' : info.address}:${info.port}/`);
});

function shutdown() {
  server.close();
  db.close().finally(() => process.exit(0));
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
