/**
 * The atlas page: header, layer panel and legend on the left, the map with its notices and the attribute panel.
 * `/planner` swaps the left panel for the planner review (web/src/planner) on the same map.
 */
import type { Layer } from '@deck.gl/core';
import type { FeatureCollection } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { LayerId } from './api/layers.ts';
import { config, type BBox } from './config.ts';
import { LayerStore } from './data/layerStore.ts';
import { useI18n } from './i18n/index.tsx';
import { layerModules, layerOrder } from './map/layers/index.ts';
import { MapView, type Selection } from './map/MapView.tsx';
import { Planner } from './planner/Planner.tsx';
import { RiskView } from './risk/RiskView.tsx';
import { atlas } from './testHook.ts';
import { AttributePanel } from './ui/AttributePanel.tsx';
import { Header } from './ui/Header.tsx';
import { LayerPanel } from './ui/LayerPanel.tsx';
import { Legend } from './ui/Legend.tsx';
import { errorText, Notices } from './ui/Notices.tsx';
import { ViewTabs } from './ui/ViewTabs.tsx';
import { useView } from './views.ts';

/** Union of the layers' extents; the admin areas (provinces drawn larger than the region) only if nothing else. */
function extentOf(summaries: { layer: LayerId; bbox: number[] | null }[] | null): BBox | null {
  if (!summaries) return null;
  const boxes = summaries.filter((s) => s.bbox && s.layer !== 'admin_areas').map((s) => s.bbox as BBox);
  const all = boxes.length ? boxes : summaries.filter((s) => s.bbox).map((s) => s.bbox as BBox);
  if (!all.length) return config.fallbackBounds;
  return [Math.min(...all.map((b) => b[0])), Math.min(...all.map((b) => b[1])), Math.max(...all.map((b) => b[2])), Math.max(...all.map((b) => b[3]))];
}

export function App() {
  const i18n = useI18n();
  const { lang, l } = i18n;
  const store = useMemo(() => new LayerStore(), []);
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const [visible, setVisible] = useState<ReadonlySet<LayerId>>(() => new Set(layerOrder));
  const [view, setView] = useState<{ bbox: BBox; zoom: number } | null>(null);
  const [selected, setSelected] = useState<Selection | null>(null);
  const [evidence, setEvidence] = useState<FeatureCollection | null>(null);
  const [mapErrors, setMapErrors] = useState<string[]>([]);
  const debounce = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [appView, goToView] = useView();
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [overlays, setOverlays] = useState<Layer[]>([]);
  /** The planner's drawing tools own map clicks: no feature selection meanwhile. */
  const [capturing, setCapturing] = useState(false);
  const planner = appView === 'planner';

  useEffect(() => {
    void store.loadSummaries();
  }, [store]);

  useEffect(() => {
    if (!view || !state.summaries) return;
    store.request(view.bbox, layerOrder.filter((id) => visible.has(id)));
    atlas.requestedZoom = view.zoom;
  }, [store, view, visible, state.summaries]);

  const onViewChange = useCallback((bbox: BBox, zoom: number) => {
    clearTimeout(debounce.current);
    debounce.current = setTimeout(() => setView({ bbox, zoom }), config.moveDebounceMs);
  }, []);

  const onError = useCallback((message: string) => setMapErrors((errors) => (errors.includes(message) ? errors : [...errors, message])), []);
  const onToggle = useCallback((layer: LayerId, on: boolean) => {
    setVisible((v) => {
      const next = new Set(v);
      if (on) next.add(layer);
      else next.delete(layer);
      return next;
    });
    if (!on) setSelected((s) => (s?.layer === layer ? null : s));
  }, []);
  const onClose = useCallback(() => setSelected(null), []);

  // The test hook (window.__atlas).
  useEffect(() => {
    atlas.loading = state.loading.length > 0 || state.loadingSummaries;
    atlas.errors = [...state.errors.map((e) => errorText(e, state.summaries, i18n)), ...mapErrors];
  }, [state, mapErrors, i18n]);
  useEffect(() => {
    const p = selected?.feature.properties;
    atlas.selected = selected ? { layer: selected.layer, id: String(p?.id ?? selected.feature.id), name: String(p?.name ?? '') } : undefined;
  }, [selected]);
  useEffect(() => {
    atlas.showEvidence = setEvidence;
  }, []);

  const extent = useMemo(() => extentOf(state.summaries), [state.summaries]);
  const failed = useMemo(() => new Set(state.errors.flatMap((e) => (e.kind === 'layer' ? [e.layer] : []))), [state.errors]);
  const dense = useMemo(() => new Set(Object.keys(state.density) as LayerId[]), [state.density]);
  const summary = selected ? state.summaries?.find((s) => s.layer === selected.layer) : undefined;
  const loadingTitles = state.loading.map((id) => l(state.summaries?.find((s) => s.layer === id)?.title ?? layerModules[id].title));

  // 区域风险 regional risk: its own map and panels (web/src/risk), under the same header.
  if (appView === 'risk') {
    return (
      <div className="app">
        <Header>
          <ViewTabs view={appView} onNavigate={goToView} />
        </Header>
        <RiskView />
      </div>
    );
  }

  return (
    <div className="app">
      <Header>
        <ViewTabs view={appView} onNavigate={goToView} />
      </Header>
      <div className={planner ? 'workspace planner-workspace' : 'workspace'}>
        {planner ? (
          <Planner
            map={map}
            data={state.data}
            summaries={state.summaries}
            loading={state.loading.length > 0}
            onEvidence={setEvidence}
            onOverlays={setOverlays}
            onCapture={setCapturing}
            layerPanel={<LayerPanel summaries={state.summaries} visible={visible} loading={state.loading} failed={failed} dense={dense} onToggle={onToggle} />}
          />
        ) : (
          <nav className="sidebar" aria-label={i18n.t('layers')}>
            <LayerPanel summaries={state.summaries} visible={visible} loading={state.loading} failed={failed} dense={dense} onToggle={onToggle} />
            <Legend visible={visible} evidence={evidence} dense={dense} />
          </nav>
        )}
        <main className="map-area" id="map" tabIndex={-1}>
          <MapView
            lang={lang}
            data={state.data}
            density={state.density}
            visible={visible}
            selected={selected}
            evidence={evidence}
            initialBounds={extent}
            settled={state.settled}
            onSelect={setSelected}
            pickable={!capturing}
            onViewChange={onViewChange}
            onError={onError}
            overlays={planner ? overlays : undefined}
            onMapReady={setMap}
          />
          <Notices
            loading={state.loading.length > 0 || state.loadingSummaries}
            loadingTitles={loadingTitles}
            errors={state.errors}
            mapErrors={mapErrors}
            summaries={state.summaries}
            onRetry={() => store.reload()}
            onDismiss={(key) => store.dismissError(key)}
            onDismissMapError={(m) => setMapErrors((errors) => errors.filter((e) => e !== m))}
          />
          {visible.has('admin_areas') && <p className="map-note">{i18n.t('boundaryNote')}</p>}
          {selected && <AttributePanel selection={selected} summary={summary} onClose={onClose} />}
        </main>
      </div>
    </div>
  );
}
