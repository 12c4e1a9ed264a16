/**
 * The regional risk map's server calls (风险一张图, 隐患排查治理台账), all through the typed client (`hc<AppType>`):
 * graded areas, one area in detail, sites by worst finding, 头顶库, 闭库销号 candidates and the hazard ledger.
 * Response shapes are inferred from the routes (server/routes/risk.ts, ledger.ts); no hand-written URLs.
 */
import type { FeatureCollection, Point } from 'geojson';
import { hc, type InferRequestType, type InferResponseType } from 'hono/client';
import type { AppType } from '../../../server/app.ts';
import type { LedgerEvent, LedgerItem } from '../../../server/risk/ledger.ts';
import type { LedgerLevel, LedgerStatus } from '../../../server/risk/lifecycle.ts';
import type { AreaRisk, Reason } from '../../../server/risk/score.ts';
import type { HeadTopPond, RiskSite } from '../../../server/routes/risk.ts';
import { client, ensureOk } from '../api/client.ts';
import { config, type BBox } from '../config.ts';

export type { AreaRisk, HeadTopPond, LedgerEvent, LedgerItem, LedgerLevel, LedgerStatus, Reason, RiskSite };
export type AreaLevel = AreaRisk['level'];
export type GradeId = AreaRisk['grade'];
export type SiteLayer = RiskSite['layer'];
export type Worst = RiskSite['worst'];

export type AreasResponse = InferResponseType<typeof client.api.risk.areas.$get, 200>;
export type RankedArea = AreasResponse['areas'][number];
export type LegendEntry = AreasResponse['legend'][number];
export type AreaDetail = InferResponseType<(typeof client.api.risk.areas)[':code']['$get'], 200>;
export type SiteFinding = RiskSite['findings'][number];
export type RuleCount = AreaDetail['byRule'][number];
export type TrendMonth = AreaDetail['ledgerTrend'][number];
/** The pond records are the server's own type (GeoJSON geometry, which the JSON inference flattens). */
export type HeadTopResponse = Omit<InferResponseType<(typeof client.api.risk)['head-top']['$get'], 200>, 'ponds'> & { ponds: HeadTopPond[] };
export type ClosureResponse = InferResponseType<(typeof client.api.risk)['closure-candidates']['$get'], 200>;
export type ClosureCandidate = ClosureResponse['candidates'][number];
export type LedgerList = InferResponseType<typeof client.api.ledger.$get, 200>;
export type LedgerItemDetail = LedgerItem & { events: LedgerEvent[] };
export type NewLedgerItem = InferRequestType<typeof client.api.ledger.$post>['json'];
export type NewItemFromFinding = InferRequestType<(typeof client.api.ledger)['from-finding']['$post']>['json'];
/** Statuses, levels, labels and transitions of the ledger lifecycle (GET /api/ledger/vocabulary). */
export type LedgerVocabulary = InferResponseType<typeof client.api.ledger.vocabulary.$get, 200>;

/** A site as GET /api/risk/sites gives it (a Feature's properties, plus counts). */
export type SiteProps = RiskSite & { active: boolean; fails: number; warns: number };
export type SiteCollection = FeatureCollection<Point | import('geojson').Geometry, SiteProps>;

const init = (signal?: AbortSignal) => ({ init: { signal } });
const box = (b: BBox) => b.map((v) => v.toFixed(5)).join(',');

export async function fetchAreas(level: AreaLevel, parent: string | undefined, signal?: AbortSignal): Promise<AreasResponse> {
  const res = await ensureOk(await client.api.risk.areas.$get({ query: parent ? { level, parent } : { level } }, init(signal)));
  return res.json();
}

export async function fetchArea(code: string, signal?: AbortSignal): Promise<AreaDetail> {
  const res = await ensureOk(await client.api.risk.areas[':code'].$get({ param: { code }, query: {} }, init(signal)));
  return res.json();
}

/** Sites (mining rights and tailings ponds) in a box, each coloured by its worst finding; `shape` adds polygons. */
export async function fetchSites(bbox: BBox | null, shape: boolean, signal?: AbortSignal): Promise<SiteCollection> {
  const query: { bbox?: string; shape?: 'true' | 'false' } = shape ? { shape: 'true' } : {};
  if (bbox) query.bbox = box(bbox);
  const res = await ensureOk(await client.api.risk.sites.$get({ query }, init(signal)));
  return (await res.json()) as unknown as SiteCollection;
}

export async function fetchHeadTop(signal?: AbortSignal): Promise<HeadTopResponse> {
  const res = await ensureOk(await client.api.risk['head-top'].$get(undefined, init(signal)));
  return (await res.json()) as unknown as HeadTopResponse;
}

export async function fetchClosure(signal?: AbortSignal): Promise<ClosureResponse> {
  const res = await ensureOk(await client.api.risk['closure-candidates'].$get(undefined, init(signal)));
  return res.json();
}

/** Whose ledger items: one site's, or an admin area's (all areas without one). */
export type LedgerScope = { site: { layer: SiteLayer; id: string } } | { area?: string };
type LedgerQuery = InferRequestType<typeof client.api.ledger.$get>['query'];

function ledgerQuery(scope: LedgerScope): LedgerQuery {
  if ('site' in scope) return { siteLayer: scope.site.layer, siteId: scope.site.id };
  return scope.area ? { area: scope.area } : {};
}

/** A cache key naming the scope ("site:tailings_ponds/TP-HJ-002", "140882", "all"). */
export function ledgerScopeKey(scope: LedgerScope): string {
  return 'site' in scope ? `site:${scope.site.layer}/${scope.site.id}` : (scope.area ?? 'all');
}

export async function fetchLedger(scope: LedgerScope, signal?: AbortSignal): Promise<LedgerList> {
  const res = await ensureOk(await client.api.ledger.$get({ query: ledgerQuery(scope) }, init(signal)));
  return (await res.json()) as unknown as LedgerList;
}

export async function fetchLedgerVocabulary(signal?: AbortSignal): Promise<LedgerVocabulary> {
  const res = await ensureOk(await client.api.ledger.vocabulary.$get(undefined, init(signal)));
  return res.json();
}

export async function fetchLedgerItem(id: number, signal?: AbortSignal): Promise<LedgerItemDetail> {
  const res = await ensureOk(await client.api.ledger[':id'].$get({ param: { id: String(id) } }, init(signal)));
  return (await res.json()) as unknown as LedgerItemDetail;
}

export async function createLedgerItem(body: NewLedgerItem): Promise<LedgerItemDetail> {
  const res = await ensureOk(await client.api.ledger.$post({ json: body }));
  return (await res.json()) as unknown as LedgerItemDetail;
}

export async function createFromFinding(body: NewItemFromFinding): Promise<LedgerItemDetail> {
  const res = await ensureOk(await client.api.ledger['from-finding'].$post({ json: body }));
  return (await res.json()) as unknown as LedgerItemDetail;
}

export async function moveLedgerItem(id: number, move: { to: LedgerStatus; actor: string; note?: string }): Promise<LedgerItemDetail> {
  const res = await ensureOk(await client.api.ledger[':id'].transitions.$post({ param: { id: String(id) }, json: move }));
  return (await res.json()) as unknown as LedgerItemDetail;
}

/**
 * The CSV export's address, for a plain download link (UTF-8 with BOM, opens in Excel). `$url()` needs an absolute
 * base, so the link is built by a client on the page's own address.
 */
export function ledgerCsvUrl(scope: LedgerScope): string {
  const absolute = hc<AppType>(new URL(config.apiBase, window.location.href).href);
  return absolute.api.ledger['export.csv'].$url({ query: ledgerQuery(scope) }).toString();
}

export type RuleInfo = InferResponseType<typeof client.api.rules.$get, 200>[number];

/** Rule titles (GET /api/rules), for ledger items that name their source rule. */
export async function fetchRules(signal?: AbortSignal): Promise<RuleInfo[]> {
  const res = await ensureOk(await client.api.rules.$get(undefined, init(signal)));
  return res.json();
}
