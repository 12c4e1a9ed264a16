/**
 * Issue 6: the regional risk map over a synthetic province. The stored findings are first built by a full audit
 * (one timed run, when the dataset has none fresh), then kept fresh by incremental refreshes (timed after moving one right by 10 m), and the map's
 * requests are timed in-process through app.request with the response read in full:
 *   GET /api/risk/areas?level=county        the county choropleth (goal: under 2 s)
 *   GET /api/risk/areas?level=town&parent=  one county's towns (none in the synthetic province: counties only)
 *   GET /api/risk/areas/:code               one county in detail (reasons, sites, charts)
 * and, when the web app is built, the page itself in Chromium until the choropleth is drawn (risk-browser.ts).
 */
import { sql } from 'drizzle-orm';
import type { createApp } from '../../server/app.ts';
import { rows, type Db } from '../../server/db/client.ts';
import { refreshFindings } from '../../server/findings/refresh.ts';
import type { ProfileSet } from '../../server/rules/profiles.ts';
import { sample, timed } from '../measure.ts';
import { latencyFigure, runsFigure, type Figure, type Goal } from '../report.ts';
import { rightMover } from './edit.ts';
import { choroplethRenderFigure } from './risk-browser.ts';

type App = ReturnType<typeof createApp>;

/** Issue 6, for the page in the browser (the API request is part of it). */
export const CHOROPLETH_GOAL: Goal = { text: 'p95 < 2 s', metric: 'p95', maxMs: 2000 };
const REQUESTS = 20;
// Even, so the right ends where it started.
const INCREMENTAL_RUNS = 6;

async function fetchJson(app: App, url: string): Promise<{ body: unknown; bytes: number }> {
  const res = await app.request(url);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${text.slice(0, 300)}`);
  return { body: JSON.parse(text), bytes: text.length };
}

export interface RiskContext {
  target: Figure['target'];
  dataset: string;
  app: App;
  db: Db;
  profiles: ProfileSet;
  goal?: Goal;
}

export async function riskFigures(ctx: RiskContext): Promise<Figure[]> {
  const base = { section: 'risk' as const, target: ctx.target, dataset: ctx.dataset };
  const figures: Figure[] = [];

  // On a new dataset (or after a rule change) this is the full audit that builds the stored findings; on a reused
  // dataset whose stored findings are fresh it is the two-query check, and no full-audit figure is taken.
  const first = await timed(() => refreshFindings(ctx.db, ctx.profiles));
  if (first.value.mode === 'full') {
    const { findings, sites, reason } = first.value;
    figures.push(
      runsFigure({ ...base, name: 'stored findings: full audit + placement + area summaries', note: `${reason}: ${findings.toLocaleString('en-US')} findings, ${sites.toLocaleString('en-US')} sites` }, [first.ms]),
    );
  }

  // One right moved by 10 m and back, several times: what a single edit costs the next risk request.
  const move = await rightMover(ctx.db);
  let regions = 0;
  const incremental = await sample(Array.from({ length: INCREMENTAL_RUNS }), async (_, i) => {
    await move(i);
    const report = await refreshFindings(ctx.db, ctx.profiles);
    if (report.mode !== 'incremental') throw new Error(`expected an incremental refresh, got ${report.mode} (${report.reason})`);
    regions = report.regions.length;
  });
  figures.push(latencyFigure({ ...base, name: 'stored findings: refresh after one right moved 10 m', note: `${regions} region(s) re-audited per refresh` }, incremental));

  let counties = 0;
  let bytes = 0;
  await fetchJson(ctx.app, '/api/risk/areas?level=county');
  const choropleth = await sample(Array.from({ length: REQUESTS }), async () => {
    const got = await fetchJson(ctx.app, '/api/risk/areas?level=county');
    counties = (got.body as { areas: unknown[] }).areas.length;
    bytes = got.bytes;
  });
  figures.push(latencyFigure({ ...base, name: 'GET /api/risk/areas?level=county', note: `${counties} counties graded, ${(bytes / 1024).toFixed(0)} KiB` }, choropleth));
  const rendered = await choroplethRenderFigure(ctx.app, { ...base, goal: ctx.goal });
  if (rendered) figures.push(rendered);

  const [busiest] = await rows<{ code: string; n: number }>(
    ctx.db.orm,
    sql`SELECT county_code AS code, count(*)::int AS n FROM audit_sites WHERE county_code IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
  );
  if (busiest) {
    await fetchJson(ctx.app, `/api/risk/areas/${busiest.code}`);
    const detail = await sample(Array.from({ length: REQUESTS / 2 }), async () => {
      bytes = (await fetchJson(ctx.app, `/api/risk/areas/${busiest.code}`)).bytes;
    });
    figures.push(
      latencyFigure({ ...base, name: 'GET /api/risk/areas/:code (busiest county)', note: `${busiest.code}: ${busiest.n.toLocaleString('en-US')} sites, ${(bytes / 1024).toFixed(0)} KiB` }, detail),
    );
  }
  return figures;
}
