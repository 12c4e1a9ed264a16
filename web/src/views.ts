/**
 * The app's views (tabs) and the URL that names them: `/` the map (一张图), `/planner` the planner review (选址审查).
 * The path holds the view, the query the view's own state (`?proposal=…`), the hash the map position (`#map=…`).
 * History API only: the server answers every client route with index.html (server/site.ts).
 */
import { useCallback, useEffect, useState } from 'react';
import type { UiKey } from './i18n/ui.ts';

export type ViewId = 'map' | 'planner' | 'risk';

export const views: { id: ViewId; path: string; title: UiKey }[] = [
  { id: 'map', path: '/', title: 'viewMap' },
  { id: 'planner', path: '/planner', title: 'viewPlanner' },
  // 区域风险 regional risk (web/src/risk): `/risk?area=…&site=…`, see web/src/risk/route.ts.
  { id: 'risk', path: '/risk', title: 'viewRisk' },
];

export function viewOfPath(pathname: string): ViewId {
  if (/^\/risk(\/|$)/.test(pathname)) return 'risk';
  return /^\/planner(\/|$)/.test(pathname) ? 'planner' : 'map';
}

/** The current view and a way to go to another one (pushState; the map position in the hash is kept). */
export function useView(): [ViewId, (view: ViewId) => void] {
  const [view, setView] = useState<ViewId>(() => viewOfPath(window.location.pathname));
  useEffect(() => {
    const onPop = () => setView(viewOfPath(window.location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const go = useCallback((next: ViewId) => {
    const path = views.find((v) => v.id === next)!.path;
    if (viewOfPath(window.location.pathname) !== next) window.history.pushState(null, '', `${path}${window.location.hash}`);
    setView(next);
  }, []);
  return [view, go];
}
