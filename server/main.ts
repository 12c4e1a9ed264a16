/**
 * `npm start`: serves the built web app and the API on one port and prints the URL.
 */
import { serve } from '@hono/node-server';
import { bootstrap } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { backgroundRebuild, refreshFindings, type RefreshReport } from './findings/refresh.ts';
import { createSite } from './site.ts';
import { ensureWebBuild } from './web-build.ts';

const started = Date.now();
const config = loadConfig();
if ((await ensureWebBuild()) === 'built') console.log(`web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
const { app, db, profiles, seeded } = await bootstrap(config);

const server = serve({ fetch: createSite(app).fetch, port: config.port, hostname: config.host }, (info) => {
  const where = config.databaseUrl ? 'PostgreSQL/PostGIS server' : `embedded PGlite (${config.dataDir})`;
  if (seeded) console.log(`demo region loaded: ${Object.entries(seeded).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`MineRisk Atlas 矿山风险一张图 on ${where}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`open http://${info.family === 'IPv6' ? `[${info.address}]` : info.address}:${info.port}/`);
  // Bring the stored findings up to date now, so the first risk map does not wait for a province-wide audit; a due
  // full rebuild runs in the background while the map shows the findings stored before it.
  const report = (r: RefreshReport) =>
    r.mode !== 'none' && console.log(`audit findings: ${r.mode}${r.reason ? ` (${r.reason})` : ''}, ${r.findings} findings in ${(r.ms / 1000).toFixed(1)} s`);
  const failed = (error: Error) => console.error(`audit findings could not be refreshed: ${error.message}`);
  refreshFindings(db, profiles, { background: true }).then((r) => {
    if (r.mode === 'stale') {
      console.log('audit findings: full rebuild started in the background');
      backgroundRebuild(db)?.then(report, failed);
    } else report(r);
  }, failed);
});

function shutdown() {
  server.close();
  db.close().finally(() => process.exit(0));
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
