/**
 * 区域风险 the regional risk mode, for county and town leaders: the risk map (four-colour choropleth of counties or
 * towns, sites by worst finding, or density), with the lists on the left (ranking, 头顶库, hazard ledger, 闭库销号)
 * and the thing looked at on the right (an area's grade and reasons, a site, a 头顶库, a ledger item). Drill-down
 * county → town → site and back, all in the URL (route.ts). Data through the typed client (api.ts), cached while
 * the mode lives (query.ts); the map draws the risk layer modules (web/src/map/layers/risk-*).
 */
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import { fetchAllLayerFeatures, fetchLayerSummaries, type FieldMeta } from '../api/layers.ts';
import type { BBox } from '../config.ts';
import { riskAreas, type GradedArea } from '../map/layers/risk-areas/index.ts';
import { riskDensity } from '../map/layers/risk-density/index.ts';
import { riskHeadTop } from '../map/layers/risk-head-top/index.ts';
import { riskSites, type RiskSiteProps } from '../map/layers/risk-sites/index.ts';
import {
  fetchArea,
  fetchAreas,
  fetchClosure,
  fetchHeadTop,
  fetchLedger,
  fetchLedgerItem,
  fetchLedgerVocabulary,
  fetchRules,
  fetchSites,
  ledgerCsvUrl,
  ledgerScopeKey,
  type ClosureCandidate,
  type HeadTopPond,
  type LedgerItemDetail,
  type LedgerScope,
  type RankedArea,
  type SiteFinding,
  type SiteProps,
} from './api.ts';
import { areaNamer, areaNamesOf, AreaNamesProvider } from './areaNames.ts';
import { LedgerForm, type Draft, type DraftSite } from './ledger/LedgerForm.tsx';
import { LedgerItemPanel } from './ledger/LedgerItemPanel.tsx';
import { LedgerPanel } from './ledger/LedgerList.tsx';
import { LedgerVocabularyProvider } from './ledger/vocabulary.ts';
import { AreaPanel } from './panels/AreaPanel.tsx';
import { ClosureList } from './panels/ClosureList.tsx';
import { HeadTopDetail, HeadTopList } from './panels/HeadTop.tsx';
import { OverviewPanel } from './panels/OverviewPanel.tsx';
import { RankingTable } from './panels/RankingTable.tsx';
import { SitePanel } from './panels/SitePanel.tsx';
import { QueryCache, useQuery } from './query.ts';
import { RiskLegend } from './RiskLegend.tsx';
import { part, RiskMap, type RiskPick, type RiskScene, type ScenePart } from './RiskMap.tsx';
import { normaliseRiskUrl, routeHref, useRiskRoute, type MapShow, type RiskRoute, type RiskTab } from './route.ts';
import { riskReadout } from './testHook.ts';
import { useRiskText, type TextKey } from './text.ts';
import { gradeNames, QueryStatus, RouteLink, worstName } from './ui.tsx';
import './risk.css';

// `/?view=risk…` becomes `/risk…` before the app reads the address (module evaluation precedes the first render).
normaliseRiskUrl();

const WORLD: BBox = [-180, -90, 180, 90];
/** The same empty list on every render, so that what is built from it (the graded areas, the scene) stays put. */
const NO_AREAS: RankedArea[] = [];
type AreaFeature = Feature<Polygon | MultiPolygon>;

function bboxOf(features: Feature[]): BBox | null {
  if (features.length === 0) return null;
  const [w, s, e, n] = turf.bbox({ type: 'FeatureCollection', features } as FeatureCollection);
  return [w, s, e, n];
}

/** A hexagon radius that gives about 8–9 hexagons across the area (a round number of metres). */
function hexRadius(box: BBox | null): number {
  if (!box) return 2000;
  const km = ((box[2] - box[0]) * 111.32 * Math.cos((((box[1] + box[3]) / 2) * Math.PI) / 180)) || 50;
  const target = (km * 1000) / 16;
  const steps = [250, 500, 750, 1000, 1500, 2000, 2500, 3000, 5000, 7500, 10_000, 15_000, 20_000];
  return steps.reduce((best, s) => (Math.abs(s - target) < Math.abs(best - target) ? s : best), steps[0]);
}

const tabs: { id: RiskTab; label: TextKey }[] = [
  { id: 'ranking', label: 'tabRanking' },
  { id: 'headtop', label: 'tabHeadTop' },
  { id: 'ledger', label: 'tabLedger' },
  { id: 'closure', label: 'tabClosure' },
];
const shows: { id: MapShow; label: TextKey; title: TextKey }[] = [
  { id: 'areas', label: 'showAreas', title: 'showAreasTitle' },
  { id: 'sites', label: 'showSites', title: 'showSitesTitle' },
  { id: 'density', label: 'showDensity', title: 'showDensityTitle' },
];

const isField = (el: EventTarget | null) => el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

export function RiskView() {
  const { r, l, lang } = useRiskText();
  const cache = useMemo(() => new QueryCache(), []);
  const [route, go] = useRiskRoute();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [mapErrors, setMapErrors] = useState<string[]>([]);
  const [densityDomain, setDensityDomain] = useState<[number, number] | null>(null);
  // The hexagon layer reports its domain after every aggregation: the same values keep the same state (no re-render).
  const onDensityDomain = useCallback((next: [number, number]) => setDensityDomain((d) => (d && d[0] === next[0] && d[1] === next[1] ? d : next)), []);
  const [notice, setNotice] = useState<string | null>(null);
  const focusDetail = useRef(false);

  // ---- Data -------------------------------------------------------------------------------------------------
  const admin = useQuery(cache, 'admin', (s) => fetchAllLayerFeatures('admin_areas', WORLD, s));
  const counties = useQuery(cache, 'areas:county', (s) => fetchAreas('county', undefined, s));

  const adminByCode = useMemo(() => {
    const out = new Map<string, AreaFeature>();
    for (const f of admin.data?.features ?? []) {
      const p = f.properties ?? {};
      if ((p.level === 'county' || p.level === 'town') && typeof p.code === 'string' && !out.has(p.code)) out.set(p.code, f as AreaFeature);
    }
    return out;
  }, [admin.data]);
  // English area names (the layer's nameEn), for every panel; the API's Chinese name otherwise.
  const areaNames = useMemo(() => areaNamesOf(admin.data?.features ?? []), [admin.data]);
  const { areaName } = areaNamer(areaNames, lang);
  const nameOfCode = (code: string) => areaName({ code, name: String(adminByCode.get(code)?.properties?.name ?? code) });
  const areaFeature = route.area ? adminByCode.get(route.area) : undefined;
  const areaLevel = areaFeature?.properties?.level as 'county' | 'town' | undefined;
  const countyCode = areaLevel === 'county' ? route.area : areaLevel === 'town' ? (areaFeature?.properties?.parentCode as string | undefined) : undefined;
  const townCode = areaLevel === 'town' ? route.area : undefined;

  const towns = useQuery(cache, countyCode ? `areas:town:${countyCode}` : null, (s) => fetchAreas('town', countyCode, s));
  const detail = useQuery(cache, route.area && areaFeature ? `area:${route.area}` : null, (s) => fetchArea(route.area!, s));

  const countyFeatures = useMemo(() => [...adminByCode.values()].filter((f) => f.properties?.level === 'county'), [adminByCode]);
  const regionBox = useMemo(() => bboxOf(countyFeatures), [countyFeatures]);
  const scopeCode = townCode ?? countyCode;
  const scopeBox = useMemo(() => (scopeCode && adminByCode.get(scopeCode) ? bboxOf([adminByCode.get(scopeCode)!]) : null), [scopeCode, adminByCode]);

  const listTab = route.tab === 'headtop' || route.tab === 'closure';
  const sitesShown = route.show === 'sites' || !!townCode || !!route.site || listTab;
  const needSites = sitesShown || route.show === 'density';
  const shape = !!townCode && !listTab;
  const sitesBox = listTab ? null : scopeBox;
  const sites = useQuery(cache, needSites && admin.data ? `sites:${sitesBox?.map((v) => v.toFixed(4)).join(',') ?? 'all'}:${shape}` : null, (s) => fetchSites(sitesBox, shape, s));
  const siteFeatures = useMemo(() => (sites.data?.features ?? []) as Feature<Feature['geometry'], SiteProps>[], [sites.data]);
  const inScope = useMemo(
    () => siteFeatures.filter((f) => !scopeCode || f.properties.town?.code === scopeCode || f.properties.county?.code === scopeCode),
    [siteFeatures, scopeCode],
  );
  const site = route.site ? (inScope.find((f) => f.properties.id === route.site) ?? siteFeatures.find((f) => f.properties.id === route.site))?.properties : undefined;

  const headTop = useQuery(cache, route.tab === 'headtop' || site?.layer === 'tailings_ponds' ? 'headtop' : null, fetchHeadTop);
  const closure = useQuery(cache, route.tab === 'closure' ? 'closure' : null, fetchClosure);
  // A selected site narrows the ledger to its items (the ledger tab and the site panel); otherwise the area looked at.
  const waitingForSite = !!route.site && !sites.data && !sites.error;
  const ledgerScope: LedgerScope | null = site ? { site: { layer: site.layer, id: site.id } } : route.tab === 'ledger' && !waitingForSite ? { area: route.area } : null;
  const ledger = useQuery(cache, ledgerScope && `ledger:${ledgerScopeKey(ledgerScope)}`, (s) => fetchLedger(ledgerScope!, s));
  const item = useQuery(cache, route.tab === 'ledger' && route.item ? `ledger-item:${route.item}` : null, (s) => fetchLedgerItem(route.item!, s));
  const rules = useQuery(cache, route.tab === 'ledger' && route.item ? 'rules' : null, fetchRules);
  const summaries = useQuery(cache, site ? 'summaries' : null, fetchLayerSummaries);
  // The ledger's statuses, levels and labels: once, for every ledger chip, list and form (not under "ledger", which
  // a change reloads).
  const vocabulary = useQuery(cache, 'vocabulary:ledger', fetchLedgerVocabulary);

  const headTopPond: HeadTopPond | undefined = route.pond ? headTop.data?.ponds.find((p) => p.id === route.pond) : undefined;
  const siteHeadTop = site ? headTop.data?.ponds.find((p) => p.id === site.id) : undefined;
  const rankedCounties = counties.data?.areas ?? NO_AREAS;
  const rankedTowns = towns.data?.areas ?? NO_AREAS;
  const rankedHere = countyCode ? rankedTowns : rankedCounties;
  const areaSummary = route.area ? [...rankedCounties, ...rankedTowns].find((a) => a.code === route.area) : undefined;

  // A code that is not a county or town, or a site not found: say so, and go back up.
  useEffect(() => {
    if (route.area && admin.data && !areaFeature) {
      setNotice(r('areaNotFound', { code: route.area }));
      go({ ...route, area: undefined, site: undefined }, { replace: true });
    }
  }, [route, admin.data, areaFeature]);
  useEffect(() => {
    if (route.site && sites.data && !site) setNotice(r('siteNotFound', { id: route.site }));
  }, [route.site, sites.data, site]);

  // Leaving for another place drops an unsent form.
  useEffect(() => setDraft(null), [route]);

  // ---- Navigation -------------------------------------------------------------------------------------------
  const to = useMemo(
    () => ({
      area: (code?: string): RiskRoute => ({ ...route, area: code, site: undefined, pond: undefined, item: undefined }),
      site: (s: { id: string; town?: { code: string } | null; county?: { code: string } | null }): RiskRoute => ({
        ...route,
        area: s.town?.code ?? s.county?.code ?? route.area,
        site: s.id,
        pond: undefined,
        item: undefined,
      }),
      tab: (tab: RiskTab): RiskRoute => ({ ...route, tab, pond: tab === 'headtop' ? route.pond : undefined, item: tab === 'ledger' ? route.item : undefined }),
      show: (show: MapShow): RiskRoute => ({ ...route, show }),
      pond: (id: string): RiskRoute => ({ ...route, tab: 'headtop', pond: id, item: undefined }),
      item: (id: number): RiskRoute => ({ ...route, tab: 'ledger', item: id, pond: undefined }),
    }),
    [route],
  );
  const itemHref = (id: number) => routeHref(to.item(id));

  const upOneLevel = useCallback(() => {
    if (route.tab === 'ledger' && route.item) go({ ...route, item: undefined });
    else if (route.tab === 'headtop' && route.pond) go({ ...route, pond: undefined });
    else if (route.site) go({ ...route, site: undefined });
    else if (townCode) go(to.area(countyCode));
    else if (route.area) go(to.area(undefined));
  }, [route, townCode, countyCode, go, to]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || isField(e.target) || e.defaultPrevented) return;
      if (draft) setDraft(null);
      else upOneLevel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [draft, upOneLevel]);

  // ---- Ledger changes ---------------------------------------------------------------------------------------
  const record = (next: Draft) => {
    focusDetail.current = true;
    setDraft(next);
  };
  const draftSite = (s: { layer: DraftSite['layer']; id: string; name: string; county?: { name: string } | null }): DraftSite => ({ layer: s.layer, id: s.id, name: s.name, countyName: s.county?.name });
  const onCreated = (created: LedgerItemDetail) => {
    cache.invalidate('ledger', 'area', 'closure');
    focusDetail.current = true;
    go(to.item(created.id));
  };
  const onMoved = () => cache.invalidate('ledger', 'area', 'closure');

  useEffect(() => {
    if (!focusDetail.current) return;
    const heading = document.getElementById('risk-detail-heading');
    if (heading) {
      focusDetail.current = false;
      heading.focus({ preventScroll: false });
    }
  });

  // ---- The map ----------------------------------------------------------------------------------------------
  const graded = useMemo((): GradedArea[] => {
    const byCode = new Map<string, RankedArea>([...rankedCounties, ...rankedTowns].map((a) => [a.code, a]));
    const entry = (f: AreaFeature, role: GradedArea['role']): GradedArea => {
      const code = String(f.properties?.code);
      const a = byCode.get(code);
      return { feature: f, code, name: String(f.properties?.name ?? code), level: f.properties?.level === 'town' ? 'town' : 'county', grade: a?.grade, score: a?.score, role };
    };
    if (!countyCode) return countyFeatures.map((f) => entry(f, 'main'));
    const townsOf = [...adminByCode.values()].filter((f) => f.properties?.level === 'town' && f.properties?.parentCode === countyCode);
    return [...countyFeatures.filter((f) => f.properties?.code !== countyCode).map((f) => entry(f, 'context')), ...townsOf.map((f) => entry(f, 'main'))];
  }, [countyFeatures, adminByCode, countyCode, rankedCounties, rankedTowns]);

  const headTopIds = useMemo(() => new Set(headTop.data?.ponds.map((p) => p.id) ?? []), [headTop.data]);
  const closureIds = useMemo(() => new Set(closure.data?.candidates.map((c) => c.id) ?? []), [closure.data]);
  const headTopPonds = useMemo(() => {
    const all = headTop.data?.ponds ?? [];
    if (route.tab === 'headtop') return all.filter((p) => !scopeCode || p.county?.code === scopeCode || p.town?.code === scopeCode || p.id === route.pond);
    return siteHeadTop ? [siteHeadTop] : [];
  }, [headTop.data, route.tab, route.pond, scopeCode, siteHeadTop]);
  const radiusM = hexRadius(scopeBox ?? regionBox);

  const scene = useMemo((): RiskScene => {
    const parts: ScenePart<any>[] = [];
    const soft = route.show !== 'areas' || !!townCode || !!route.site || listTab;
    const fill = route.show === 'density' && !listTab ? 'faint' : soft ? 'soft' : 'strong';
    parts.push(part(riskAreas, { areas: graded, focus: route.area, fill, gradeNames }, graded.length));
    if (route.show === 'density' && !listTab) {
      parts.push(part(riskDensity, { features: inScope as Feature<Feature['geometry'], RiskSiteProps>[], radiusM, onDomain: onDensityDomain }, inScope.length));
    }
    if (headTopPonds.length) parts.push(part(riskHeadTop, { ponds: headTopPonds, selectedId: route.pond ?? site?.id }, headTopPonds.length));
    if (sitesShown && (route.show !== 'density' || listTab || route.site)) {
      let shown = inScope;
      if (route.tab === 'headtop') shown = siteFeatures.filter((f) => headTopIds.has(f.properties.id));
      else if (route.tab === 'closure') shown = siteFeatures.filter((f) => closureIds.has(f.properties.id) && (!scopeCode || f.properties.county?.code === scopeCode || f.properties.town?.code === scopeCode));
      else if (route.show === 'density') shown = inScope.filter((f) => f.properties.id === route.site);
      const emphasis = route.tab === 'headtop' ? headTopIds : route.tab === 'closure' ? closureIds : undefined;
      parts.push(part(riskSites, { features: shown as Feature<Feature['geometry'], RiskSiteProps>[], selectedId: route.site ?? route.pond, emphasis, shape }, shown.length));
    }
    const settled =
      !!admin.data &&
      !!counties.data &&
      (!countyCode || !!towns.data) &&
      (!needSites || !!sites.data) &&
      (route.tab !== 'headtop' || !!headTop.data) &&
      (route.tab !== 'closure' || !!closure.data);
    return { parts, settled };
  }, [graded, route, townCode, listTab, inScope, radiusM, headTopPonds, sitesShown, siteFeatures, headTopIds, closureIds, scopeCode, shape, site, admin.data, counties.data, countyCode, towns.data, needSites, sites.data, headTop.data, closure.data]);

  const fit = useMemo(() => {
    if (route.tab === 'headtop' && headTopPond) {
      const box = bboxOf(headTopPond.evidence.features);
      if (box) return { key: `pond:${headTopPond.id}`, bbox: box, maxZoom: 14 };
    }
    if (site) {
      const [x, y] = site.point.coordinates;
      const around: BBox = [x - 0.012, y - 0.009, x + 0.012, y + 0.009];
      // A 头顶库 with the corridor and the villages below it in view.
      const below = siteHeadTop ? bboxOf(siteHeadTop.evidence.features) : null;
      const box: BBox = below ? [Math.min(around[0], below[0]), Math.min(around[1], below[1]), Math.max(around[2], below[2]), Math.max(around[3], below[3])] : around;
      return { key: `site:${site.id}${below ? ':below' : ''}`, bbox: box, maxZoom: 14 };
    }
    if (areaFeature && route.area) return { key: `area:${route.area}`, bbox: bboxOf([areaFeature])! };
    if (regionBox) return { key: 'root', bbox: regionBox };
    return null;
  }, [route.tab, headTopPond, site, siteHeadTop, areaFeature, route.area, regionBox]);

  const onPick = useCallback(
    (pick: RiskPick | null) => {
      if (!pick) return;
      const props = (pick.object as Feature | undefined)?.properties ?? {};
      if (pick.module === 'risk-areas' && typeof props.code === 'string') {
        if (props.code !== route.area || route.site) go(to.area(props.code));
      } else if (pick.module === 'risk-sites') {
        const p = props as SiteProps;
        if (route.tab === 'headtop' && headTopIds.has(p.id)) go(to.pond(p.id));
        else go(to.site(p));
      } else if (pick.module === 'risk-head-top' && typeof props.pondId === 'string') {
        go(to.pond(props.pondId));
      }
    },
    [route, go, to, headTopIds],
  );

  const tooltip = useCallback(
    (pick: RiskPick): string | null => {
      const o = pick.object as Feature & { colorValue?: number; count?: number };
      if (pick.module === 'risk-areas') {
        const a = graded.find((g) => g.code === o.properties?.code);
        if (!a) return null;
        return a.grade ? `${areaName(a)} · ${l(gradeNames[a.grade])} ${a.score}${lang === 'zh' ? '分' : ''}` : areaName(a);
      }
      if (pick.module === 'risk-sites') {
        const p = o.properties as SiteProps;
        const parts = [p.name];
        if (p.fails) parts.push(`${worstName('fail', lang)} ${p.fails}`);
        if (p.warns) parts.push(`${worstName('warn', lang)} ${p.warns}`);
        return parts.join(' · ');
      }
      if (pick.module === 'risk-density') return lang === 'zh' ? `问题 ${o.colorValue} 个 · ${o.count} 个点位` : `${o.colorValue} problems · ${o.count} sites`;
      if (pick.module === 'risk-head-top') return headTop.data?.ponds.find((p) => p.id === o.properties?.pondId)?.name ?? null;
      return null;
    },
    [graded, l, lang, headTop.data, areaNames],
  );

  const onMapError = useCallback((message: string) => setMapErrors((e) => (e.includes(message) ? e : [...e, message])), []);

  // ---- Test read-out ----------------------------------------------------------------------------------------
  useEffect(() => {
    const out = riskReadout();
    out.route = { ...route };
    const a = detail.data?.area ?? areaSummary;
    out.area = a ? { code: a.code, name: a.name, grade: a.grade, score: a.score } : undefined;
    const states = [admin, counties, towns, detail, sites, headTop, closure, ledger, item, vocabulary];
    out.errors = [...states.flatMap((s) => (s.error ? [s.error.message] : [])), ...mapErrors];
    out.loading = states.some((s) => s.loading);
  });

  // ---- Panels -----------------------------------------------------------------------------------------------
  const crumbs: { label: string; route: RiskRoute }[] = [{ label: r('allAreas'), route: to.area(undefined) }];
  if (countyCode) crumbs.push({ label: nameOfCode(countyCode), route: to.area(countyCode) });
  if (townCode) crumbs.push({ label: nameOfCode(townCode), route: to.area(townCode) });
  if (route.site) crumbs.push({ label: site?.name ?? route.site, route });

  const scopeName = route.area ? nameOfCode(route.area) : r('allAreas');
  const siteLedger = useMemo(() => ({ ...ledger, data: site ? ledger.data?.items : undefined }), [ledger, site]);
  const statusName = (() => {
    if (!site) return null;
    const field = summaries.data?.find((s) => s.layer === site.layer)?.fields.find((f) => f.prop === 'status') as FieldMeta | undefined;
    const values = field?.values as Record<string, { zh: string; en: string }> | null | undefined;
    return site.status && values?.[site.status] ? l(values[site.status]) : site.status;
  })();
  const draftSites = useMemo(() => inScope.filter((f) => f.properties.active).map((f) => draftSite(f.properties)), [inScope]);

  let right: ReactNode;
  if (draft) {
    right = <LedgerForm key={JSON.stringify(draft)} draft={draft} sites={draftSites} onCreated={onCreated} onCancel={() => setDraft(null)} />;
  } else if (route.tab === 'ledger' && route.item) {
    right = (
      <LedgerItemPanel
        key={route.item}
        id={route.item}
        item={item}
        ruleTitle={(id) => {
          const rule = rules.data?.find((x) => x.id === id);
          return rule ? l(rule.title) : null;
        }}
        siteHref={(i) => routeHref({ ...route, tab: 'ranking', item: undefined, site: i.siteId, area: i.adminCode ?? undefined })}
        onSite={(i) => go({ ...route, tab: 'ranking', item: undefined, site: i.siteId, area: i.adminCode ?? undefined })}
        onMoved={onMoved}
      />
    );
  } else if (route.tab === 'headtop' && route.pond) {
    const recorded = ledger.data?.items.find((i) => i.siteId === route.pond && i.sourceRule === 'head-top-tailings' && !vocabulary.data?.done.includes(i.status));
    right = headTopPond ? (
      <HeadTopDetail
        pond={headTopPond}
        siteHref={routeHref(to.site({ id: headTopPond.id, town: headTopPond.town, county: headTopPond.county }))}
        onSite={() => go(to.site({ id: headTopPond.id, town: headTopPond.town, county: headTopPond.county }))}
        recordedId={recorded?.id}
        itemHref={itemHref}
        onItem={(id) => go(to.item(id))}
        onRecord={() =>
          record({
            kind: 'finding',
            site: draftSite({ layer: 'tailings_ponds', id: headTopPond.id, name: headTopPond.name, county: headTopPond.county }),
            finding: { rule: 'head-top-tailings', title: { zh: '头顶库', en: 'Head-top tailings pond (头顶库)' }, status: 'fail', message: headTopPond.message, messageEn: headTopPond.messageEn },
          })
        }
      />
    ) : (
      <QueryStatus state={headTop} what="whatHeadTop" />
    );
  } else if (route.site) {
    right = site ? (
      <SitePanel
        site={site}
        statusName={statusName}
        headTop={siteHeadTop}
        ledger={siteLedger}
        onRecord={(f: SiteFinding) => record({ kind: 'finding', site: draftSite(site), finding: { rule: f.rule, title: f.title, status: f.status === 'fail' ? 'fail' : 'warn', message: f.message, messageEn: f.messageEn } })}
        onRecordByHand={() => record({ kind: 'manual', site: draftSite(site) })}
        onHeadTop={() => go(to.pond(site.id))}
        itemHref={itemHref}
        onItem={(id: number) => go(to.item(id))}
      />
    ) : (
      <QueryStatus state={sites} what="whatSites" />
    );
  } else if (route.area) {
    right = (
      <AreaPanel
        key={route.area}
        code={route.area}
        summary={areaSummary}
        detail={detail}
        siteHref={(s) => routeHref(to.site(s))}
        onSite={(s) => go(to.site(s))}
        onOpenLedger={() => go(to.tab('ledger'))}
      />
    );
  } else {
    right = counties.data ? <OverviewPanel areas={rankedCounties} audit={counties.data.audit} areaHref={(code) => routeHref(to.area(code))} onArea={(code) => go(to.area(code))} /> : <QueryStatus state={counties} what="whatAreas" />;
  }

  const onTabKey = (e: ReactKeyboardEvent, i: number) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = tabs[(i + step + tabs.length) % tabs.length];
    go(to.tab(next.id));
    document.getElementById(`risk-tab-${next.id}`)?.focus();
  };

  const announce = (() => {
    const a = detail.data?.area ?? areaSummary;
    if (route.site && site) return r('selected', { what: site.name });
    if (a) return r('selected', { what: `${areaName(a)} ${l(gradeNames[a.grade])} ${a.score}` });
    return '';
  })();

  return (
    <LedgerVocabularyProvider value={vocabulary}>
      <AreaNamesProvider value={areaNames}>
        <div className="workspace risk-workspace">
          <nav className="risk-side" aria-label={r('sideLists')}>
            <div className="risk-tabs" role="tablist" aria-label={r('sideLists')}>
              {tabs.map((t, i) => (
                <button
                  key={t.id}
                  id={`risk-tab-${t.id}`}
                  type="button"
                  role="tab"
                  aria-selected={route.tab === t.id}
                  aria-controls="risk-tabpanel"
                  tabIndex={route.tab === t.id ? 0 : -1}
                  onClick={() => go(to.tab(t.id))}
                  onKeyDown={(e) => onTabKey(e, i)}
                >
                  {r(t.label)}
                </button>
              ))}
            </div>
            <div className="risk-tabpanel" id="risk-tabpanel" role="tabpanel" aria-labelledby={`risk-tab-${route.tab}`}>
              {route.tab === 'ranking' && (
                <div className="risk-ranking-panel">
                  <h2>{r('rankingOf', { what: countyCode ? r('rankingTowns', { county: countyCode ? nameOfCode(countyCode) : '' }) : r('rankingCounties') })}</h2>
                  <p className="hint">{r('rankingHint')}</p>
                  <QueryStatus state={countyCode ? towns : counties} what="whatAreas" />
                  {(countyCode ? towns.data : counties.data) && (
                    <RankingTable areas={rankedHere} current={route.area} routeTo={(code) => to.area(code)} onOpen={(code) => go(to.area(code))} />
                  )}
                  {countyCode && (
                    <p className="risk-back">
                      <RouteLink href={routeHref(to.area(undefined))} onGo={() => go(to.area(undefined))}>
                        ← {r('rankingOf', { what: r('rankingCounties') })}
                      </RouteLink>
                    </p>
                  )}
                </div>
              )}
              {route.tab === 'headtop' && (
                <HeadTopList
                  state={headTop}
                  area={route.area ? { code: route.area, name: scopeName } : undefined}
                  current={route.pond}
                  pondHref={(id) => routeHref(to.pond(id))}
                  onPond={(id) => go(to.pond(id))}
                />
              )}
              {route.tab === 'ledger' && (
                <LedgerPanel
                  scopeName={site ? site.name : scopeName}
                  siteFilter={site && { layer: site.layer, clearHref: routeHref({ ...route, site: undefined }), onClear: () => go({ ...route, site: undefined }) }}
                  list={ledger}
                  csvHref={ledgerCsvUrl(ledgerScope ?? { area: route.area })}
                  current={route.item}
                  itemHref={itemHref}
                  onItem={(id) => go(to.item(id))}
                  onNew={() => record({ kind: 'manual', site: site ? draftSite(site) : undefined })}
                />
              )}
              {route.tab === 'closure' && (
                <ClosureList
                  state={closure}
                  area={scopeCode ? { code: scopeCode } : undefined}
                  current={route.site}
                  siteHref={(c: ClosureCandidate) => routeHref(to.site(c))}
                  onSite={(c: ClosureCandidate) => go(to.site(c))}
                  itemHref={itemHref}
                  onItem={(id) => go(to.item(id))}
                  onRecord={(c: ClosureCandidate) =>
                    record({
                      kind: 'finding',
                      site: draftSite({ layer: 'tailings_ponds', id: c.id, name: c.name, county: c.county }),
                      finding: { rule: 'tailings-closure', title: { zh: '闭库销号', en: 'Closure and delisting (闭库销号)' }, status: c.finding, message: c.message, messageEn: c.messageEn },
                    })
                  }
                />
              )}
            </div>
          </nav>
          <main className="risk-main" id="map" tabIndex={-1}>
            <div className="risk-bar">
              <nav aria-label={r('where')} className="risk-crumbs">
                <ol>
                  {crumbs.map((c, i) => (
                    <li key={`${i}:${c.label}`}>
                      {i === crumbs.length - 1 ? (
                        <span aria-current="page">{c.label}</span>
                      ) : (
                        <RouteLink href={routeHref(c.route)} onGo={() => go(c.route)}>
                          {c.label}
                        </RouteLink>
                      )}
                    </li>
                  ))}
                </ol>
              </nav>
              <div className="risk-show" role="group" aria-label={r('mapShow')}>
                {shows.map((s) => (
                  <button key={s.id} type="button" aria-pressed={route.show === s.id} title={r(s.title)} onClick={() => go(to.show(s.id), { replace: true })}>
                    {r(s.label)}
                  </button>
                ))}
              </div>
            </div>
            <div className="risk-map-area">
              <RiskMap lang={lang} scene={scene} fit={fit} onPick={onPick} tooltip={tooltip} onError={onMapError} label={r('mapLabel')} />
              <div className="notices">
                <div className="loading-pill" role="status" aria-live="polite" hidden={!(admin.loading || counties.loading || towns.loading || sites.loading)}>
                  <span className="spinner" aria-hidden="true" />
                  {r('loadingAreas')}
                </div>
                <QueryStatus state={admin.data ? { ...admin, error: undefined } : admin} what="whatAdmin" />
                {admin.data && <QueryStatus state={{ ...counties, loading: false }} what="whatAreas" />}
                {sites.error && <QueryStatus state={sites} what="whatSites" />}
                {notice && (
                  <div className="alert" role="alert">
                    <span className="alert-text">{notice}</span>
                    <button type="button" className="icon-button" aria-label={r('close')} onClick={() => setNotice(null)}>
                      ×
                    </button>
                  </div>
                )}
                {mapErrors.map((m) => (
                  <div className="alert" role="alert" key={m}>
                    <span className="alert-text">{m}</span>
                    <button type="button" className="icon-button" aria-label={r('close')} onClick={() => setMapErrors((e) => e.filter((x) => x !== m))}>
                      ×
                    </button>
                  </div>
                ))}
              </div>
              <RiskLegend
                level={countyCode ? 'town' : 'county'}
                grades={(countyCode ? towns.data?.legend : counties.data?.legend) ?? counties.data?.legend}
                sites={sitesShown && (route.show !== 'density' || listTab)}
                density={route.show === 'density' && !listTab ? { domain: inScope.some((f) => f.properties.fails + f.properties.warns > 0) ? densityDomain : null, radiusKm: radiusM / 1000 } : null}
                headTop={headTopPonds.length > 0}
              />
            </div>
          </main>
          <aside className="risk-detail-panel" aria-label={lang === 'zh' ? '详情' : 'Details'}>
            {right}
          </aside>
          <p className="sr-only" aria-live="polite">
            {announce}
          </p>
        </div>
      </AreaNamesProvider>
    </LedgerVocabularyProvider>
  );
}
