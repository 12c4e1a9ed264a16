/**
 * Where a leader is in the regional risk map, as a URL that can be shared: `/risk` plus the query
 *
 *   area  the county or town looked at (drill-down: county → town; the town's county is its parent)
 *   site  a mining right or tailings pond in it (the last drill-down step)
 *   show  the map: areas (choropleth, default) | sites (by worst finding) | density (hexagons)
 *   tab   the side list: ranking (default) | headtop (头顶库) | ledger (台账) | closure (闭库销号)
 *   pond  the 头顶库 opened in the headtop tab;  item  the ledger item opened in the ledger tab
 *
 * e.g. `/risk?area=140882100&site=TP-HJ-002`. The older form `/?view=risk&area=…` is accepted and rewritten.
 * History API only: the server answers every client route with index.html (server/site.ts).
 */
import { useCallback, useEffect, useState } from 'react';

export type MapShow = 'areas' | 'sites' | 'density';
export type RiskTab = 'ranking' | 'headtop' | 'ledger' | 'closure';

export interface RiskRoute {
  area?: string;
  site?: string;
  show: MapShow;
  tab: RiskTab;
  pond?: string;
  item?: number;
}

export const RISK_PATH = '/risk';
const shows: MapShow[] = ['areas', 'sites', 'density'];
const tabs: RiskTab[] = ['ranking', 'headtop', 'ledger', 'closure'];

const code = (v: string | null) => (v && /^\d{2,12}$/.test(v) ? v : undefined);
const id = (v: string | null) => (v && v.length <= 200 ? v : undefined);

export function parseRoute(search: string): RiskRoute {
  const q = new URLSearchParams(search);
  const show = q.get('show') as MapShow | null;
  const tab = q.get('tab') as RiskTab | null;
  const item = Number(q.get('item'));
  return {
    area: code(q.get('area')),
    site: id(q.get('site')),
    show: show && shows.includes(show) ? show : 'areas',
    tab: tab && tabs.includes(tab) ? tab : 'ranking',
    pond: id(q.get('pond')),
    item: Number.isInteger(item) && item > 0 ? item : undefined,
  };
}

/** The query string of a route (defaults left out, a stable order). */
export function routeSearch(route: RiskRoute): string {
  const q = new URLSearchParams();
  if (route.area) q.set('area', route.area);
  if (route.site) q.set('site', route.site);
  if (route.show !== 'areas') q.set('show', route.show);
  if (route.tab !== 'ranking') q.set('tab', route.tab);
  if (route.pond && route.tab === 'headtop') q.set('pond', route.pond);
  if (route.item && route.tab === 'ledger') q.set('item', String(route.item));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function routeHref(route: RiskRoute): string {
  return `${RISK_PATH}${routeSearch(route)}`;
}

/** `/?view=risk&area=…` (the form first written in the brief) → `/risk?area=…`, before the app reads the URL. */
export function normaliseRiskUrl(location: Location = window.location, history: History = window.history): void {
  const q = new URLSearchParams(location.search);
  if (q.get('view') !== 'risk') return;
  q.delete('view');
  const rest = q.toString();
  history.replaceState(history.state, '', `${RISK_PATH}${rest ? `?${rest}` : ''}${location.hash}`);
}

/**
 * The route from the address bar, and `go(next)` to move (pushState: the browser's back button walks back up the
 * drill-down) or `go(next, { replace: true })` to correct it without a history entry.
 */
export function useRiskRoute(): [RiskRoute, (next: RiskRoute, options?: { replace?: boolean }) => void] {
  const [route, setRoute] = useState<RiskRoute>(() => parseRoute(window.location.search));
  useEffect(() => {
    const onPop = () => setRoute(parseRoute(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const go = useCallback((next: RiskRoute, options?: { replace?: boolean }) => {
    const href = routeHref(next);
    if (`${window.location.pathname}${window.location.search}` !== href) {
      if (options?.replace) window.history.replaceState(null, '', href);
      else window.history.pushState(null, '', href);
    }
    setRoute(parseRoute(new URL(href, window.location.href).search));
  }, []);
  return [route, go];
}
